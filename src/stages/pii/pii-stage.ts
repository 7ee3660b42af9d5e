/**
 * The pii stage: counts e-mail addresses, phone numbers and IP addresses in the kept text and,
 * when asked, masks them in place. It runs after normalize (entities decoded, spaces collapsed,
 * so a match is not split by markup) and before classify (so quality and topics see the masks).
 */
import type { Block, Document, Edit } from '../../core/document.js'
import { isRejected, withChanges } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import { findPii } from './find-pii.js'
import { PII_KINDS, PII_MASKS, type PiiKind } from './pii-span.js'

/** The pii policy, from `pii:` in the pipeline config. */
export interface PiiOptions {
  /** Count matches per kind into `labels.pii`. */
  readonly detect: boolean
  /** Replace each match in the content blocks by its placeholder (`[EMAIL]`, `[PHONE]`, `[IP]`). */
  readonly mask: boolean
}

const STAGE = 'pii'

/**
 * Builds the pii stage. Only content blocks are read: removed boilerplate never reaches the
 * dataset. Masking is recorded like normalization: one edit per kind, rule id `pii/<kind>`, with
 * the number of matches and the characters removed (a mask shorter than its match) or added.
 * With both options off the stage passes documents through untouched.
 */
export function createPiiStage(options: PiiOptions): Stage {
  return {
    name: STAGE,
    run(doc: Document): Document {
      if (isRejected(doc) || (!options.detect && !options.mask)) return doc
      const counts: Record<PiiKind, number> = { email: 0, phone: 0, ip: 0 }
      const deltas: Record<PiiKind, number> = { email: 0, phone: 0, ip: 0 }
      const blocks = doc.blocks.map((block): Block => {
        if (block.label !== 'content') return block
        const spans = findPii(block.text)
        if (spans.length === 0) return block
        for (const span of spans) counts[span.kind]++
        if (!options.mask) return block
        let text = block.text
        for (const span of [...spans].reverse()) {
          deltas[span.kind] += span.end - span.start - PII_MASKS[span.kind].length
          text = text.slice(0, span.start) + PII_MASKS[span.kind] + text.slice(span.end)
        }
        return { ...block, text }
      })
      const edits: Edit[] = options.mask
        ? PII_KINDS.filter((kind) => counts[kind] > 0).map((kind) => ({ stage: STAGE, ruleId: `pii/${kind}`, count: counts[kind], charsDelta: deltas[kind] }))
        : []
      return withChanges(doc, {
        ...(options.mask ? { blocks, edits: [...doc.edits, ...edits] } : {}),
        ...(options.detect ? { labels: { ...doc.labels, pii: counts } } : {}),
      })
    },
  }
}
