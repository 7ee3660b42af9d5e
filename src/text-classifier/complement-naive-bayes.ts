import type { SparseVector } from './tf-idf-vocabulary.js'

/**
 * Fits complement naive Bayes (Rennie et al., ICML 2003) on tf-idf vectors: each label's weight
 * for a term is minus the log of the term's smoothed share in the texts of every *other* label,
 * which is steadier than plain multinomial NB when labels have few examples. Weights are
 * centred per term (the mean over labels subtracted): that changes no prediction and keeps the
 * stored numbers small. Returns one weight row per label.
 */
export function fitComplementNaiveBayes(
  vectors: readonly SparseVector[],
  labelOf: readonly number[],
  labelCount: number,
  termCount: number,
  alpha: number,
): Float64Array[] {
  const perLabel = Array.from({ length: labelCount }, () => new Float64Array(termCount))
  for (let i = 0; i < vectors.length; i++) {
    const { indices, values } = vectors[i] as SparseVector
    const row = perLabel[labelOf[i] as number] as Float64Array
    for (let t = 0; t < indices.length; t++) row[indices[t] as number] = (row[indices[t] as number] as number) + (values[t] as number)
  }
  const total = new Float64Array(termCount)
  for (const row of perLabel) for (let j = 0; j < termCount; j++) total[j] = (total[j] as number) + (row[j] as number)
  const grandTotal = total.reduce((sum, v) => sum + v, 0)
  const weights = perLabel.map((row) => {
    const complementTotal = grandTotal - row.reduce((sum, v) => sum + v, 0) + alpha * termCount
    const weight = new Float64Array(termCount)
    for (let j = 0; j < termCount; j++) weight[j] = -Math.log(((total[j] as number) - (row[j] as number) + alpha) / complementTotal)
    return weight
  })
  for (let j = 0; j < termCount; j++) {
    let mean = 0
    for (const weight of weights) mean += weight[j] as number
    mean /= labelCount
    for (const weight of weights) weight[j] = (weight[j] as number) - mean
  }
  return weights
}
