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
