import type { Block } from '../../core/document.js'

/** Small, cheap facts about a block's text that rules and detectors share. */

/**
 * Words a block needs to count as prose for the safety valves (a drop-from-here marker needs
 * prose before it; rules may not remove nearly all of it): menus, headings and captions are shorter.
 */
export const PROSE_MIN_WORDS = 10

const SENTENCE_END = /[.!?…。！？؟]["'”’»)\]]*$/u
const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu

/** Number of words (runs of letters/digits) in the text. */
export function wordCount(text: string): number {
  let n = 0
  WORD.lastIndex = 0
  while (WORD.exec(text) !== null) n++
  return n
}

/** True when the text ends like a sentence (., !, ?, … possibly inside quotes or brackets). */
export function endsWithSentencePunctuation(text: string): boolean {
  return SENTENCE_END.test(text.trimEnd())
}

/**
 * Folds text for comparison: compatibility forms (NFKC, so composed and decomposed accents
 * agree), lower case, the Arabic kaf and yeh as their Persian forms (scraped Persian text uses
 * both), and punctuation and runs of whitespace collapsed to one space. "Top  Stories!" and
 * "top stories" fold alike; so do "كتاب" and "کتاب".
 */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\u0643/g, '\u06a9')
    .replace(/[\u064a\u0649]/g, '\u06cc')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Computes a fact about a block's text once per block object (blocks are immutable, and every
 * rule of the boilerplate stage asks again), remembering it only while the block lives.
 */
function oncePerBlock<T>(compute: (text: string) => T): (block: Block) => T {
  const cache = new WeakMap<Block, T>()
  return (block) => {
    if (cache.has(block)) return cache.get(block) as T
    const value = compute(block.text)
    cache.set(block, value)
    return value
  }
}

/** `wordCount` of a block's text, computed once per block. */
export const blockWordCount: (block: Block) => number = oncePerBlock(wordCount)

/** `foldForMatch` of a block's text, computed once per block. */
export const blockFoldedText: (block: Block) => string = oncePerBlock(foldForMatch)
