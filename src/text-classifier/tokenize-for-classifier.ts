/**
 * Word tokens for the text classifier, for text in any script: letters, combining marks and
 * digits form words; scripts written without spaces between words become overlapping
 * character pairs, so Chinese, Japanese or Thai text still yields reusable features.
 */

/** Scripts written without spaces between words (the prolonged-sound mark ー is Common). */
const UNSPACED = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\u30FC]`
const UNSPACED_RUN = String.raw`(?:${UNSPACED}\p{M}*)+`
/** A letter, mark or digit of a spaced script. */
const WORD_CHARACTER = String.raw`(?:(?!${UNSPACED})[\p{L}\p{M}\p{N}])`
/** A word: starts with a letter or digit, goes on with letters, marks and digits, may hold inner apostrophes (don't, O'Brien). */
const WORD = String.raw`(?!${UNSPACED})[\p{L}\p{N}]${WORD_CHARACTER}*(?:'${WORD_CHARACTER}+)*`
const TOKEN = new RegExp(`(${UNSPACED_RUN})|${WORD}`, 'gu')
const UNSPACED_CHARACTER = /\P{M}\p{M}*/gu
/** Characters that only steer rendering: zero-width (non-)joiners, soft hyphen, word joiner, BOM. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu
const APOSTROPHES = /[\u2019\u02BC\uFF07]/gu

/**
 * Splits text into the classifier's tokens: NFKC-normalised, lower-cased, invisible joiners
 * removed (Persian words with and without ZWNJ meet), typographic apostrophes made straight.
 * Runs of unspaced scripts give overlapping pairs of characters (a lone character stays one).
 */
export function tokenizeForClassifier(text: string): string[] {
  const normalised = text.normalize('NFKC').toLowerCase().replace(INVISIBLE, '').replace(APOSTROPHES, "'")
  const tokens: string[] = []
  for (const match of normalised.matchAll(TOKEN)) {
    if (match[1] === undefined) {
      tokens.push(match[0])
      continue
    }
    const characters = match[1].match(UNSPACED_CHARACTER) ?? []
    if (characters.length === 1) tokens.push(characters[0] as string)
    for (let i = 0; i + 1 < characters.length; i++) tokens.push(`${characters[i]}${characters[i + 1]}`)
  }
  return tokens
}
