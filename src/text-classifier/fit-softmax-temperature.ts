import { softmax } from './linear-scores.js'

/**
 * The factor that turns raw label scores into calibrated probabilities: the temperature t that
 * minimises the negative log-likelihood of the gold labels under softmax(t × scores), found by
 * golden-section search over log t in [0.001, 1000] (the likelihood is convex in t). Fitted on
 * cross-validation scores, so a probability of 0.9 means about 9 in 10 right on unseen texts.
 * Rounded to 4 significant digits.
 */
export function fitSoftmaxTemperature(scores: readonly ArrayLike<number>[], gold: readonly number[]): number {
  const negativeLogLikelihood = (logT: number): number => {
    const t = Math.exp(logT)
    let total = 0
    scores.forEach((row, i) => {
      total -= Math.log(Math.max(softmax(row, t)[gold[i] as number] as number, 1e-300))
    })
    return total
  }
  const ratio = (Math.sqrt(5) - 1) / 2
  let low = Math.log(1e-3)
  let high = Math.log(1e3)
  for (let step = 0; step < 80; step++) {
    const a = high - ratio * (high - low)
    const b = low + ratio * (high - low)
    if (negativeLogLikelihood(a) <= negativeLogLikelihood(b)) high = b
    else low = a
  }
  return Number(Math.exp((low + high) / 2).toPrecision(4))
}
