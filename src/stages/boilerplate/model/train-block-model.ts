import { createHash } from 'node:crypto'
import { createDocument, type Block, type Document } from '../../../core/document.js'
import { tokenF1 } from '../../../eval/token-f1.js'
import { tokenize } from '../../../eval/tokenize.js'
import type { Stage } from '../../../core/stage.js'
import { FEATURE_NAMES, documentFeatureVectors } from './block-feature-vector.js'
import { CONTEXT_FEATURE_NAMES, contextFeatureVectors, localProbabilities, type FormatModel } from './block-model.js'
import { labelBlocksFromGold } from './gold-labels.js'
import { DEFAULT_TRAINING, logit, sigmoid, trainLogistic } from './logistic-layer.js'

/** One gold page as the trainer reads it. */
export interface GoldPage {
  readonly id: string
  readonly url?: string
  readonly raw: string
  readonly gold: string
}

/** A page prepared for training: features and labels of the blocks the rules left as content. */
interface PreparedPage {
  readonly id: string
  readonly gold: string
  readonly doc: Document
  /** Indexes (into doc.blocks) of the blocks the model judges. */
  readonly judged: readonly number[]
  readonly vectors: readonly Float64Array[]
  readonly labels: readonly number[]
}

/** What training one format produced: the model and how it scored on pages it did not see. */
export interface FormatTrainingResult {
  readonly model: FormatModel
  readonly pages: number
  readonly blocks: number
  readonly heldOut?: { readonly pages: number; readonly tokenF1: number; readonly tokenF1RulesOnly: number }
}

const THRESHOLDS = Array.from({ length: 13 }, (_, i) => 0.2 + i * 0.05)

/** True for the pages kept aside to measure a model (a fixed half, by a hash of the id). */
export function isHeldOut(id: string): boolean {
  return (createHash('sha256').update(id).digest()[0] as number) % 2 === 1
}

/**
 * Trains the block classifier of one input format from gold pages: segment and apply the rules
 * (the same stages a run uses), label the remaining blocks against the gold text, fit the local
 * layer, then the context layer on its scores, and pick the threshold with the best mean token F1.
 * With `holdOut`, half of the pages (by id hash) are only used to report the result.
 */
export function trainFormatModel(
  pages: readonly GoldPage[],
  format: 'html' | 'text',
  stages: { readonly segment: Stage; readonly boilerplate: Stage },
  holdOut: boolean,
): FormatTrainingResult {
  const prepared = pages.map((page) => preparePage(page, format, stages))
  const train = holdOut ? prepared.filter((p) => !isHeldOut(p.id)) : prepared
  const test = holdOut ? prepared.filter((p) => isHeldOut(p.id)) : []

  const rows = train.flatMap((p) => p.vectors)
  const labels = train.flatMap((p) => p.labels)
  const weights = train.flatMap(pageWeights)
  const local = trainLogistic(FEATURE_NAMES, rows, labels, weights)

  const contextRows = train.flatMap((p) => contextFeatureVectors(localProbabilities(local, p.vectors)))
  const context = trainLogistic(CONTEXT_FEATURE_NAMES, contextRows, labels, weights, DEFAULT_TRAINING)

  const scored = (set: readonly PreparedPage[]): number[][] =>
    set.map((p) => contextFeatureVectors(localProbabilities(local, p.vectors)).map((x) => sigmoid(logit(context, x))))
  const trainScores = scored(train)
  const threshold = THRESHOLDS.reduce(
    (best, t) => {
      const f1 = meanTokenF1(train, trainScores, t)
      return f1 > best.f1 ? { t, f1 } : best
    },
    { t: 0.5, f1: -1 },
  ).t
  const model: FormatModel = { local, context, threshold: Number(threshold.toFixed(2)) }
  const result: FormatTrainingResult = { model, pages: train.length, blocks: rows.length }
  if (!holdOut) return result
  return {
    ...result,
    heldOut: {
      pages: test.length,
      tokenF1: meanTokenF1(test, scored(test), model.threshold),
      tokenF1RulesOnly: meanTokenF1(test, test.map((p) => p.judged.map(() => 1)), 0.5),
    },
  }
}

/**
 * Sample weights of a page's judged blocks: the square root of each block's share of the page's
 * words (relative to an average block), so long blocks count more, as they do in the per-page
 * token F1 the model is judged by, without short blocks counting for nothing.
 */
function pageWeights(page: PreparedPage): number[] {
  const words = page.judged.map((i) => tokens(page.doc.blocks[i]?.text ?? '').length)
  const total = words.reduce((a, b) => a + b, 0) || 1
  return words.map((w) => Math.sqrt((w / total) * page.judged.length))
}

function preparePage(page: GoldPage, format: 'html' | 'text', stages: { segment: Stage; boilerplate: Stage }): PreparedPage {
  const input = createDocument({ id: page.id, source: { format, ...(page.url ? { url: page.url } : {}) }, raw: page.raw })
  const doc = stages.boilerplate.run(stages.segment.run(input))
  const all = documentFeatureVectors(doc.blocks)
  const judged = doc.blocks.filter((b) => b.label === 'content').map((b) => b.index)
  const labels = labelBlocksFromGold(judged.map((i) => doc.blocks[i] as Block), page.gold)
  return { id: page.id, gold: page.gold, doc, judged, vectors: judged.map((i) => all[i] as Float64Array), labels }
}

/** Mean per-page bag-of-tokens F1 of keeping the judged blocks whose score reaches the threshold. */
function meanTokenF1(pages: readonly PreparedPage[], scores: readonly (readonly number[])[], threshold: number): number {
  if (pages.length === 0) return 0
  let sum = 0
  pages.forEach((page, k) => {
    const kept = page.judged.filter((_, j) => (scores[k]?.[j] ?? 0) >= threshold).map((i) => page.doc.blocks[i]?.text ?? '')
    sum += tokenF1(page.gold, kept.join('\n')).f1
  })
  return sum / pages.length
}

function tokens(text: string): string[] {
  return tokenize(text.toLowerCase())
}
