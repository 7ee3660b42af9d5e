import { painter, type Painter } from '../cli/terminal-color.js'
import type { BlockChange, DocumentChange } from './compare-runs.js'
import type { ConfigSummary } from './describe-config.js'
import type { PreviewReport } from './preview-report.js'
import type { RuleCharRow } from './removed-chars-by-rule.js'
import { terminalSafe } from './terminal-safe.js'

/** How the report is printed. */
export interface FormatPreviewOptions {
  /** ANSI colours (the command turns them on only for a terminal without NO_COLOR). */
  readonly color: boolean
}

/** How many characters of a block's text an example shows. */
const SHOWN_TEXT_CHARS = 100

/** How many changed documents the listing names; `--json` lists them all. */
export const SHOWN_DOCUMENTS = 20

/** Characters of a configuration hash shown in the header. */
const SHOWN_HASH_CHARS = 12


/**
 * Formats a preview report for a terminal, plain text: a header with both configurations and
 * the rules that differ, the document and block counts, the characters removed per rule
 * (current vs proposed, largest change first), example blocks newly removed and newly kept with
 * the rule and reason behind each, and the documents that changed. Text from inputs is made
 * terminal-safe. Ends with a newline.
 */
export function formatPreview(report: PreviewReport, options: FormatPreviewOptions): string {
  const paint = painter(options.color)
  const { comparison: c, sample, ruleChanges } = report
  const lines: string[] = [paint('bold', 'decruft preview: current rules vs proposed rules')]

  lines.push(`pipeline  ${terminalSafe(report.current.file)} (both runs)`)
  lines.push(`current   ${describeConfigLine(report.current)}`, `proposed  ${describeConfigLine(report.proposed)}`)
  lines.push(`rules     ${describeRuleChanges(ruleChanges)}`)
  if (report.current.hash === report.proposed.hash) {
    lines.push(paint('yellow', 'the proposed configuration hashes the same as the current one: nothing can change'))
  }

  lines.push('', `documents           ${count(sample.documents)} sampled (${describeSample(sample)})`)
  if (sample.rejectedAtRead > 0) {
    const codes = Object.entries(sample.rejectedAtReadByCode).map(([code, n]) => `${code} ${n}`).join(', ')
    lines.push(`                    ${count(sample.rejectedAtRead)} rejected at read and skipped (${codes})`)
  }
  if (sample.skippedFiles > 0) lines.push(`                    ${count(sample.skippedFiles)} file(s) under the inputs not read (unsupported or hidden)`)
  lines.push(
    `affected            ${count(c.affected)}   output text differs in ${count(c.textChanged)}`,
    `newly rejected      ${count(c.newlyRejected)}`,
    `no longer rejected  ${count(c.noLongerRejected)}`,
    `blocks              ${paint('red', `${count(c.blocks.newlyRemoved)} newly removed`)}, ${paint('green', `${count(c.blocks.newlyKept)} newly kept`)}, ${count(c.blocks.reattributed)} removed by another rule (of ${count(c.blocks.compared)} compared)`,
    `characters kept     ${count(c.charsKept.current)} → ${count(c.charsKept.proposed)} (${signed(c.charsKept.proposed - c.charsKept.current)})`,
  )

  lines.push('', paint('bold', 'characters removed per rule (current → proposed)'), ...ruleTable(report, paint))

  lines.push('', paint('bold', `newly removed blocks (${c.examples.newlyRemoved.length} of ${count(c.blocks.newlyRemoved)} shown)`))
  lines.push(...examples(c.examples.newlyRemoved, 'now removed by', (text) => paint('red', text)))
  lines.push('', paint('bold', `newly kept blocks (${c.examples.newlyKept.length} of ${count(c.blocks.newlyKept)} shown)`))
  lines.push(...examples(c.examples.newlyKept, 'was removed by', (text) => paint('green', text)))

  const shown = c.changedDocuments.slice(0, SHOWN_DOCUMENTS)
  lines.push('', paint('bold', `documents with changes (${shown.length} of ${count(c.changedDocuments.length)} shown)`))
  if (shown.length === 0) lines.push('  none')
  for (const doc of shown) lines.push(`  ${terminalSafe(doc.id, 60)}  ${describeDocument(doc)}`)
  if (c.changedDocuments.length > shown.length) lines.push(`  … and ${count(c.changedDocuments.length - shown.length)} more (--json lists them all)`)
  return `${lines.join('\n')}\n`
}

function describeConfigLine(config: ConfigSummary): string {
  const folders = config.ruleDirectories.map((dir) => terminalSafe(dir)).join(', ')
  const model = config.blockModel ? 'block model on' : 'no block model'
  return `${count(config.rules)} rules (${count(config.enabledRules)} enabled) in ${config.ruleFiles} files from ${folders}; ${model}; hash ${config.hash.slice(0, SHOWN_HASH_CHARS)}`
}

