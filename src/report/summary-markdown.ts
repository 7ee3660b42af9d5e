import { renderRunComparison, type RunComparison } from './compare-runs.js'
import { renderCorpusSummary } from './corpus-summary-markdown.js'
import { markdownTable } from './markdown-table.js'
import type { RunReport, StageFigures } from './run-report.js'
import type { CorpusPassResults } from './write-corpus-report.js'
import { LISTED_WARNING_IDS, mergeWarningDocuments, type WarningDocumentsByCode } from './warning-documents.js'

/** Facts about the run that the summary shows beside the report's figures. */
export interface SummaryContext {
  readonly runId: string
  readonly startedAt: string
  readonly durationMs: number
  readonly inputs: readonly string[]
  readonly configHash: string
  readonly version: string
  readonly skippedFiles: number
  /** What the corpus passes learned and decided, when they ran. */
  readonly corpus?: CorpusPassResults
  /** How this run differs from the previous successful run on the same state. */
  readonly comparison?: RunComparison
  /** For an incremental run: documents skipped because an earlier run saw their content. */
  readonly incremental?: { readonly unchanged: number }
}

const TOP_RULES = 20

/** Renders the run report as Markdown a researcher can read: what came in, what left, and why. */
export function renderSummary(report: RunReport, ctx: SummaryContext): string {
  const d = report.documents
  const lines: string[] = [
    `# decruft run ${ctx.runId}`,
    '',
    `Started ${ctx.startedAt}, took ${(ctx.durationMs / 1000).toFixed(2)} s. decruft ${ctx.version}, config ${ctx.configHash.slice(0, 12)}.`,
    `Inputs: ${ctx.inputs.map((i) => `\`${i}\``).join(', ')}${ctx.skippedFiles > 0 ? ` (${ctx.skippedFiles} files skipped, see run.json)` : ''}.`,
    '',
    '## Documents',
    '',
    `| read | written | rejected |`,
    `|--:|--:|--:|`,
    `| ${d.read} | ${d.written} | ${d.rejected} |`,
    '',
  ]
  if (ctx.incremental) {
    lines.push(
      `Incremental run: ${ctx.incremental.unchanged} documents skipped, unchanged since earlier successful runs (their content was seen before); ${d.read} new documents read.`,
      '',
    )
  }
  if (Object.keys(d.byCode).length > 0) {
    lines.push('Rejected by code (each document is in `rejects.jsonl` with its reason):', '')
    lines.push(...markdownTable(['code', 'documents'], Object.entries(d.byCode).map(([code, n]) => [`\`${code}\``, String(n)])), '')
  }
  lines.push('## Stages', '')
  lines.push(
    ...markdownTable(
      ['stage', 'docs in', 'docs out', 'rejected', 'chars in', 'chars out', 'removed', 'edited', 'ms'],
      Object.entries(report.stages).map(([name, s]) => [
        name, String(s.documentsIn), String(s.documentsOut), String(sum(s.dropped)),
        String(s.charsIn), String(s.charsOut), String(s.charsRemoved), String(s.charsEdited), s.ms.toFixed(1),
      ]),
    ),
    '',
    'For boilerplate and normalize, chars in = chars out + removed + edited. Segment turns raw input (markup included) into blocks.',
    '',
  )
  const rules = Object.entries(report.stages)
    .flatMap(([, s]) => Object.entries(s.removedByRule))
    .sort((a, b) => b[1].chars - a[1].chars || a[0].localeCompare(b[0]))
  if (rules.length > 0) {
    lines.push('## What the rules removed', '', `Characters removed or moved to metadata, per rule (top ${TOP_RULES}):`, '')
    lines.push(
      ...markdownTable(['rule', 'documents', 'blocks', 'chars'], rules.slice(0, TOP_RULES).map(([id, r]) => [`\`${id}\``, String(r.documents), String(r.blocks), String(r.chars)])),
      '',
    )
  }
  const warnings = mergedWarnings(report.stages)
  if (Object.keys(warnings).length > 0) {
    lines.push('## Warnings', '', ...markdownTable(['code', 'documents'], Object.entries(warnings).map(([c, w]) => [`\`${c}\``, String(w.total)])), '')
    lines.push(
      `Documents per warning (the first ${LISTED_WARNING_IDS} ids in sorted order; every dataset record's \`warnings\` field names its codes):`,
      '',
      ...Object.entries(warnings).map(([code, w]) => {
        const more = w.total > w.ids.length ? `, and ${w.total - w.ids.length} more` : ''
        return `- \`${code}\` (${w.total}): ${w.ids.map(inlineCode).join(', ')}${more}`
      }),
      '',
    )
  }
  lines.push(...renderCorpusSummary(ctx.corpus ?? {}))
  if (ctx.comparison) lines.push(...renderRunComparison(ctx.comparison))
  lines.push('## Labels of written documents', '')
  for (const [name, counts] of Object.entries(report.labels)) {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    lines.push(`- **${name}**: ${entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ${n}`).join(', ')}`)
  }
  const meta = Object.entries(report.meta).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  lines.push(`- **metadata found**: ${meta.length === 0 ? 'none' : meta.map(([k, n]) => `${k} ${n}`).join(', ')}`, '')
  return lines.join('\n')
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0)
}

function mergedWarnings(stages: Record<string, StageFigures>): WarningDocumentsByCode {
  return Object.values(stages).reduce<WarningDocumentsByCode>((all, s) => mergeWarningDocuments(all, s.warningDocuments), {})
}

/** A Markdown code span that holds any id, backticks and line breaks included. */
function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ')
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}
