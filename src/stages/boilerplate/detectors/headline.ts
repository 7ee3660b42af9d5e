import { endsWithSentencePunctuation, foldForMatch, wordCount } from '../block-features.js'
import { findDate } from '../../metadata/parse-date.js'
import type { Detector } from './detector.js'

const MAX_HEADLINE_WORDS = 25
const MAX_HEADLINE_CHARS = 220
const HEADLINE_SEARCH_DEPTH = 3
const TITLE_SITE_SEPARATOR = /\s+[|–—\-:·•»]\s+/u

/**
 * The document's headline: the first block near the top that equals the title already known
 * (HTML <title>, og:title), or, when none is known, the first content block if it has a
 * headline's shape. Only that one block matches; its repeats are left to `repeated-title`.
 */
export const detectHeadline: Detector = (block, ctx) => {
  const knownTitle = ctx.doc.meta.title
  const content = ctx.doc.blocks.filter((b) => b.label === 'content')
  if (knownTitle === undefined) {
    const first = content[0]
    if (first?.index !== block.index || content.length < 2 || !isHeadlineShaped(block.text.trim())) return null
    return { meta: { title: block.text.trim() }, reason: 'first line is headline-shaped' }
  }
  const first = content.slice(0, HEADLINE_SEARCH_DEPTH).find((b) => sameTitle(b.text, knownTitle))
  if (first?.index !== block.index) return null
  return { meta: { title: block.text.trim() }, reason: 'equals the page title' }
}

/** True when the text has the shape of a headline: short, not a sentence, not a date. */
export function isHeadlineShaped(text: string): boolean {
  const words = wordCount(text)
  if (words < 2 || words > MAX_HEADLINE_WORDS || text.length > MAX_HEADLINE_CHARS) return false
  if (endsWithSentencePunctuation(text) && !/[?!]["'”’]?$/u.test(text)) return false
  if (/[,;:]$/u.test(text)) return false
  if (!/^[\p{Lu}\p{Lt}\p{N}"'“‘«(\p{Lo}]/u.test(text)) return false
  const date = findDate(text)
  if (date && date.length > text.length / 2) return false
  return true
}

/**
 * True when a block repeats a known title, allowing the title to carry a site name
 * after a separator ("Headline | Site", "Site - Headline").
 */
export function sameTitle(blockText: string, title: string): boolean {
  const block = foldForMatch(blockText)
  if (block.length === 0) return false
  if (block === foldForMatch(title)) return true
  const parts = title.split(TITLE_SITE_SEPARATOR).map(foldForMatch)
  if (parts.length < 2) return false
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a), '')
  return block === longest || block === parts[0]
}
