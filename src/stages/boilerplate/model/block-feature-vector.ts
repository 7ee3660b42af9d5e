import type { Block } from '../../../core/document.js'
import { findDate } from '../../metadata/parse-date.js'
import { blockFoldedText, blockWordCount, endsWithSentencePunctuation } from '../block-features.js'

/**
 * Names of the per-block features the block classifier reads, in vector order. Text and HTML
 * blocks share the vector; HTML-only features are 0 for scraped text.
 */
export const FEATURE_NAMES = [
  'log chars', 'log words', 'mean word length', 'sentence end', 'ends with colon', 'ends with ellipsis',
  'commas per word', 'sentences per word', 'digit share', 'uppercase share', 'capitalised word share',
  'stopword share', 'separator marks', 'starts like a list item', 'copyright mark', 'url or e-mail',
  'relative position', 'first block', 'last block', 'repeated in page', 'date-like', 'blank line before',
  'chars before (share)', 'chars after (share)', 'distance to longest block',
  'prev log chars', 'next log chars', 'prev sentence end', 'next sentence end', 'window mean log chars',
  'link density', 'prev link density', 'next link density', 'tag p', 'tag li', 'tag h1-h3', 'tag h4-h6', 'tag td/th',
  'tag div', 'tag blockquote/pre', 'tag dt/dd', 'tag figcaption/caption', 'inside nav', 'inside header', 'inside footer',
  'inside aside', 'inside form', 'inside article', 'inside main', 'inside list', 'inside table', 'inside figure',
  'content class names', 'furniture class names', 'path depth', 'comment-like', 'comment signals before',
  'length vs longest block', 'length vs median block', 'between long blocks', 'long block with links', 'prose blocks before (share)',
  'in main container', 'container score', 'before main container', 'after main container', 'main container share',
  'outside a dominant main container',
] as const

/** How many features a block has. */
export const FEATURE_COUNT = FEATURE_NAMES.length

/** Furniture that opens or belongs to reader comments: reply links, "X says:", comment time stamps. */
const COMMENT_LIKE =
  /^(?:reply|report(?: abuse)?|permalink|quote|flag|log in to reply|reply ↓|likes?|\d+ likes?)$|\b(?:says|said|wrote|commented)\s*:?\s*$|\b\d{1,2}:\d{2}\s*(?:am|pm)\b/iu

const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'the of and to a in is that for it as was with be by on not he i this are or his from at which but have an they ' +
    'you were her she there their one all we can has been would will more if no when what so who its also said ' +
    'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass ' +
    'le la les de des et un une du en est que qui dans pour pas sur au par il elle ne se ce plus sont ' +
    'el los las del y en que por con para una es se lo como más pero sus le ha ' +
    'il di che e la per un non sono da una del della si con ' +
    'de het een en van ik te dat die in is niet op zijn ' +
    'i w z na do nie się jest że to o jak ale po'
  ).split(' '),
)

const CONTENT_TOKENS: ReadonlySet<string> = new Set(['article', 'content', 'entry', 'post', 'story', 'body', 'text', 'main', 'blog', 'prose', 'news'])
const FURNITURE_TOKENS: ReadonlySet<string> = new Set([
  'nav', 'navigation', 'menu', 'footer', 'header', 'sidebar', 'comment', 'comments', 'share', 'sharing', 'social',
  'related', 'widget', 'ad', 'ads', 'advert', 'promo', 'breadcrumb', 'breadcrumbs', 'cookie', 'newsletter', 'subscribe',
  'tag', 'tags', 'meta', 'byline', 'author', 'date', 'caption', 'login', 'search', 'banner', 'footnote', 'pagination',
  'popular', 'trending', 'recommended', 'teaser', 'toolbar', 'copyright', 'disclaimer', 'modal', 'popup',
])

