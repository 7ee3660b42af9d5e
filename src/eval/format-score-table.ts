import type { EvalCorpusPasses } from './run-eval.js'
import type { EvalScores, ScoreRow } from './scoreboard.js'

/** Column headers of the score table: the reference scorer's, plus `empty` (documents with gold whose output is empty). */
export const SCORE_TABLE_COLUMNS = ['dataset', 'docs', 'sh_P', 'sh_R', 'sh_F1', 'tok_P', 'tok_R', 'tok_F1', 'leak_sh', 'leak_tok', 'snip_P', 'snip_R', 'snip_F1', 'missing', 'empty'] as const

const figure = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '    -' : x.toFixed(3))

function cells(name: string, d: ScoreRow): string[] {
  return [name, String(d.docs), figure(d.sh_p), figure(d.sh_r), figure(d.sh_f1), figure(d.tok_p), figure(d.tok_r), figure(d.tok_f1), figure(d.leak_sh), figure(d.leak_tok), figure(d.snip_p), figure(d.snip_r), figure(d.snip_f1), String(d.missing), String(d.empty_but_gold)]
}

/**
 * The score table as the reference scorer prints it (one row per dataset, `ALL(pooled)`,
 * `MACRO`; three decimals, `-` where a metric does not apply), with an `empty` column, then
 * a line on empty outputs against the ≤ 1% target.
 */
export function formatScoreTable(title: string, scores: EvalScores): string {
  const rows: string[][] = [[...SCORE_TABLE_COLUMNS]]
  for (const [name, row] of Object.entries(scores.datasets)) rows.push(cells(name, row))
  rows.push(cells('ALL(pooled)', scores.all))
  rows.push(['MACRO', '', '', '', figure(scores.macro.sh_f1), '', '', figure(scores.macro.tok_f1), '', '', '', '', '', '', ''])
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  const lines = rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
  const { gold_docs: withGold, empty_but_gold: empty } = scores.all
  const share = withGold > 0 ? ((100 * empty) / withGold).toFixed(2) : '0.00'
  return [`# ${title}`, ...lines, `empty output where gold is not: ${empty} of ${withGold} documents (${share}%; target ≤ 1%)`].join('\n')
}

/** Signed difference of two figures to three decimals (`-` when either is missing), so a change shows at a glance. */
function delta(after: number | undefined, before: number | undefined): string {
  if (after === undefined || before === undefined || Number.isNaN(after) || Number.isNaN(before)) return '-'
  const d = after - before
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(3)}`
}

/**
 * The corpus passes' summary under the score table: what the repeated-block pass learned and
 * removed, the duplicates found, and the pooled figures with the dropped duplicates predicting ''
 * against `scores` (the table's), so the cost of deduplication on the gold set is plain.
 */
export function formatCorpusPasses(passes: EvalCorpusPasses, scores: EvalScores): string {
  const t = passes.thresholds
  const lines = [
    `corpus passes: repeated blocks (minShare ${t.minShare}, minDocuments ${t.minDocuments}, minSiteDocuments ${t.minSiteDocuments}) learned in ${(passes.learnMs / 1000).toFixed(1)} s`,
    `  sites ${passes.sites} (${passes.sitesLargeEnough} with enough documents, ${passes.sitesWithBlocks} learned blocks); learned blocks ${passes.learnedBlocks}`,
    `  corpus/repeated-block removed ${passes.charsRemoved} characters from ${passes.documentsTouched} documents`,
    `  duplicates (Jaccard ≥ ${passes.duplicateOptions.threshold} over ${passes.duplicateOptions.shingleWords}-word shingles) among ${passes.duplicateCandidates} kept documents: ${passes.duplicateClusters} clusters, ${passes.duplicatesDropped} dropped (${passes.exactDuplicatesDropped} exact)`,
  ]
  for (const c of passes.clusters) lines.push(`    ${c.survivor} ← ${c.members.map((m) => `${m.id} (${m.kind === 'exact' ? 'exact' : m.similarity.toFixed(2)})`).join(', ')}`)
  if (passes.duplicateClusters > passes.clusters.length) lines.push(`    … and ${passes.duplicateClusters - passes.clusters.length} more clusters`)
  const a = scores.all
  const d = passes.scoresWithDuplicatesDropped.all
  lines.push(
    `  with duplicates dropped (they predict ""): ALL sh_F1 ${figure(d.sh_f1)} (${delta(d.sh_f1, a.sh_f1)}) tok_F1 ${figure(d.tok_f1)} (${delta(d.tok_f1, a.tok_f1)}) snip_F1 ${figure(d.snip_f1)} (${delta(d.snip_f1, a.snip_f1)}); MACRO tok_F1 ${figure(passes.scoresWithDuplicatesDropped.macro.tok_f1)}`,
  )
  return lines.join('\n')
}
