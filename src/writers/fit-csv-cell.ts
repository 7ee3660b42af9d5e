import type { CsvColumn, CsvRow } from './dataset-record.js'

/** Excel's limit on the characters of one cell; longer cells are split or mangled when opened. */
export const EXCEL_MAX_CELL_CHARS = 32_767

/**
 * A CSV cell cut to at most `maxChars` characters, ending in a marker that says how much was
 * cut and where the whole value is, so a truncated text is never mistaken for the full one.
 * Values within the limit are returned unchanged.
 */
export function fitCsvCell(value: string, maxChars: number): string {
  if (value.length <= maxChars) return value
  const marker = ` [… cut: ${maxChars} of ${value.length} characters; full text in dataset.jsonl]`
  let end = Math.max(0, maxChars - marker.length)
  // Never cut between the two halves of a surrogate pair.
  const last = value.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return value.slice(0, end) + marker
}

/** The columns of a CSV row whose cells `fitCsvCell` would cut, with their lengths. */
export function overlongCsvCells(row: CsvRow, maxChars: number): { column: CsvColumn; chars: number }[] {
  return (Object.entries(row) as [CsvColumn, string | number | null][]).flatMap(([column, value]) =>
    typeof value === 'string' && value.length > maxChars ? [{ column, chars: value.length }] : [],
  )
}
