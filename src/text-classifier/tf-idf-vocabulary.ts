/**
 * The classifier's feature space: a vocabulary chosen by document frequency, smooth idf weights,
 * and the sublinear, L2-normalised tf-idf vector of a text, shared by training and prediction.
 */

/** The terms a model knows, with their idf weights, in the same order. */
export interface TfIdfVocabulary {
  readonly terms: readonly string[]
  readonly idf: readonly number[]
}

/** Which terms enter the vocabulary. */
export interface VocabularyLimits {
  /** Terms in fewer training documents than this are left out. */
  readonly minDocumentFrequency: number
  /** At most this many terms, the most frequent by document frequency (ties by term), so model files stay small. */
  readonly maxTerms: number
}

/** A sparse feature vector: parallel arrays of term positions and values. */
export interface SparseVector {
  readonly indices: Int32Array
  readonly values: Float64Array
}

/** Digits idf weights are stored with: the vocabulary is built with the weights a saved model will have. */
const IDF_DECIMALS = 1e6

/**
 * Picks the vocabulary from training documents' term counts: terms by document frequency (most
 * frequent first, ties by term), capped, then sorted by term. idf is the smooth form
 * ln((1 + n) / (1 + df)) + 1, rounded to 6 decimals.
 */
export function buildTfIdfVocabulary(documents: readonly ReadonlyMap<string, number>[], limits: VocabularyLimits): TfIdfVocabulary {
  const documentFrequency = new Map<string, number>()
  for (const counts of documents) for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
  const kept = [...documentFrequency.entries()]
    .filter(([, df]) => df >= limits.minDocumentFrequency)
    .sort(([termA, dfA], [termB, dfB]) => dfB - dfA || compareStrings(termA, termB))
    .slice(0, limits.maxTerms)
    .sort(([termA], [termB]) => compareStrings(termA, termB))
  const n = documents.length
  return {
    terms: kept.map(([term]) => term),
    idf: kept.map(([, df]) => Math.round((Math.log((1 + n) / (1 + df)) + 1) * IDF_DECIMALS) / IDF_DECIMALS),
  }
}

/** Term → position in the vocabulary, for `tfIdfVector`. */
export function vocabularyIndex(vocabulary: TfIdfVocabulary): Map<string, number> {
  return new Map(vocabulary.terms.map((term, position) => [term, position]))
}

/**
 * A text's tf-idf vector over the vocabulary: (1 + ln tf) × idf for every known term, scaled to
 * unit length so long and short texts weigh alike. Unknown terms are ignored; a text with no
 * known term gives an empty vector.
 */
export function tfIdfVector(counts: ReadonlyMap<string, number>, index: ReadonlyMap<string, number>, idf: readonly number[]): SparseVector {
  const indices: number[] = []
  const values: number[] = []
  let squares = 0
  for (const [term, count] of counts) {
    const position = index.get(term)
    if (position === undefined) continue
    const value = (1 + Math.log(count)) * (idf[position] as number)
    indices.push(position)
    values.push(value)
    squares += value * value
  }
  const length = Math.sqrt(squares)
  return { indices: Int32Array.from(indices), values: Float64Array.from(values, (v) => v / length) }
}

/** Code-unit order, the same in every locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
