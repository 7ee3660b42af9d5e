import type { SparseVector } from './tf-idf-vocabulary.js'

/** Each label's score for a vector: its bias plus the dot product of its weight row with the vector. */
export function linearScores(weights: readonly ArrayLike<number>[], bias: readonly number[], vector: SparseVector): Float64Array {
  const scores = new Float64Array(weights.length)
  for (let k = 0; k < weights.length; k++) {
    const row = weights[k] as ArrayLike<number>
    let score = bias[k] ?? 0
    for (let t = 0; t < vector.indices.length; t++) score += (row[vector.indices[t] as number] as number) * (vector.values[t] as number)
    scores[k] = score
  }
  return scores
}

/** Probabilities from scores: softmax of the scores times `temperature` (the calibration factor). */
export function softmax(scores: ArrayLike<number>, temperature: number): Float64Array {
  let max = -Infinity
  for (let k = 0; k < scores.length; k++) max = Math.max(max, (scores[k] as number) * temperature)
  const probabilities = new Float64Array(scores.length)
  let sum = 0
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] as number) * temperature - max)
    probabilities[k] = e
    sum += e
  }
  for (let k = 0; k < scores.length; k++) probabilities[k] = (probabilities[k] as number) / sum
  return probabilities
}
