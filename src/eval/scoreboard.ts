import { commentLeak, type CommentLeak } from './comment-leak.js'
import type { GoldRecord } from './gold-record.js'
import { mean } from './mean.js'
import { aggregateShingleMatches, shingleMatch, tokensIdentical, type ShingleMatch } from './shingle-match.js'
import { snippetCounts, snippetScores, type SnippetCounts } from './snippet-counts.js'
import { tokenF1 } from './token-f1.js'
import type { PrecisionRecallF1 } from './precision-recall-f1.js'

/**
 * One row of the score table: a dataset, or all datasets pooled. Keys are those of the
 * reference scorer's JSON (`shared/eval/scorer/score.mjs`), so the two compare key by key;
 * metrics a row has no documents for are absent (or NaN, written as null in JSON).
 */
export interface ScoreRow {
  /** Records with a gold text (those the sh_* and tok_* metrics average over). */
  readonly docs: number
  /** Records without a prediction (absent id); they score as empty output. */
  readonly missing: number
  readonly sh_p?: number
  readonly sh_r?: number
  readonly sh_f1?: number
  /** Share of documents whose token sequence equals the gold's. */
  readonly sh_acc?: number
  readonly tok_p?: number
  readonly tok_r?: number
  readonly tok_f1?: number
  /** Documents with a comment-leak figure (annotated comments that lie outside the gold article). */
  readonly leak_docs?: number
  readonly leak_sh?: number
  readonly leak_tok?: number
  /** Documents with with/without snippets. */
  readonly snip_docs?: number
  readonly snip_p?: number
  readonly snip_r?: number
  readonly snip_acc?: number
  readonly snip_f1?: number
  /** All records scored, with or without a gold text (decruft only). */
  readonly records: number
  /** Records with a non-blank gold text or at least one non-blank "with" snippet (decruft only). */
  readonly gold_docs: number
  /** Of those, records whose prediction is empty or blank: the "≤ 1% empty output" target (decruft only). */
  readonly empty_but_gold: number
}

/** F1 averaged over the datasets that have gold texts (each dataset counts once, whatever its size). */
export interface MacroRow {
  readonly sh_f1: number
  readonly tok_f1: number
  readonly datasets: number
}

/** Scores per dataset (sorted by name), pooled over all documents, and macro-averaged. */
export interface EvalScores {
  readonly datasets: Readonly<Record<string, ScoreRow>>
  readonly all: ScoreRow
  readonly macro: MacroRow
}

/** Collects per-document figures as predictions arrive and summarises them into `EvalScores`. */
export interface Scoreboard {
  /**
   * Scores one record. `prediction` undefined = absent (counted in `missing`, scored as empty
   * output); null = present but no text (scored as empty output, and misses every snippet).
   */
  add(record: GoldRecord, prediction: string | null | undefined): void
  /** The scores so far; may be called more than once. */
  scores(): EvalScores
}

interface Accumulator {
  records: number
  docs: number
  missing: number
  goldDocs: number
  emptyButGold: number
  shingles: ShingleMatch[]
  identical: number
  tokens: PrecisionRecallF1[]
  leaks: CommentLeak[]
  snippets: SnippetCounts
  snippetDocs: number
}

function emptyAccumulator(): Accumulator {
  return { records: 0, docs: 0, missing: 0, goldDocs: 0, emptyButGold: 0, shingles: [], identical: 0, tokens: [], leaks: [], snippets: [0, 0, 0, 0], snippetDocs: 0 }
}

/** True when the record says what its main content is: a non-blank gold text or a non-blank "with" snippet. */
function hasGold(record: GoldRecord): boolean {
  if (record.gold !== null && record.gold.trim() !== '') return true
  return record.gold_with !== null && record.gold_with.some((s) => s.trim() !== '')
}