const WORD = /[\p{L}\p{N}]+/gu
const LIST_START = /^(?:[-–—•·*▪►»]|\d{1,3}[.)]\s)/u
const COPYRIGHT = /©|\bcopyright\b|\ball rights reserved\b/iu
const URL_OR_MAIL = /https?:\/\/|www\.|\S+@\S+\.\w/iu
const SEPARATORS = /[|»·•›]/gu
const WINDOW = 3
/** A block of at least this many words that ends like a sentence counts as prose for context features. */
const PROSE_WORDS = 12

interface LocalFacts {
  readonly logChars: number
  readonly sentenceEnd: number
  readonly linkDensity: number
}

/**
 * Feature vectors for every block of a document, in block order. Context features (neighbours,
 * position, repetition) are computed over all blocks, whatever their label, so that training on
 * segmented pages and scoring after the rules see the same view.
 */
export function documentFeatureVectors(blocks: readonly Block[]): Float64Array[] {
  let commentSignals = 0
  const n = blocks.length
  const facts: LocalFacts[] = blocks.map((b) => ({
    logChars: Math.log1p(b.text.length),
    sentenceEnd: endsWithSentencePunctuation(b.text) ? 1 : 0,
    linkDensity: b.html?.linkDensity ?? 0,
  }))
  const totalChars = blocks.reduce((sum, b) => sum + b.text.length, 0) || 1
  let longest = 0
  blocks.forEach((b, i) => {
    if (b.text.length > (blocks[longest]?.text.length ?? 0)) longest = i
  })
  const seen = new Map<string, number>()
  for (const b of blocks) {
    const key = blockFoldedText(b)
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  const longestChars = blocks[longest]?.text.length ?? 1
  const lengths = blocks.map((b) => b.text.length).sort((a, b) => a - b)
  const medianChars = Math.max(1, lengths[Math.floor(lengths.length / 2)] ?? 1)
  const isProse = blocks.map((b) => blockWordCount(b) >= PROSE_WORDS && endsWithSentencePunctuation(b.text))
  const proseTotal = isProse.filter(Boolean).length || 1
  let proseBefore = 0
  let charsBefore = 0
  const mainChars = blocks.reduce((sum, b) => sum + (b.html?.mainContainer === 'inside' ? b.text.length : 0), 0)
  const mainShare = mainChars / totalChars
  return blocks.map((block, i) => {
    const v = new Float64Array(FEATURE_COUNT)
    let k = 0
    const text = block.text
    const words = text.match(WORD) ?? []
    const wordCount = blockWordCount(block)
    const letters = text.replace(/[^\p{L}]/gu, '')
    const own = facts[i] as LocalFacts
    v[k++] = own.logChars
    v[k++] = Math.log1p(wordCount)
    v[k++] = words.length > 0 ? Math.min(20, words.reduce((s, w) => s + w.length, 0) / words.length) : 0
    v[k++] = own.sentenceEnd
    v[k++] = /:\s*$/u.test(text) ? 1 : 0
    v[k++] = /(?:…|\.\.\.)\s*$/u.test(text) ? 1 : 0
    v[k++] = Math.min(1, (text.match(/,/g)?.length ?? 0) / Math.max(1, wordCount))
    v[k++] = Math.min(1, (text.match(/[.!?。！？](?:\s|$)/gu)?.length ?? 0) / Math.max(1, wordCount))
    v[k++] = (text.match(/\p{N}/gu)?.length ?? 0) / Math.max(1, text.length)
    v[k++] = letters.length > 0 ? (letters.match(/\p{Lu}/gu)?.length ?? 0) / letters.length : 0
    v[k++] = words.length > 0 ? words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length : 0
    v[k++] = words.length > 0 ? words.filter((w) => STOPWORDS.has(w.toLowerCase())).length / words.length : 0
    v[k++] = Math.min(5, text.match(SEPARATORS)?.length ?? 0)
    v[k++] = LIST_START.test(text) ? 1 : 0
    v[k++] = COPYRIGHT.test(text) ? 1 : 0
    v[k++] = URL_OR_MAIL.test(text) ? 1 : 0
    v[k++] = n > 1 ? i / (n - 1) : 0
    v[k++] = i === 0 ? 1 : 0
    v[k++] = i === n - 1 ? 1 : 0
    v[k++] = (seen.get(blockFoldedText(block)) ?? 0) > 1 ? 1 : 0
    v[k++] = text.length <= 80 && findDate(text) !== null ? 1 : 0
    v[k++] = block.breakBefore ? 1 : 0
    v[k++] = charsBefore / totalChars
    charsBefore += text.length
    v[k++] = (totalChars - charsBefore) / totalChars
    v[k++] = Math.min(1, Math.abs(i - longest) / 20)
    const prev = facts[i - 1]
    const next = facts[i + 1]
    v[k++] = prev?.logChars ?? 0
    v[k++] = next?.logChars ?? 0
    v[k++] = prev?.sentenceEnd ?? 0
    v[k++] = next?.sentenceEnd ?? 0
    v[k++] = windowMean(facts, i, WINDOW)
    v[k++] = own.linkDensity
    v[k++] = prev?.linkDensity ?? 0
    v[k++] = next?.linkDensity ?? 0
    const html = block.html
    const tag = html?.tag ?? ''
    v[k++] = tag === 'p' ? 1 : 0
    v[k++] = tag === 'li' ? 1 : 0
    v[k++] = /^h[1-3]$/.test(tag) ? 1 : 0
    v[k++] = /^h[4-6]$/.test(tag) ? 1 : 0
    v[k++] = tag === 'td' || tag === 'th' ? 1 : 0
    v[k++] = tag === 'div' ? 1 : 0
    v[k++] = tag === 'blockquote' || tag === 'pre' ? 1 : 0
    v[k++] = tag === 'dt' || tag === 'dd' ? 1 : 0
    v[k++] = tag === 'figcaption' || tag === 'caption' ? 1 : 0
    const inside = new Set(html?.inside ?? [])
    for (const landmark of ['nav', 'header', 'footer', 'aside', 'form', 'article', 'main']) v[k++] = inside.has(landmark) ? 1 : 0
    v[k++] = inside.has('ul') || inside.has('ol') ? 1 : 0
    v[k++] = inside.has('table') ? 1 : 0
    v[k++] = inside.has('figure') ? 1 : 0
    const tokens = html?.tokens ?? []
    v[k++] = Math.min(3, tokens.filter((t) => CONTENT_TOKENS.has(t)).length)
    v[k++] = Math.min(3, tokens.filter((t) => FURNITURE_TOKENS.has(t)).length)
    v[k++] = html ? Math.min(1, html.path.split('>').length / 8) : 0
    const commentLike = text.length <= 80 && COMMENT_LIKE.test(text.trim())
    v[k++] = commentLike ? 1 : 0
    v[k++] = Math.log1p(commentSignals)
    if (commentLike) commentSignals++
    v[k++] = text.length / Math.max(1, longestChars)
    v[k++] = Math.max(-3, Math.min(3, Math.log(Math.max(1, text.length) / medianChars)))
    v[k++] = isProse[i - 1] === true && isProse[i + 1] === true ? 1 : 0
    v[k++] = own.logChars * own.linkDensity
    v[k++] = proseBefore / proseTotal
    if (isProse[i]) proseBefore++
    const place = html?.mainContainer ?? 'none'
    v[k++] = place === 'inside' ? 1 : 0
    v[k++] = html?.containerScore ?? 0
    v[k++] = place === 'before' ? 1 : 0
    v[k++] = place === 'after' ? 1 : 0
    v[k++] = mainShare
    v[k++] = place !== 'inside' && place !== 'none' ? mainShare : 0
    return v
  })
}

function windowMean(facts: readonly LocalFacts[], i: number, radius: number): number {
  let sum = 0
  let count = 0
  for (let j = Math.max(0, i - radius); j <= Math.min(facts.length - 1, i + radius); j++) {
    sum += (facts[j] as LocalFacts).logChars
    count++
  }
  return count > 0 ? sum / count : 0
}
