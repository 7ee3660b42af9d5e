import type { PrecisionRecallF1 } from './precision-recall-f1.js'
import { tokenCounts, tokenize } from './tokenize.js'

/**
 * Bag-of-tokens precision, recall and F1 of one document (WCXB `word_f1`): lower-cased `\w+`
 * tokens, overlap = Σ min(count in prediction, count in gold). An empty gold scores 1 when the
 * prediction is empty too, else 0; an empty prediction scores 0.
 */
export function tokenF1(gold: string, prediction: string): PrecisionRecallF1 {
  const predicted = tokenize(prediction ? prediction.toLowerCase() : '')
  const reference = tokenize(gold ? gold.toLowerCase() : '')
  if (reference.length === 0) return predicted.length === 0 ? { precision: 1, recall: 1, f1: 1 } : { precision: 0, recall: 0, f1: 0 }
  if (predicted.length === 0) return { precision: 0, recall: 0, f1: 0 }
  const goldCounts = tokenCounts(reference)
  let overlap = 0
  for (const [token, count] of tokenCounts(predicted)) overlap += Math.min(count, goldCounts.get(token) ?? 0)
  const precision = overlap / predicted.length
  const recall = overlap / reference.length
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 }
}