function addTo(a: Accumulator, record: GoldRecord, prediction: string | null | undefined): void {
  a.records++
  if (prediction === undefined) a.missing++
  const text = prediction || ''
  if (hasGold(record)) {
    a.goldDocs++
    if (text.trim() === '') a.emptyButGold++
  }
  if (record.gold !== null) {
    a.docs++
    a.shingles.push(shingleMatch(record.gold, text))
    a.identical += tokensIdentical(record.gold, text)
    a.tokens.push(tokenF1(record.gold, text))
  }
  if (record.gold_comments) {
    const leak = commentLeak(record.gold, record.gold_comments, text)
    if (leak) a.leaks.push(leak)
  }
  const withs = record.gold_with
  const withouts = record.gold_without
  if (withs !== null && withouts !== null && (withs.length > 0 || withouts.length > 0)) {
    const counts = snippetCounts(withs, withouts, prediction ?? null)
    for (let i = 0; i < 4; i++) a.snippets[i] = (a.snippets[i] ?? 0) + (counts[i] ?? 0)
    a.snippetDocs++
  }
}

function summarize(a: Accumulator): ScoreRow {
  let row: ScoreRow = { docs: a.docs, missing: a.missing, records: a.records, gold_docs: a.goldDocs, empty_but_gold: a.emptyButGold }
  if (a.docs > 0) {
    const sh = aggregateShingleMatches(a.shingles)
    row = {
      ...row,
      sh_p: sh.precision,
      sh_r: sh.recall,
      sh_f1: sh.f1,
      sh_acc: a.identical / a.docs,
      tok_p: mean(a.tokens.map((t) => t.precision)),
      tok_r: mean(a.tokens.map((t) => t.recall)),
      tok_f1: mean(a.tokens.map((t) => t.f1)),
    }
  }
  if (a.leaks.length > 0) {
    const tokenLeaks = a.leaks.flatMap((l) => (l.token === null ? [] : [l.token]))
    row = {
      ...row,
      leak_docs: a.leaks.length,
      leak_sh: mean(a.leaks.map((l) => l.shingle)),
      ...(tokenLeaks.length > 0 ? { leak_tok: mean(tokenLeaks) } : {}),
    }
  }
  if (a.snippetDocs > 0) {
    const s = snippetScores(a.snippets)
    row = { ...row, snip_docs: a.snippetDocs, snip_p: s.precision, snip_r: s.recall, snip_acc: s.accuracy, snip_f1: s.f1 }
  }
  return row
}

/** Pools accumulators in the given order, as the reference scorer pools its datasets (sorted by name). */
function pool(parts: readonly Accumulator[]): Accumulator {
  const all = emptyAccumulator()
  for (const a of parts) {
    all.records += a.records
    all.docs += a.docs
    all.missing += a.missing
    all.goldDocs += a.goldDocs
    all.emptyButGold += a.emptyButGold
    all.identical += a.identical
    all.shingles.push(...a.shingles)
    all.tokens.push(...a.tokens)
    all.leaks.push(...a.leaks)
    for (let i = 0; i < 4; i++) all.snippets[i] = (all.snippets[i] ?? 0) + (a.snippets[i] ?? 0)
    all.snippetDocs += a.snippetDocs
  }
  return all
}

/**
 * A fresh scoreboard. Per-document figures are kept (a few numbers per document) so the
 * pooled row averages documents exactly as the reference scorer does, in the same order.
 */
export function createScoreboard(): Scoreboard {
  const perDataset = new Map<string, Accumulator>()
  return {
    add(record, prediction) {
      let a = perDataset.get(record.dataset)
      if (a === undefined) {
        a = emptyAccumulator()
        perDataset.set(record.dataset, a)
      }
      addTo(a, record, prediction)
    },
    scores() {
      const names = [...perDataset.keys()].sort()
      const datasets: Record<string, ScoreRow> = {}
      for (const name of names) datasets[name] = summarize(perDataset.get(name) as Accumulator)
      const all = summarize(pool(names.map((name) => perDataset.get(name) as Accumulator)))
      const withGold = Object.values(datasets).filter((d) => d.docs > 0)
      const macro: MacroRow = {
        sh_f1: mean(withGold.map((d) => d.sh_f1 ?? Number.NaN)),
        tok_f1: mean(withGold.map((d) => d.tok_f1 ?? Number.NaN)),
        datasets: withGold.length,
      }
      return { datasets, all, macro }
    },
  }
}
