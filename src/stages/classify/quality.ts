/**
 * Cheap text-quality signals over the kept text, as plain numbers: enough for a downstream
 * filter ("drop pages with fewer than 50 words or a stopword ratio under 0.2") without a model.
 */

/**
 * Quality signals of a text; ratios are 0..1, and ratios and means are rounded to 4 decimals. A type
 * alias, not an interface, so it stays assignable to the `Record<string, number>` of the labels.
 */
export type QualitySignals = {
  /** Characters of the kept text, blocks joined by newlines. */
  readonly chars: number
  /** Runs of letters and digits. */
  readonly words: number
  /** Mean characters per word: very short for menus and codes, very long for URLs and glued text. */
  readonly meanWordLength: number
  /** Letters among non-whitespace characters: low for tables, code and symbol soup. */
  readonly alphaRatio: number
  /** Upper-case letters among letters: high for shouting headlines and menus. */
  readonly uppercaseRatio: number
  /** Blocks ending in sentence punctuation: low for navigation, lists and captions. */
  readonly punctuationEndRatio: number
  /** Blocks that repeat an earlier block (case and spacing ignored): high for scraped templates. */
  readonly duplicateLineRatio: number
  /** Words that are common function words; English text only (absent otherwise). */
  readonly stopwordRatio?: number
}

const WORD = /[\p{L}\p{N}]+/gu
const LETTER = /\p{L}/gu
const UPPERCASE = /\p{Lu}/gu
const NON_SPACE = /\S/gu
const SENTENCE_END = /[.!?…。！？؟]["'”’»)\]]*$/u

/**
 * Common English function words; natural prose is roughly 40–50% of them, while lists, menus and
 * keyword spam have few, which is why the ratio separates prose from junk.
 */
const ENGLISH_STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on ' +
    'once only or other our ours ourselves out over own same she should so some such than that the their theirs them ' +
    'themselves then there these they this those through to too under until up very was we were what when where which ' +
    'while who whom why will with would you your yours yourself yourselves'
  ).split(' '),
)

/**
 * Measures the quality signals of a text given as its blocks (one string per block). The
 * stopword ratio is only computed when `lang` is `en`, the one stopword list there is so far.
 */
export function measureQuality(blocks: readonly string[], lang: string): QualitySignals {
  const text = blocks.join('\n')
  const words = text.match(WORD) ?? []
  const letters = count(text, LETTER)
  const nonEmptyBlocks = blocks.map(normaliseBlock).filter((b) => b !== '')
  const signals: QualitySignals = {
    chars: text.length,
    words: words.length,
    meanWordLength: ratio(
      words.reduce((sum, w) => sum + w.length, 0),
      words.length,
    ),
    alphaRatio: ratio(letters, count(text, NON_SPACE)),
    uppercaseRatio: ratio(count(text, UPPERCASE), letters),
    punctuationEndRatio: ratio(blocks.filter((b) => SENTENCE_END.test(b.trim())).length, nonEmptyBlocks.length),
    duplicateLineRatio: ratio(nonEmptyBlocks.length - new Set(nonEmptyBlocks).size, nonEmptyBlocks.length),
  }
  if (lang !== 'en') return signals
  const stopwords = words.filter((w) => ENGLISH_STOPWORDS.has(w.toLowerCase())).length
  return { ...signals, stopwordRatio: ratio(stopwords, words.length) }
}

function normaliseBlock(block: string): string {
  return block.trim().replace(/\s+/gu, ' ').toLowerCase()
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000
}
