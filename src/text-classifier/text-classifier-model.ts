/**
 * The portable text classifier file written by `decruft train`: a versioned JSON document with
 * the vocabulary, idf and per-label weights, how texts become features, the calibration and
 * threshold, and how it was trained. Loading validates it; predicting needs nothing else.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ConfigError } from '../core/errors.js'
import { countTerms } from './count-terms.js'
import { linearScores, softmax } from './linear-scores.js'
import { tfIdfVector, vocabularyIndex } from './tf-idf-vocabulary.js'
import { tokenizeForClassifier } from './tokenize-for-classifier.js'

/** The `format` value every text classifier file starts with. */
export const TEXT_CLASSIFIER_FORMAT = 'decruft-text-classifier'

/** The tokenizer a model was trained with; a file naming another cannot be read correctly. */
export const TEXT_CLASSIFIER_TOKENIZER = 'unicode-words-1'

const uniqueStrings = (what: string) =>
  z.array(z.string().min(1)).refine((items) => new Set(items).size === items.length, { message: `expected no duplicate ${what}` })

/** The text classifier file's shape; `validateTextClassifierModel` adds the checks across fields. */
export const textClassifierModelSchema = z
  .object({
    format: z.literal(TEXT_CLASSIFIER_FORMAT),
    version: z.literal(1),
    description: z.string(),
    kind: z.literal('complement-naive-bayes'),
    labels: uniqueStrings('labels').min(2, 'expected at least two labels'),
    features: z
      .object({
        tokenizer: z.literal(TEXT_CLASSIFIER_TOKENIZER),
        ngrams: z.union([z.literal(1), z.literal(2)]),
        weighting: z.literal('sublinear-tf-smooth-idf-l2'),
      })
      .strict(),
    vocabulary: uniqueStrings('terms'),
    idf: z.array(z.number().positive()),
    /** One row per label, one weight per vocabulary term. */
    weights: z.array(z.array(z.number())),
    bias: z.array(z.number()),
    /** Scores × temperature go through softmax to give calibrated probabilities. */
    temperature: z.number().positive(),
    /** Labels with at least this probability are assigned (always the best one). */
    threshold: z.number().min(0).max(1),
    training: z.record(z.string(), z.unknown()),
  })
  .strict()

/** A validated text classifier, as stored in its JSON file. */
export type TextClassifierModel = z.infer<typeof textClassifierModelSchema>

/** One label's calibrated probability for a text. */
export interface LabelProbability {
  readonly label: string
  readonly probability: number
}

/** A loaded model ready to classify texts; built once by `createTextClassifier`. */
export interface TextClassifier {
  /** Every label with its probability, most probable first (ties in label order). */
  probabilities(text: string): LabelProbability[]
  /**
   * The labels assigned to a text: those whose probability reaches the model's threshold, most
   * probable first, and always at least the most probable one; none when the text holds no
   * term the model knows (there is nothing to judge by).
   */
  assign(text: string): LabelProbability[]
}

/** Checks parsed JSON against the format and its cross-field rules; throws a ConfigError naming `file` and the field. */
export function validateTextClassifierModel(data: unknown, file: string): TextClassifierModel {
  const parsed = textClassifierModelSchema.safeParse(data)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.slice(0, 10).map((issue) => ({ file, where: issue.path.join('.') || undefined, message: `${issue.message} (is this a model written by decruft train?)` })))
  }
  const model = parsed.data
  const terms = model.vocabulary.length
  const problems: { where: string; message: string }[] = []
  if (model.idf.length !== terms) problems.push({ where: 'idf', message: `expected ${terms} values (one per vocabulary term), got ${model.idf.length}` })
  if (model.weights.length !== model.labels.length) problems.push({ where: 'weights', message: `expected ${model.labels.length} rows (one per label), got ${model.weights.length}` })
  model.weights.forEach((row, k) => {
    if (row.length !== terms) problems.push({ where: `weights.${k}`, message: `expected ${terms} weights (one per vocabulary term), got ${row.length}` })
  })
  if (model.bias.length !== model.labels.length) problems.push({ where: 'bias', message: `expected ${model.labels.length} values (one per label), got ${model.bias.length}` })
  if (problems.length > 0) throw new ConfigError(problems.map((p) => ({ file, ...p })))
  return model
}

/** Reads and validates a model file; a missing, unreadable or malformed file is a ConfigError naming it. */
export function loadTextClassifierModel(file: string): TextClassifierModel {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ConfigError([{ file, message: `cannot read the text classifier model: ${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}` }])
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new ConfigError([{ file, message: `the text classifier model is not valid JSON: ${(error as Error).message}` }])
  }
  return validateTextClassifierModel(data, file)
}

/**
 * The file text of a model: one top-level field per line and one weight row per line, so the
 * file diffs readably yet stays compact. The same model always gives the same bytes.
 */
export function serializeTextClassifierModel(model: TextClassifierModel): string {
  const fields = Object.entries(model).map(([key, value]) => {
    const text = key === 'weights' ? `[\n  ${model.weights.map((row) => JSON.stringify(row)).join(',\n  ')}\n ]` : JSON.stringify(value)
    return ` ${JSON.stringify(key)}: ${text}`
  })
  return `{\n${fields.join(',\n')}\n}\n`
}

/** Builds the classifier of a validated model: the term index and weight rows are prepared here, once. */
export function createTextClassifier(model: TextClassifierModel): TextClassifier {
  const index = vocabularyIndex({ terms: model.vocabulary, idf: model.idf })
  const weights = model.weights.map((row) => Float64Array.from(row))
  const score = (text: string): { probabilities: LabelProbability[]; knownTerms: number } => {
    const vector = tfIdfVector(countTerms(tokenizeForClassifier(text), model.features.ngrams), index, model.idf)
    const probabilities = softmax(linearScores(weights, model.bias, vector), model.temperature)
    const ranked = model.labels
      .map((label, k) => ({ label, probability: probabilities[k] as number }))
      .sort((a, b) => b.probability - a.probability)
    return { probabilities: ranked, knownTerms: vector.indices.length }
  }
  return {
    probabilities: (text) => score(text).probabilities,
    assign(text) {
      const { probabilities, knownTerms } = score(text)
      if (knownTerms === 0) return []
      return probabilities.filter((p, rank) => rank === 0 || p.probability >= model.threshold)
    },
  }
}
