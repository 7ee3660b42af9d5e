import { contentChars, isRejected, withChanges, type Document, type Drop } from '../core/document.js'
import { DUPLICATES_STAGE } from './decide-duplicates.js'

/**
 * Passes a processed document through the duplicates stage: a kept document gets the stage's
 * trace entry (so reports count it in and out) and, when the pass dropped it, the drop. Already
 * rejected documents are returned unchanged: they never reached the pass.
 */
export function applyDuplicateDrop(doc: Document, drop: Drop | undefined): Document {
  if (isRejected(doc)) return doc
  const chars = contentChars(doc)
  return withChanges(doc, {
    ...(drop === undefined ? {} : { dropped: drop }),
    trace: [...doc.trace, { stage: DUPLICATES_STAGE, ms: 0, charsIn: chars, charsOut: chars }],
  })
}
