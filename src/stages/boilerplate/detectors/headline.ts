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
  if (knownTitle === undefined) {
    if (ctx.contentPosition !== 0 || ctx.contentCount < 2 || !isHeadlineShaped(block.text.trim())) return null
    return { meta: { title: block.text.trim() }, reason: 'first line is headline-shaped' }
  }
  if (ctx.contentPosition >= HEADLINE_SEARCH_DEPTH) return null
  const content = ctx.doc.blocks.filter((b) => b.label === 'content')
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
  return matchesFoldedTitle(foldForMatch(blockText), title)
}

/** `sameTitle` for text already folded with `foldForMatch`. */
export function matchesFoldedTitle(foldedBlock: string, title: string): boolean {
  if (foldedBlock.length === 0) return false
  const forms = titleForms(title)
  return forms.includes(foldedBlock)
}

let lastTitle: string | undefined
let lastForms: readonly string[] = []

/** The folded forms a title's repeat may take: whole, its first part, its longest part. */
function titleForms(title: string): readonly string[] {
  if (title === lastTitle) return lastForms
  const parts = title.split(TITLE_SITE_SEPARATOR).map(foldForMatch)
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a), '')
  lastTitle = title
  lastForms = parts.length < 2 ? [foldForMatch(title)] : [foldForMatch(title), parts[0] ?? '', longest]
  return lastForms
}
