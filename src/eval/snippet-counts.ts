/**
 * trafilatura's snippet benchmark rule (`tests/eval_common.py` `count_item`): a "with" snippet
 * found in the prediction is a true positive, missed a false negative; a "without" snippet
 * found is a false positive, absent a true negative. Found = case-sensitive substring after
 * collapsing whitespace runs to one space and trimming, on both sides.
 */

/** Confusion counts `[tp, fp, fn, tn]`, summed (pooled) over the documents of a dataset. */
export type SnippetCounts = [tp: number, fp: number, fn: number, tn: number]

/** Scores of a pooled confusion matrix; each is 0 when its denominator is 0. */
export interface SnippetScores {
  readonly precision: number
  readonly recall: number
  readonly accuracy: number
  readonly f1: number
}

/** Collapses every whitespace run to one space and trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Counts one document's snippets; a missing prediction (null) finds nothing, so every "with" is missed. */
export function snippetCounts(withSnippets: readonly string[], withoutSnippets: readonly string[], prediction: string | null): SnippetCounts {
  if (typeof prediction !== 'string') return [0, 0, withSnippets.length, withoutSnippets.length]
  const text = normalizeWhitespace(prediction)
  const tp = withSnippets.filter((s) => text.includes(normalizeWhitespace(s))).length
  const fp = withoutSnippets.filter((s) => text.includes(normalizeWhitespace(s))).length
  return [tp, fp, withSnippets.length - tp, withoutSnippets.length - fp]
}

/** Precision, recall, accuracy and F1 = 2tp / (2tp + fp + fn) of pooled counts. */
export function snippetScores([tp, fp, fn, tn]: SnippetCounts): SnippetScores {
  const total = tp + fp + fn + tn
  const f1Denominator = 2 * tp + fp + fn
  return {
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    accuracy: total ? (tp + tn) / total : 0,
    f1: f1Denominator ? (2 * tp) / f1Denominator : 0,
  }
}
