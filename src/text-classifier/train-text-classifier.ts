/**
 * Trains the text classifier: complement naive Bayes over sublinear, L2-normalised tf-idf of
 * words (and, when cross-validation prefers them, word pairs). The n-gram range and the
 * smoothing are chosen by k-fold cross-validation on the training data only, and the same
 * out-of-fold scores calibrate the probabilities. Deterministic: the same examples and options
 * give the same model, number for number.
 */
import { createHash } from 'node:crypto'
import { scoreClassification } from '../classify-eval/classification-metrics.js'
import { UsageError } from '../core/errors.js'
import { fitComplementNaiveBayes } from './complement-naive-bayes.js'
import { countTerms, type NgramRange } from './count-terms.js'
import { fitSoftmaxTemperature } from './fit-softmax-temperature.js'
import { linearScores } from './linear-scores.js'
import { stratifiedFolds } from './stratified-folds.js'
import { TEXT_CLASSIFIER_FORMAT, TEXT_CLASSIFIER_TOKENIZER, type TextClassifierModel } from './text-classifier-model.js'
import { buildTfIdfVocabulary, compareStrings, tfIdfVector, vocabularyIndex, type SparseVector, type TfIdfVocabulary } from './tf-idf-vocabulary.js'
import { tokenizeForClassifier } from './tokenize-for-classifier.js'

/** One training example: a text and its label. */
export interface LabelledText {
  readonly text: string
  readonly label: string
}

/** How to train; `DEFAULT_TEXT_CLASSIFIER_TRAINING` holds the measured defaults. */
export interface TextClassifierTrainingOptions {
  /** Seeds the fold assignment, the only random step. */
  readonly seed: number
  /** Cross-validation folds (at least 2) for choosing settings and calibrating probabilities. */
  readonly folds: number
  /** Fixed n-gram range; absent: cross-validation chooses from `NGRAM_CANDIDATES`. */
  readonly ngrams?: NgramRange
  /** Fixed smoothing; absent: cross-validation chooses from `ALPHA_CANDIDATES`. */
  readonly alpha?: number
  readonly maxTerms: number
  readonly minDocumentFrequency: number
  /** Probability a further label needs to be assigned too (the best one always is). */
  readonly threshold: number
  /** Recorded in the model's `training` section: where the examples came from. */
  readonly dataName?: string
  readonly labelField?: string
}

/**
 * Defaults chosen by 5-fold cross-validation on the BBC and AG News training files: a vocabulary
 * of 20,000 terms loses nothing measurable against an unlimited one, and a threshold of 0.3 lets
 * a text that is torn between labels carry two or three.
 */
export const DEFAULT_TEXT_CLASSIFIER_TRAINING = { seed: 1, folds: 5, maxTerms: 20000, minDocumentFrequency: 1, threshold: 0.3 } as const

/** n-gram ranges cross-validation tries: words alone suit short texts, pairs help long ones. */
export const NGRAM_CANDIDATES: readonly NgramRange[] = [1, 2]
/** Smoothing values cross-validation tries. */
export const ALPHA_CANDIDATES: readonly number[] = [0.1, 0.3, 1]

/** One setting's cross-validation figures. */
export interface CandidateScore {
  readonly ngrams: NgramRange
  readonly alpha: number
  readonly accuracy: number
  readonly macroF1: number
}

/** The trained model and the cross-validation figures behind its settings. */
export interface TextClassifierTrainingResult {
  readonly model: TextClassifierModel
  readonly candidates: readonly CandidateScore[]
  readonly chosen: CandidateScore
}

/** Stored weights keep 4 decimals: predictions do not change, files stay small. */
const WEIGHT_DECIMALS = 1e4

/**
 * Trains a model on labelled texts. Throws a UsageError when there are fewer than two labels or
 * fewer examples than folds. Settings are chosen by the best cross-validated macro-F1 (then
 * accuracy; then the earlier, simpler candidate).
 */
