import type { Document, DocumentIssue } from '../../core/document.js'
import { isRejected, withChanges } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import type { CompiledRule } from '../boilerplate/compiled-rule.js'
import { segmentHtml, type SelectorRule } from './html-blocks.js'
import { segmentText } from './text-blocks.js'

/** The selectors of a rule set's enabled CSS-selector rules, for `createSegmentStage`. */
export function selectorRulesOf(rules: readonly CompiledRule[]): SelectorRule[] {
  return rules.flatMap((rule) => (rule.spec.enabled && rule.spec.match.selector !== undefined ? [{ ruleId: rule.spec.id, selector: rule.spec.match.selector }] : []))
}

/** What the segment stage needs from the rule set. */
export interface SegmentOptions {
  /** CSS selectors of the selector rules, evaluated on each page's DOM. */
  readonly selectors?: readonly SelectorRule[]
}

/**
 * The segment stage: scraped text becomes one block per line; a page becomes block elements
 * (scripts, styles and embedded documents dropped) plus the metadata its <head> declares, and
 * each block lists the selector rules whose elements contain it.
 * A document with no text at all is an `E_EMPTY` error here, so it is reported, not lost.
 */
export function createSegmentStage(options: SegmentOptions = {}): Stage {
  const selectors = options.selectors ?? []
  return {
    name: 'segment',
    run(doc: Document): Document {
      if (isRejected(doc)) return doc
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

function withIssue(doc: Document, code: string, message: string): Document {
  const issue: DocumentIssue = { stage: 'segment', code, message, severity: 'error' }
  return withChanges(doc, { issues: [...doc.issues, issue] })
}
