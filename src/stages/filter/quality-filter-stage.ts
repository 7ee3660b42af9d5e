/**
 * The quality-filter stage: drops documents whose quality signals (measured by the classify
 * stage, `labels.quality`) fail a configured threshold, so thin, repetitive or symbol-heavy pages
 * leave the dataset with the reason on record instead of silently. Off unless configured.
 */
import type { Document } from '../../core/document.js'
import { isRejected, withChanges } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'

/** Thresholds of the filter, from `quality.filter` in the pipeline config. */
export interface QualityFilterOptions {
  readonly enabled: boolean
  readonly minWords: number
  readonly maxWords: number
  readonly minMeanWordLength: number
  readonly maxMeanWordLength: number
  readonly maxSymbolWordRatio: number
  /** Checked only when the document has a stop-word ratio (its language has a list). */
  readonly minStopwordRatio: number
  readonly minPunctuationEndRatio: number
  readonly maxDuplicateLineRatio: number
}

/** The stage name, in traces, reports and the `dropped.stage` of the documents it rejects. */
export const QUALITY_FILTER_STAGE = 'quality-filter'

/** The drop code of a document that fails a quality threshold. */
export const LOW_QUALITY_CODE = 'D_LOW_QUALITY'

/** One threshold: the signal it reads, the option that sets it, and which side of it fails. */
interface Check {
  readonly signal: string
  readonly option: keyof QualityFilterOptions
  readonly fails: 'below' | 'above'
}

/** The checks in the order their reasons are reported: size first, then shape, then language. */
const CHECKS: readonly Check[] = [
  { signal: 'words', option: 'minWords', fails: 'below' },
  { signal: 'words', option: 'maxWords', fails: 'above' },
  { signal: 'meanWordLength', option: 'minMeanWordLength', fails: 'below' },
  { signal: 'meanWordLength', option: 'maxMeanWordLength', fails: 'above' },
  { signal: 'symbolWordRatio', option: 'maxSymbolWordRatio', fails: 'above' },
  { signal: 'stopwordRatio', option: 'minStopwordRatio', fails: 'below' },
  { signal: 'punctuationEndRatio', option: 'minPunctuationEndRatio', fails: 'below' },
  { signal: 'duplicateLineRatio', option: 'maxDuplicateLineRatio', fails: 'above' },
]

/**
 * The first failed check of a document's quality signals, as the reason the rejects file shows
 * (`words 12 < minWords 50`); undefined when every check passes. A signal the document does not
 * carry (no stop-word list for its language) is not checked.
 */
export function failedQualityCheck(quality: Readonly<Record<string, number>>, options: QualityFilterOptions): string | undefined {
  for (const check of CHECKS) {
    const value = quality[check.signal]
    const limit = options[check.option]
    if (value === undefined || typeof limit !== 'number') continue
    if (check.fails === 'below' && value < limit) return `${check.signal} ${value} < ${check.option} ${limit}`
    if (check.fails === 'above' && value > limit) return `${check.signal} ${value} > ${check.option} ${limit}`
  }
  return undefined
}

/**
 * Builds the quality-filter stage. Disabled, or on a document without quality signals (the
 * classify stage did not run), it passes documents through; otherwise the first failed check
 * drops the document with code `D_LOW_QUALITY`.
 */
export function createQualityFilterStage(options: QualityFilterOptions): Stage {
  return {
    name: QUALITY_FILTER_STAGE,
    run(doc: Document): Document {
      if (!options.enabled || isRejected(doc) || doc.labels.quality === undefined) return doc
      const reason = failedQualityCheck(doc.labels.quality, options)
      if (reason === undefined) return doc
      return withChanges(doc, { dropped: { stage: QUALITY_FILTER_STAGE, code: LOW_QUALITY_CODE, reason } })
    },
  }
}
