import type { LoadedConfig } from '../../config/load-config.js'
import type { Document, DocumentIssue } from '../../core/document.js'
import { isRejected, withChanges } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import type { CompiledRule } from '../boilerplate/compiled-rule.js'
import { segmentHtml, type SelectorRule } from './html-blocks.js'
import { measureHtmlStructure } from './measure-html-structure.js'
import { longestLine, segmentText } from './text-blocks.js'

/** The selectors of a rule set's enabled CSS-selector rules, for `createSegmentStage`. */
export function selectorRulesOf(rules: readonly CompiledRule[]): SelectorRule[] {
  return rules.flatMap((rule) => (rule.spec.enabled && rule.spec.match.selector !== undefined ? [{ ruleId: rule.spec.id, selector: rule.spec.match.selector }] : []))
}

/** The segment stage's options from a loaded configuration: its selector rules and its limits. */
export function segmentOptionsOf(config: Pick<LoadedConfig, 'rules' | 'pipeline'>): SegmentOptions {
  return { selectors: selectorRulesOf(config.rules), limits: config.pipeline.limits }
}

/** What the segment stage needs from the rule set. */
export interface SegmentOptions {
  /** CSS selectors of the selector rules, evaluated on each page's DOM. */
  readonly selectors?: readonly SelectorRule[]
  /** Size limits checked before a document is split (defaults: those of `limits` in the pipeline file). */
  readonly limits?: Partial<SegmentLimits>
}

/** Sizes past which the segment stage refuses a document instead of splitting it. */
export interface SegmentLimits {
  readonly maxHtmlDepth: number
  readonly maxHtmlElements: number
  readonly maxLineChars: number
}

/** The pipeline file's defaults for `SegmentLimits`. */
export const DEFAULT_SEGMENT_LIMITS: SegmentLimits = { maxHtmlDepth: 5_000, maxHtmlElements: 200_000, maxLineChars: 1_000_000 }

/**
 * The segment stage: scraped text becomes one block per line; a page becomes block elements
 * (scripts, styles and embedded documents dropped) plus the metadata its <head> declares, and
 * each block lists the selector rules whose elements contain it.
 * A document with no text at all is an `E_EMPTY` error here, so it is reported, not lost; a
 * page nested too deep or with too many elements, or text with a runaway line, is refused
 * before it is split (`E_TOO_DEEP`, `E_TOO_MANY_ELEMENTS`, `E_TOO_LARGE`), so it costs
 * milliseconds instead of minutes and gigabytes.
 */
export function createSegmentStage(options: SegmentOptions = {}): Stage {
  const selectors = options.selectors ?? []
  const limits: SegmentLimits = { ...DEFAULT_SEGMENT_LIMITS, ...options.limits }
  return {
    name: 'segment',
    run(doc: Document): Document {
      if (isRejected(doc)) return doc
      const refusal = oversize(doc, limits)
      if (refusal) return withIssue(doc, refusal.code, refusal.message)
      let segmented: Document
      try {
        if (doc.source.format === 'html') {
          const page = segmentHtml(doc.raw, selectors)
          // The address the page declares lets site packs apply to pages saved without one.
          const declared = page.url !== undefined ? { canonicalUrl: page.url } : {}
          segmented = withChanges(doc, { blocks: page.blocks, meta: { ...page.meta, ...declared, ...doc.meta } })
        } else {
          segmented = withChanges(doc, { blocks: segmentText(doc.raw) })
        }
      } catch (error) {
        return withIssue(doc, 'E_PARSE', `could not parse the ${doc.source.format}: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (segmented.blocks.length === 0) return withIssue(segmented, 'E_EMPTY', 'no text found in the document')
      return segmented
    },
  }
}

/** Why a document is too large to split, or undefined when it is within the limits. */
function oversize(doc: Document, limits: SegmentLimits): { code: string; message: string } | undefined {
  if (doc.source.format === 'html') {
    const structure = measureHtmlStructure(doc.raw, { maxDepth: limits.maxHtmlDepth, maxElements: limits.maxHtmlElements })
    if (structure.exceeded === 'depth') return { code: 'E_TOO_DEEP', message: `elements nest deeper than limits.maxHtmlDepth (${limits.maxHtmlDepth})` }
    if (structure.exceeded === 'elements') return { code: 'E_TOO_MANY_ELEMENTS', message: `the page has more than limits.maxHtmlElements (${limits.maxHtmlElements}) elements` }
    return undefined
  }
  const line = longestLine(doc.raw)
  if (line.chars > limits.maxLineChars) {
    return { code: 'E_TOO_LARGE', message: `line ${line.number} has ${line.chars} characters, over limits.maxLineChars (${limits.maxLineChars})` }
  }
  return undefined
}

function withIssue(doc: Document, code: string, message: string): Document {
  const issue: DocumentIssue = { stage: 'segment', code, message, severity: 'error' }
  return withChanges(doc, { issues: [...doc.issues, issue] })
}
