import type { TextClassifierModel } from '../../src/text-classifier/text-classifier-model.js'

/** A hand-made model over three words, one label each: scores are easy to work out. */
export function threeWordModel(threshold = 0.3): TextClassifierModel {
  return {
    format: 'decruft-text-classifier',
    version: 1,
    description: 'hand-made model for tests',
    kind: 'complement-naive-bayes',
    labels: ['arts', 'business', 'crime'],
    features: { tokenizer: 'unicode-words-1', ngrams: 1, weighting: 'sublinear-tf-smooth-idf-l2' },
    vocabulary: ['gallery', 'profit', 'robbery'],
    idf: [1, 1, 1],
    weights: [
      [3, 0, 0],
      [0, 3, 0],
      [0, 0, 3],
    ],
    bias: [0, 0, 0],
    temperature: 1,
    threshold,
    training: {},
  }
}
