import { createHash } from 'node:crypto'

/** Zero-width space: a word separator in scripts written without spaces, so it folds to a space. */
const ZERO_WIDTH_SPACE = /\u200B/g
/** Invisible format characters (ZWNJ, ZWJ, soft hyphen, bidi marks, BOM): scrapes keep them inconsistently. */
const FORMAT_CHARS = /\p{Cf}/gu
/** Arabic tatweel (elongation) and the optional vowel marks (harakat, superscript alef). */
const ARABIC_OPTIONAL = /[\u0640\u064B-\u065F\u0670]/g
/** Arabic kaf and yeh / alef maksura, which Persian pages mix with the Persian letters. */
const ARABIC_LETTER_VARIANTS = /[\u0643\u064A\u0649]/g
/** Arabic-Indic and Extended Arabic-Indic (Persian) digits; NFKC leaves them alone. */
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g
/** Everything that is not part of a word: punctuation, symbols, whitespace, controls. */
const NON_WORD_RUN = /[^\p{L}\p{M}\p{N}]+/gu

function foldArabicLetter(ch: string): string {
  return ch === '\u0643' ? '\u06A9' : '\u06CC'
}

function foldArabicDigit(ch: string): string {
  const code = ch.charCodeAt(0)
  return String.fromCharCode(0x30 + (code >= 0x06f0 ? code - 0x06f0 : code - 0x0660))
}

/**
 * The text that duplicate detection compares, so that copies differing only in layout, case,
 * punctuation or encoding variants count as the same text: NFKC, lower case (locale-free),
 * invisible format characters dropped (a zero-width space becomes a space), Arabic-script
 * variants folded (tatweel and harakat dropped, Arabic kaf/yeh/alef maksura to the Persian
 * letters, Arabic-Indic and Persian digits to ASCII), and every run of characters that are not
 * letters, combining marks or numbers folded to one space, trimmed. Digits are kept.
 * Idempotent: normalising a normalised text returns it unchanged.
 */
export function normalizeForDuplicates(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKC')
    .replace(ZERO_WIDTH_SPACE, ' ')
    .replace(FORMAT_CHARS, '')
    .replace(ARABIC_OPTIONAL, '')
    .replace(ARABIC_LETTER_VARIANTS, foldArabicLetter)
    .replace(ARABIC_DIGITS, foldArabicDigit)
    .replace(NON_WORD_RUN, ' ')
    .trim()
}

/** The sha256 (hex) of an already normalised text, UTF-8 encoded; `exactKey` without normalising twice. */
export function exactKeyOfNormalized(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex')
}

/**
 * The exact-duplicate key of a text: the sha256 (64 hex digits) of `normalizeForDuplicates(text)`.
 * Two texts are exact duplicates exactly when their keys are equal.
 */
export function exactKey(text: string): string {
  return exactKeyOfNormalized(normalizeForDuplicates(text))
}
