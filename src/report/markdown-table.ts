/**
 * A Markdown table for the reports: a header, then rows, the first column left-aligned and
 * the others right-aligned (they hold figures); `|` and line breaks in cells are escaped so a
 * rule id or reason can never break the table.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ')
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
  ]
}
