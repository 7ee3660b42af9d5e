import type { LoadedConfig } from '../config/load-config.js'
import { createBoilerplateStage } from '../stages/boilerplate/boilerplate-stage.js'
import { createClassifyStage } from '../stages/classify/classify-stage.js'
import { createQualityFilterStage } from '../stages/filter/quality-filter-stage.js'
import { createNormalizeStage } from '../stages/normalize/normalize-stage.js'
import { createPiiStage } from '../stages/pii/pii-stage.js'
import { createSegmentStage, segmentOptionsOf } from '../stages/segment/segment-stage.js'
import type { Document } from './document.js'
import { contentChars, isRejected, withChanges } from './document.js'
import type { Stage } from './stage.js'

/** The per-document pipeline: its stages in order and the one function that runs them. */
export interface Pipeline {
  readonly stages: readonly Stage[]
  processDocument(doc: Document): Document
}

/** Builds the stages from frozen configuration, in the order of the design: segment → boilerplate → normalize → pii → classify → quality-filter. */
export function createPipeline(config: LoadedConfig): Pipeline {
  const { pipeline } = config
  const stages: Stage[] = [
    createSegmentStage(segmentOptionsOf(config)),
    createBoilerplateStage(config.rules, pipeline.boilerplate, config.blockModel),
    createNormalizeStage(pipeline.normalize),
    createPiiStage(pipeline.pii),
    createClassifyStage({ language: pipeline.classify.language, taxonomy: config.taxonomy, ...(config.topicModel ? { topicModel: config.topicModel } : {}) }),
    createQualityFilterStage(pipeline.quality.filter),
  ]
  const budget = { maxDocumentMs: pipeline.limits.maxDocumentMs }
  return { stages, processDocument: (doc) => runStages(stages, doc, budget) }
}

/** Limits one document must stay within while its stages run. */
export interface DocumentBudget {
  /** Milliseconds for all stages together; checked when each stage ends (a stage is never interrupted). */
  readonly maxDocumentMs?: number
}

/**
 * Runs stages over a document, stopping at the first that rejects it. Each stage's time and
 * the content characters before and after it go into `trace`, which reports are built from.
 * An exception inside a stage becomes an `E_STAGE_FAILED` error on that document only; a
 * document whose stages together take longer than the budget gets `E_TIME_BUDGET` from the
 * stage that crossed it, so one pathological page costs one document, never the run.
 */
export function runStages(stages: readonly Stage[], doc: Document, budget: DocumentBudget = {}): Document {
  let current = doc
  let elapsed = 0
  for (const stage of stages) {
    if (isRejected(current)) break
    const charsIn = stage.name === 'segment' ? current.raw.length : contentChars(current)
    const started = performance.now()
    let next: Document
    try {
      next = stage.run(current)
    } catch (error) {
      next = withChanges(current, {
        issues: [
          ...current.issues,
          { stage: stage.name, code: 'E_STAGE_FAILED', severity: 'error', message: error instanceof Error ? error.message : String(error) },
        ],
      })
    }
    const ms = performance.now() - started
    elapsed += ms
    const overBudget = budget.maxDocumentMs !== undefined && elapsed > budget.maxDocumentMs && !isRejected(next)
    current = withChanges(next, {
      trace: [...next.trace, { stage: stage.name, ms: Math.round(ms * 1000) / 1000, charsIn, charsOut: contentChars(next) }],
      ...(overBudget
        ? {
            issues: [
              ...next.issues,
              {
                stage: stage.name,
                code: 'E_TIME_BUDGET',
                severity: 'error' as const,
                message: `stages took ${Math.round(elapsed)} ms, over limits.maxDocumentMs ${String(budget.maxDocumentMs)} (exceeded in ${stage.name})`,
              },
            ],
          }
        : {}),
    })
  }
  return current
}
