import { blockFoldedText } from '../block-features.js'
import { matchesFoldedTitle } from './headline.js'
import type { Detector } from './detector.js'

/**
 * A block that repeats the document's title once the title is known: crude scrapes print the
 * headline two or three times (page title, breadcrumb, article heading).
 */
export const detectRepeatedTitle: Detector = (block, ctx) => {
  const title = ctx.doc.meta.title
  if (title === undefined) return null
  return matchesFoldedTitle(blockFoldedText(block), title) ? { reason: 'repeats the title' } : null
}
