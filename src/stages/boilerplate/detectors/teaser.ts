import { wordCount } from '../block-features.js'
import type { Detector } from './detector.js'

const MAX_TEASER_WORDS = 45
const TRUNCATED_END = /(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$/u

/**
 * A headline or summary cut short with an ellipsis, as in "more stories" teaser lists.
 * Used with `minRun` so that one sentence ending in "…" inside an article is not taken.
 */
export const detectTeaser: Detector = (block) => {
  const text = block.text.trim()
  if (!TRUNCATED_END.test(text)) return null
  if (wordCount(text) > MAX_TEASER_WORDS) return null
  return { reason: 'short text cut off with an ellipsis' }
}
