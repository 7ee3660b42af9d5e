import { endsWithSentencePunctuation } from '../block-features.js'
import type { Detector } from './detector.js'

/**
 * A short line that does not end like a sentence: a menu item, a link label, a tag.
 * Only meaningful in runs (`minRun`) and with a `where.maxWords` bound set by the rule.
 */
export const detectShortLine: Detector = (block) => {
  const text = block.text.trim()
  if (text.length === 0) return null
  if (endsWithSentencePunctuation(text)) return null
  return { reason: 'short line without sentence punctuation' }
}
