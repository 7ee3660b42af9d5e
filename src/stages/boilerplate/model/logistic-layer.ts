import { seededRandom } from '../../../core/seeded-random.js'

/**
 * A logistic-regression layer over standardised features: the small, inspectable model the
 * block classifier is built from. Every decision can be split into per-feature contributions.
 */
export interface LogisticLayer {
  readonly featureNames: readonly string[]
  readonly mean: readonly number[]
  readonly scale: readonly number[]
  readonly weights: readonly number[]
  readonly bias: number
}

/** One feature's push on a decision: positive towards content, negative towards boilerplate. */
export interface Contribution {
  readonly feature: string
  readonly value: number
  readonly weight: number
}

/** The layer's logit (log-odds of content) for a feature vector. */
export function logit(layer: LogisticLayer, x: ArrayLike<number>): number {
  let z = layer.bias
  for (let j = 0; j < layer.weights.length; j++) {
    z += (layer.weights[j] as number) * (((x[j] as number) - (layer.mean[j] as number)) / (layer.scale[j] as number))
  }
  return z
}

/** The logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z))
}

/** Per-feature contributions to the logit, strongest first. */
export function contributions(layer: LogisticLayer, x: ArrayLike<number>): Contribution[] {
  return layer.weights
    .map((w, j) => ({
      feature: layer.featureNames[j] as string,
      value: x[j] as number,
      weight: w * (((x[j] as number) - (layer.mean[j] as number)) / (layer.scale[j] as number)),
    }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
}

/** Training settings; the defaults are what the shipped model was trained with. */
export interface TrainingOptions {
  readonly epochs: number
  readonly batchSize: number
  readonly learningRate: number
  readonly l2: number
  /** Seed of the shuffling order, so training is reproducible bit for bit. */
  readonly seed: number
}

/** Default training settings. */
export const DEFAULT_TRAINING: TrainingOptions = { epochs: 12, batchSize: 256, learningRate: 0.005, l2: 1e-4, seed: 1 }

/**
 * Trains a logistic layer by mini-batch Adam on weighted log-loss, with a seeded shuffle: the
 * same data and options always give the same weights.
 */
export function trainLogistic(
  featureNames: readonly string[],
  rows: readonly ArrayLike<number>[],
  labels: readonly number[],
  sampleWeights: readonly number[],
  options: TrainingOptions = DEFAULT_TRAINING,
): LogisticLayer {
  const d = featureNames.length
  const n = rows.length
  const mean = new Float64Array(d)
  const scale = new Float64Array(d)
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (row[j] as number) / n
  for (const row of rows) for (let j = 0; j < d; j++) scale[j] = (scale[j] as number) + ((row[j] as number) - (mean[j] as number)) ** 2 / n
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j] as number) || 1

  const w = new Float64Array(d)
  let b = 0
  const m = new Float64Array(d + 1)
  const v = new Float64Array(d + 1)
  const beta1 = 0.9
  const beta2 = 0.999
  let step = 0
  const order = Array.from({ length: n }, (_, i) => i)
  const random = seededRandom(options.seed)
  const grad = new Float64Array(d + 1)
  const xs = new Float64Array(d)
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random)
    for (let start = 0; start < n; start += options.batchSize) {
      grad.fill(0)
      let batchWeight = 0
      const end = Math.min(n, start + options.batchSize)
      for (let t = start; t < end; t++) {
        const i = order[t] as number
        const row = rows[i] as ArrayLike<number>
        let z = b
        for (let j = 0; j < d; j++) {
          xs[j] = ((row[j] as number) - (mean[j] as number)) / (scale[j] as number)
          z += (w[j] as number) * (xs[j] as number)
        }
        const sw = sampleWeights[i] as number
        const error = (sigmoid(z) - (labels[i] as number)) * sw
        for (let j = 0; j < d; j++) grad[j] = (grad[j] as number) + error * (xs[j] as number)
        grad[d] = (grad[d] as number) + error
        batchWeight += sw
      }
      step++
      for (let j = 0; j <= d; j++) {
        const g = (grad[j] as number) / Math.max(batchWeight, 1e-9) + (j < d ? options.l2 * (w[j] as number) : 0)
        m[j] = beta1 * (m[j] as number) + (1 - beta1) * g
        v[j] = beta2 * (v[j] as number) + (1 - beta2) * g * g
        const update = (options.learningRate * ((m[j] as number) / (1 - beta1 ** step))) / (Math.sqrt((v[j] as number) / (1 - beta2 ** step)) + 1e-8)
        if (j < d) w[j] = (w[j] as number) - update
        else b -= update
      }
    }
  }
  return { featureNames: [...featureNames], mean: round(mean), scale: round(scale), weights: round(w), bias: Number(b.toFixed(6)) }
}

function round(values: Float64Array): number[] {
  return Array.from(values, (x) => Number(x.toFixed(6)))
}


function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const tmp = items[i] as number
    items[i] = items[j] as number
    items[j] = tmp
  }
}