function describeRuleChanges(changes: PreviewReport['ruleChanges']): string {
  const part = (n: readonly string[], what: string) => (n.length === 0 ? `0 ${what}` : `${n.length} ${what}: ${n.map((id) => terminalSafe(id)).join(', ')}`)
  return [part(changes.added, 'added'), part(changes.removed, 'removed'), part(changes.changed, 'changed')].join('; ')
}

function describeSample(sample: PreviewReport['sample']): string {
  const which = `the first ${count(sample.documents)} readable in input order`
  return sample.moreInput ? `${which}; --sample ${sample.limit} stopped before the end of the inputs` : `${which}; all the inputs hold`
}

/** The per-rule rows worth reading: rules whose characters changed, and rules the proposal adds, removes or changes. */
function ruleTable(report: PreviewReport, paint: Painter): string[] {
  const named = new Set([...report.ruleChanges.added, ...report.ruleChanges.removed, ...report.ruleChanges.changed])
  const rows = report.comparison.rules.filter((row) => row.delta !== 0 || named.has(row.ruleId))
  const hidden = report.comparison.rules.length - rows.length
  if (rows.length === 0) return ['  no rule removed a different number of characters', ...(hidden > 0 ? [hiddenRules(hidden)] : [])]
  const ids = rows.map((row) => terminalSafe(row.ruleId) + (named.has(row.ruleId) ? ` (${ruleTag(row, report)})` : ''))
  const cells = rows.map((row, i) => [ids[i] ?? '', count(row.current), count(row.proposed), signed(row.delta)])
  const header = ['rule', 'current', 'proposed', 'delta']
  const widths = header.map((h, col) => Math.max(h.length, ...cells.map((r) => (r[col] ?? '').length)))
  const line = (r: readonly string[]) => `  ${r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))).join('  ')}`
  const out = [line(header)]
  rows.forEach((row, i) => {
    const text = line(cells[i] ?? [])
    out.push(row.delta > 0 ? paint('red', text) : row.delta < 0 ? paint('green', text) : text)
  })
  if (hidden > 0) out.push(hiddenRules(hidden))
  return out
}

function ruleTag(row: RuleCharRow, report: PreviewReport): string {
  if (report.ruleChanges.added.includes(row.ruleId)) return 'new'
  if (report.ruleChanges.removed.includes(row.ruleId)) return 'removed'
  return 'changed'
}

function hiddenRules(n: number): string {
  return `  (${count(n)} other rule ids removed the same characters in both runs; --json lists every rule)`
}

function examples(changes: readonly BlockChange[], verb: string, mark: (text: string) => string): string[] {
  if (changes.length === 0) return ['  none']
  return changes.flatMap((change) => {
    const where = change.source !== '' && change.source !== change.documentId ? ` (${terminalSafe(change.source, 80)})` : ''
    const moved = change.label === 'metadata' ? ' (moved to metadata)' : ''
    const why = change.ruleId === null ? 'no rule recorded' : `${terminalSafe(change.ruleId)}${change.reason ? `: ${terminalSafe(change.reason, 120)}` : ''}`
    return [
      `  ${terminalSafe(change.documentId, 60)} block ${change.blockIndex}${where}`,
      `    ${verb} ${why}${moved}`,
      `    ${mark(`| ${terminalSafe(change.text, SHOWN_TEXT_CHARS)}`)}`,
    ]
  })
}

function describeDocument(doc: DocumentChange): string {
  const parts: string[] = []
  if (doc.newlyRemoved > 0) parts.push(`${doc.newlyRemoved} block(s) newly removed`)
  if (doc.newlyKept > 0) parts.push(`${doc.newlyKept} block(s) newly kept`)
  if (doc.reattributed > 0) parts.push(`${doc.reattributed} block(s) removed by another rule`)
  if (doc.textDiffers) parts.push(`text differs (${count(doc.charsKept.current)} → ${count(doc.charsKept.proposed)} chars)`)
  if (doc.rejected.current === null && doc.rejected.proposed !== null) parts.push(`newly rejected (${terminalSafe(doc.rejected.proposed)})`)
  if (doc.rejected.current !== null && doc.rejected.proposed === null) parts.push(`no longer rejected (was ${terminalSafe(doc.rejected.current)})`)
  if (doc.note !== undefined) parts.push(doc.note)
  return parts.join('; ')
}

function count(n: number): string {
  return n.toLocaleString('en-US')
}

function signed(n: number): string {
  return n > 0 ? `+${count(n)}` : n < 0 ? `-${count(-n)}` : '0'
}
