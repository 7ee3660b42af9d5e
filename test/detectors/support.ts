import { createDocument, type Block, type Document } from '../../src/core/document.js'
import type { DetectorContext } from '../../src/stages/boilerplate/detectors/detector.js'
import { segmentText } from '../../src/stages/segment/text-blocks.js'

/** A text document already split into line blocks, as the segment stage leaves it. */
export function linesDoc(text: string, meta: Document['meta'] = {}): Document {
  return { ...createDocument({ id: 'doc', source: { format: 'text' }, raw: text, meta }), blocks: segmentText(text) }
}

/** The context the rule engine gives a detector for one block of a document. */
export function contextFor(doc: Document, block: Block): DetectorContext {
  const content = doc.blocks.filter((b) => b.label === 'content')
  return { doc, contentPosition: content.findIndex((b) => b.index === block.index), contentCount: content.length }
}

/** A lone block of text with a context of its own, for detectors that look at the block only. */
export function loneBlock(text: string): [Block, DetectorContext] {
  const doc = { ...linesDoc(text), blocks: [{ index: 0, text, kind: 'text-line' as const, breakBefore: false, label: 'content' as const }] }
  const block = doc.blocks[0] as Block
  return [block, contextFor(doc, block)]
}
