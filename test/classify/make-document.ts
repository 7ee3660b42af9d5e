import { createDocument, withChanges, type Block, type BlockLabel, type Document, type DocumentMeta } from '../../src/core/document.js'

/** Builds a segmented text document whose blocks are the given paragraphs, all kept as content unless labelled. */
export function makeDocument(
  paragraphs: readonly (string | { text: string; label: BlockLabel })[],
  meta: DocumentMeta = {},
): Document {
  const blocks: Block[] = paragraphs.map((p, index) => {
    const { text, label } = typeof p === 'string' ? { text: p, label: 'content' as const } : p
    return { index, text, kind: 'paragraph', breakBefore: index > 0, label }
  })
  const raw = blocks.map((b) => b.text).join('\n\n')
  return withChanges(createDocument({ id: 'doc-1', source: { format: 'text' }, raw, meta }), { blocks })
}
