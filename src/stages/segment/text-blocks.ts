import type { Block } from '../../core/document.js'

/**
 * Line breaks of every kind scraped text arrives with: CRLF, LF, CR, NEL, LS, PS. A NEL (U+0085)
 * right after a character of U+0080-U+00F4 is not a break but mojibake: the 0x85 byte of a
 * UTF-8 sequence read as latin-1 ("Ù\u0085" is Arabic "م"), which the normalizer repairs.
 */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]|(?<![\u0080-\u00F4])\u0085/g

/**
 * Splits scraped text into one block per non-blank line, with offsets into the raw text and
 * whether blank lines came before it. Lines are the unit crude scrapers emit (one element a line).
 */
export function segmentText(raw: string): Block[] {
  const blocks: Block[] = []
  let lineStart = 0
  let blankBefore = false
  const pushLine = (start: number, end: number): void => {
    const line = raw.slice(start, end)
    const leading = line.length - line.trimStart().length
    const text = line.trim()
    if (text.length === 0) {
      blankBefore = true
      return
    }
    blocks.push({
      index: blocks.length,
      text,
      kind: 'text-line',
      start: start + leading,
      end: start + leading + text.length,
      breakBefore: blankBefore,
      label: 'content',
    })
    blankBefore = false
  }
  LINE_BREAK.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = LINE_BREAK.exec(raw)) !== null) {
    pushLine(lineStart, m.index)
    lineStart = m.index + m[0].length
  }
  pushLine(lineStart, raw.length)
  return blocks
}

/**
 * The longest line of scraped text, in characters, with its 1-based number: lines as
 * `segmentText` splits them (the same breaks), measured before splitting so a runaway line can
 * be refused without copying it.
 */
export function longestLine(raw: string): { chars: number; number: number } {
  let best = { chars: 0, number: 1 }
  let lineStart = 0
  let number = 1
  const measure = (end: number): void => {
    if (end - lineStart > best.chars) best = { chars: end - lineStart, number }
  }
  LINE_BREAK.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = LINE_BREAK.exec(raw)) !== null) {
    measure(m.index)
    lineStart = m.index + m[0].length
    number++
  }
  measure(raw.length)
  return best
}
