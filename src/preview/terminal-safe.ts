import { excerpt } from '../stages/boilerplate/excerpt.js'

/** C0/C1 control characters and the Unicode bidi controls that could reorder or hide terminal text. */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * Makes input-derived text (document ids, block text, rule reasons) safe to print on one
 * terminal line: control and bidi characters become spaces, whitespace is folded, and the text
 * is shortened to `max` characters with an ellipsis. A scraped page cannot send escape codes.
 */
export function terminalSafe(text: string, max = Number.POSITIVE_INFINITY): string {
  return excerpt(text.replace(UNSAFE_FOR_TERMINAL, ' '), max)
}
