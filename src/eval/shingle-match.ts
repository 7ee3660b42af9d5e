import { mean } from './mean.js'
import type { PrecisionRecallF1 } from './precision-recall-f1.js'
import { tokenize } from './tokenize.js'

/**
 * The ScrapingHub article-extraction-benchmark metric (`evaluate.py`): 4-token shingles of
 * case-sensitive `\w+` tokens, compared as multisets per document.
 */

/** Per-document true positives, false positives and false negatives, normalised to sum to 1 (all 0 when both texts are empty). */
export type ShingleMatch = readonly [tp: number, fp: number, fn: number]

/**
 * Multiset of `size`-token shingles, each joined by a space. A text of 1 to `size - 1` tokens
 * gives one shorter shingle (the whole text); an empty text gives none.
 */
export function shingles(tokens: readonly string[], size = 4): Map<string, number> {
  const out = new Map<string, number>()
  const last = Math.max(1, tokens.length - size + 1)
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + size)
    if (shingle.length === 0) continue
    const key = shingle.join(' ')
    out.set(key, (out.get(key) ?? 0) + 1)
  }
  return out
}

/** Compares a prediction with its gold text shingle by shingle (`string_shingle_matching`). */
export function shingleMatch(gold: string, prediction: string, size = 4): ShingleMatch {
  const goldShingles = shingles(tokenize(gold), size)
  const predicted = shingles(tokenize(prediction), size)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const key of new Set([...goldShingles.keys(), ...predicted.keys()])) {
    const inGold = goldShingles.get(key) ?? 0
    const inPrediction = predicted.get(key) ?? 0
    tp += Math.min(inGold, inPrediction)
    fp += Math.max(0, inPrediction - inGold)
    fn += Math.max(0, inGold - inPrediction)
  }
  const total = tp + fp + fn
  return total > 0 ? [tp / total, fp / total, fn / total] : [tp, fp, fn]
}

function precisionOf([tp, fp, fn]: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1
  if (tp === 0 && fp === 0) return 0
  return tp / (tp + fp)
}

function recallOf([tp, fp, fn]: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1
  if (tp === 0 && fn === 0) return 0
  return tp / (tp + fn)
}

/**
 * Aggregates per-document matches as `metrics_from_tp_fp_fns` does: precision averaged over
 * documents with tp+fp > 0, recall over documents with tp+fn > 0, and F1 the harmonic mean of
 * those two averages (not a mean of per-document F1s).
 */
export function aggregateShingleMatches(matches: readonly ShingleMatch[]): PrecisionRecallF1 {
  const precision = mean(matches.filter(([tp, fp]) => tp + fp > 0).map(precisionOf))
  const recall = mean(matches.filter(([tp, , fn]) => tp + fn > 0).map(recallOf))
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) }
}

/** 1 when the two texts have the same token sequence, else 0 (the benchmark's "accuracy"). */
export function tokensIdentical(gold: string, prediction: string): 0 | 1 {
  const a = tokenize(gold)
  const b = tokenize(prediction)
  if (a.length !== b.length) return 0
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return 0
  return 1
}
