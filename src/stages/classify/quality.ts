/**
 * Cheap text-quality signals over the kept text, as plain numbers: enough for a filter ("drop
 * pages with fewer than 50 words or a stopword ratio under 0.2") without a model. They follow the
 * heuristics of the Gopher (Rae et al. 2021), C4 and FineWeb quality filters: word count, mean
 * word length, symbol-to-word ratio, lines ending in punctuation, duplicate lines, stop words.
 */
import { STOPWORDS } from './stopwords.js'

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
  /**
   * Hash signs and ellipses (`…` or `...`) per word, as Gopher counts them: high for hashtag
   * lists and for pages of cut-off teasers. Not capped at 1.
   */
  readonly symbolWordRatio: number
  /**
   * Words that are common function words of the text's language (lists in `stopwords.ts`);
   * absent when the language has no list.
   */
  readonly stopwordRatio?: number
}

const WORD = /[\p{L}\p{N}]+/gu
const LETTER = /\p{L}/gu
const UPPERCASE = /\p{Lu}/gu
const NON_SPACE = /\S/gu
const SENTENCE_END = /[.!?…。！？؟]["'”’»)\]]*$/u
/** Gopher's symbols: the hash sign and the ellipsis, typed as one character or as three dots. */
const SYMBOL = /#|…|\.\.\./gu

/**
 * Measures the quality signals of a text given as its blocks (one string per block). The
 * stopword ratio is computed when `lang` (ISO 639-1) has a stop-word list.
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
    symbolWordRatio: ratio(count(text, SYMBOL), words.length),
  }
  const list = STOPWORDS[lang]
  if (list === undefined) return signals
  // Case is folded once for the whole text, the language's way (Turkish İ → i, I → ı).
  const lowerWords = text.toLocaleLowerCase(lang).match(WORD) ?? []
  const stopwords = lowerWords.filter((w) => list.has(w)).length
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
