import type { Document } from './document.js'

/** A per-document stage: built once from frozen config, then applied to each document, purely. */
export interface Stage {
  readonly name: string
  run(doc: Document): Document
}
