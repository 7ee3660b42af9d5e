import type { Block, Document, DocumentMeta } from '../../../core/document.js'

/** A character range inside a block's text, end exclusive. */
export interface Span {
  readonly start: number
  readonly end: number
}

/** What a detector found in one block: optional spans (else the whole block), metadata, and why. */
export interface DetectorMatch {
  readonly spans?: readonly Span[]
  readonly meta?: DocumentMeta
  readonly reason: string
}

/** What a detector may look at besides the block: the document as it stands and the block's place. */
export interface DetectorContext {
  readonly doc: Document
  /** Position of the block among the document's current content blocks (0-based). */
  readonly contentPosition: number
  readonly contentCount: number
}

/** A named detector: general code for a kind of boilerplate that a pattern cannot express well. */
export type Detector = (block: Block, ctx: DetectorContext) => DetectorMatch | null