export function trainTextClassifier(examples: readonly LabelledText[], options: TextClassifierTrainingOptions): TextClassifierTrainingResult {
  const labels = [...new Set(examples.map((e) => e.label))].sort(compareStrings)
  if (labels.length < 2) throw new UsageError(`training needs at least two labels; the data has ${labels.length === 0 ? 'none' : `only "${labels[0]}"`}`)
  if (!Number.isInteger(options.folds) || options.folds < 2) throw new UsageError('cross-validation needs at least 2 folds')
  if (examples.length < options.folds) throw new UsageError(`training needs at least as many examples as folds (${options.folds}); the data has ${examples.length}`)
  const labelNumber = new Map(labels.map((label, k) => [label, k]))
  const labelOf = examples.map((e) => labelNumber.get(e.label) as number)
  const tokens = examples.map((e) => tokenizeForClassifier(e.text))
  const ngramOptions = options.ngrams !== undefined ? [options.ngrams] : NGRAM_CANDIDATES
  const alphaOptions = options.alpha !== undefined ? [options.alpha] : ALPHA_CANDIDATES
  const countsBy = new Map(ngramOptions.map((n) => [n, tokens.map((t) => countTerms(t, n))] as const))
  const foldOf = stratifiedFolds(labelOf, examples.map((e) => e.text), options.folds, options.seed)

  const outOfFold = new Map<string, Float64Array[]>()
  for (const ngrams of ngramOptions) {
    const counts = countsBy.get(ngrams) as Map<string, number>[]
    for (let fold = 0; fold < options.folds; fold++) {
      const trainIds = examples.map((_, i) => i).filter((i) => foldOf[i] !== fold)
      const testIds = examples.map((_, i) => i).filter((i) => foldOf[i] === fold)
      if (testIds.length === 0) continue
      const vocabulary = buildTfIdfVocabulary(trainIds.map((i) => counts[i] as Map<string, number>), options)
      const vectorOf = vectorizer(vocabulary)
      const trainVectors = trainIds.map((i) => vectorOf(counts[i] as Map<string, number>))
      const testVectors = testIds.map((i) => vectorOf(counts[i] as Map<string, number>))
      for (const alpha of alphaOptions) {
        const weights = fitComplementNaiveBayes(trainVectors, trainIds.map((i) => labelOf[i] as number), labels.length, vocabulary.terms.length, alpha)
        const key = candidateKey(ngrams, alpha)
        const scores = outOfFold.get(key) ?? new Array<Float64Array>(examples.length)
        testIds.forEach((i, t) => (scores[i] = linearScores(weights, [], testVectors[t] as SparseVector)))
        outOfFold.set(key, scores)
      }
    }
  }

  const candidates: CandidateScore[] = ngramOptions.flatMap((ngrams) =>
    alphaOptions.map((alpha) => {
      const scores = outOfFold.get(candidateKey(ngrams, alpha)) as Float64Array[]
      const result = scoreClassification(scores.map((row, i) => ({ gold: labels[labelOf[i] as number] as string, predicted: labels[argmax(row)] as string })))
      return { ngrams, alpha, accuracy: result.accuracy, macroF1: result.macro_f1 }
    }),
  )
  const chosen = candidates.reduce((best, c) => (c.macroF1 > best.macroF1 || (c.macroF1 === best.macroF1 && c.accuracy > best.accuracy) ? c : best))
  const temperature = fitSoftmaxTemperature(outOfFold.get(candidateKey(chosen.ngrams, chosen.alpha)) as Float64Array[], labelOf)

  const counts = countsBy.get(chosen.ngrams) as Map<string, number>[]
  const vocabulary = buildTfIdfVocabulary(counts, options)
  const vectorOf = vectorizer(vocabulary)
  const weights = fitComplementNaiveBayes(counts.map(vectorOf), labelOf, labels.length, vocabulary.terms.length, chosen.alpha)
  const model: TextClassifierModel = {
    format: TEXT_CLASSIFIER_FORMAT,
    version: 1,
    description:
      'decruft text classifier: complement naive Bayes over sublinear, L2-normalised tf-idf of Unicode words (and word pairs when ngrams is 2); probabilities are softmax(temperature × score)',
    kind: 'complement-naive-bayes',
    labels,
    features: { tokenizer: TEXT_CLASSIFIER_TOKENIZER, ngrams: chosen.ngrams, weighting: 'sublinear-tf-smooth-idf-l2' },
    vocabulary: [...vocabulary.terms],
    idf: [...vocabulary.idf],
    weights: weights.map((row) => Array.from(row, (w) => Math.round(w * WEIGHT_DECIMALS) / WEIGHT_DECIMALS + 0)),
    bias: labels.map(() => 0),
    temperature,
    threshold: options.threshold,
    training: {
      ...(options.dataName !== undefined ? { data: options.dataName } : {}),
      dataSha256: hashLabelledTexts(examples),
      ...(options.labelField !== undefined ? { labelField: options.labelField } : {}),
      documents: examples.length,
      labelCounts: Object.fromEntries(labels.map((label, k) => [label, labelOf.filter((l) => l === k).length])),
      seed: options.seed,
      folds: options.folds,
      minDocumentFrequency: options.minDocumentFrequency,
      maxTerms: options.maxTerms,
      alpha: chosen.alpha,
      crossValidation: candidates,
    },
  }
  return { model, candidates, chosen }
}

/**
 * sha256 of the examples as trained on (label and text, in order), so a model names its data
 * whether it was read from a plain or a gzipped file.
 */
export function hashLabelledTexts(examples: readonly LabelledText[]): string {
  const hash = createHash('sha256')
  for (const e of examples) hash.update(`${JSON.stringify([e.label, e.text])}\n`)
  return hash.digest('hex')
}

function vectorizer(vocabulary: TfIdfVocabulary): (counts: ReadonlyMap<string, number>) => SparseVector {
  const index = vocabularyIndex(vocabulary)
  return (counts) => tfIdfVector(counts, index, vocabulary.idf)
}

function candidateKey(ngrams: NgramRange, alpha: number): string {
  return `${ngrams}/${alpha}`
}

function argmax(values: ArrayLike<number>): number {
  let best = 0
  for (let k = 1; k < values.length; k++) if ((values[k] as number) > (values[best] as number)) best = k
  return best
}
