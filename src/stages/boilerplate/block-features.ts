import type { Block } from '../../core/document.js'

/** Small, cheap facts about a block's text that rules and detectors share. */

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
 * Folds text for comparison: compatibility forms, lower case, punctuation and runs of
 * whitespace collapsed to one space. "Top  Stories!" and "top stories" fold alike.
 */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

const wordCounts = new WeakMap<Block, number>()
const foldedTexts = new WeakMap<Block, string>()

/** `wordCount` of a block's text, computed once per block object (blocks are immutable). */
export function blockWordCount(block: Block): number {
  let n = wordCounts.get(block)
  if (n === undefined) {
    n = wordCount(block.text)
    wordCounts.set(block, n)
  }
  return n
}

/** `foldForMatch` of a block's text, computed once per block object. */
export function blockFoldedText(block: Block): string {
  let folded = foldedTexts.get(block)
  if (folded === undefined) {
    folded = foldForMatch(block.text)
    foldedTexts.set(block, folded)
  }
  return folded
}
