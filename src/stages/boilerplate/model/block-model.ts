import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { Block } from '../../../core/document.js'
import { ConfigError } from '../../../core/errors.js'
import { documentFeatureVectors } from './block-feature-vector.js'
import { contributions, logit, sigmoid, type Contribution, type LogisticLayer } from './logistic-layer.js'

/** Features of the second (context) layer, read off the first layer's scores around a block. */
export const CONTEXT_FEATURE_NAMES = [
  'own score', 'neighbours ±1', 'neighbours ±3', 'neighbours ±7', 'neighbours ±15', 'previous block', 'next block',
  'best of ±3', 'page mean', 'relative position',
] as const

const layerSchema = z.object({
  featureNames: z.array(z.string()).readonly(),
  mean: z.array(z.number()).readonly(),
  scale: z.array(z.number().positive()).readonly(),
  weights: z.array(z.number()).readonly(),
  bias: z.number(),
})

const formatModelSchema = z.object({
  local: layerSchema,
  context: layerSchema,
  /** Blocks scoring below this probability of being content are boilerplate. */
  threshold: z.number().min(0).max(1),
})

/** The block classifier as stored in `models/block-classifier.json`. */
export const blockModelSchema = z.object({
  version: z.literal(1),
  description: z.string(),
  training: z.record(z.string(), z.unknown()),
  formats: z.object({ html: formatModelSchema, text: formatModelSchema }),
})

/** A trained block classifier: per input format, a local layer, a context layer and a threshold. */
export type BlockModel = z.infer<typeof blockModelSchema>
/** The model of one input format. */
export type FormatModel = z.infer<typeof formatModelSchema>

/** Scores of a document's blocks, with a way to explain any one of them. */
export interface BlockScores {
  /** Probability that each block is main content, in block order. */
  readonly probabilities: readonly number[]
  /** The features that pushed block `i` most, strongest first. */
  explain(i: number): Contribution[]
}

/** Loads and validates a model file; a missing or malformed file is a configuration error. */
export function loadBlockModel(file: string): BlockModel {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError([{ file, message: `cannot read the block model: ${(error as Error).message}` }])
  }
  const parsed = blockModelSchema.safeParse(data)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ file, where: i.path.join('.'), message: i.message })))
  }
  for (const [format, model] of Object.entries(parsed.data.formats)) {
    for (const [name, layer] of [['local', model.local], ['context', model.context]] as const) {
      const n = layer.featureNames.length
      if (layer.weights.length !== n || layer.mean.length !== n || layer.scale.length !== n) {
        throw new ConfigError([{ file, where: `formats.${format}.${name}`, message: `expected ${n} weights, means and scales` }])
      }
    }
  }
  return parsed.data
}

/** Context-layer inputs for every block, from the local layer's probabilities. */
export function contextFeatureVectors(local: readonly number[]): Float64Array[] {
  const n = local.length
  const prefix = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as number) + (local[i] as number)
  const windowMean = (i: number, r: number): number => {
    const lo = Math.max(0, i - r)
    const hi = Math.min(n - 1, i + r)
    return ((prefix[hi + 1] as number) - (prefix[lo] as number)) / (hi - lo + 1)
  }
  const pageMean = n > 0 ? (prefix[n] as number) / n : 0
  return local.map((p, i) => {
    const v = new Float64Array(CONTEXT_FEATURE_NAMES.length)
    v[0] = Math.log(Math.max(p, 1e-6) / Math.max(1 - p, 1e-6))
    v[1] = windowMean(i, 1)
    v[2] = windowMean(i, 3)
    v[3] = windowMean(i, 7)
    v[4] = windowMean(i, 15)
    v[5] = local[i - 1] ?? 0
    v[6] = local[i + 1] ?? 0
    v[7] = Math.max(...local.slice(Math.max(0, i - 3), i + 4))
    v[8] = pageMean
    v[9] = n > 1 ? i / (n - 1) : 0
    return v
  })
}

/** First-layer probabilities of every block. */
export function localProbabilities(layer: LogisticLayer, vectors: readonly ArrayLike<number>[]): number[] {
  return vectors.map((x) => sigmoid(logit(layer, x)))
}

/**
 * Scores every block of a document: the local layer reads each block's own features and its
 * neighbours', the context layer smooths those scores over the page.
 */
export function scoreBlocks(model: FormatModel, blocks: readonly Block[]): BlockScores {
  const vectors = documentFeatureVectors(blocks)
  const local = localProbabilities(model.local, vectors)
  const context = contextFeatureVectors(local)
  const probabilities = context.map((x) => sigmoid(logit(model.context, x)))
  return {
    probabilities,
    explain: (i) => {
      const own = contributions(model.local, vectors[i] as Float64Array)
      const around = contributions(model.context, context[i] as Float64Array).filter((c) => c.feature !== 'own score')
      return [...own, ...around].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    },
  }
}
