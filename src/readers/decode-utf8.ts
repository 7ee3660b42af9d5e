import type { DocumentIssue } from '../core/document.js'
import { readWarning } from './read-issues.js'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const replacingUtf8 = new TextDecoder('utf-8', { ignoreBOM: true })

const REPLACEMENT_CHARACTER = '\uFFFD'
/** U+FFFD as UTF-8 bytes: a replacement character that was already in the input. */
const ENCODED_REPLACEMENT = Buffer.from(REPLACEMENT_CHARACTER)

function countInText(text: string, char: string): number {
  let count = 0
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++
  return count
}

function countInBytes(bytes: Uint8Array, sequence: Buffer): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let count = 0
  for (let at = buffer.indexOf(sequence); at !== -1; at = buffer.indexOf(sequence, at + sequence.length)) count++
  return count
}

/**
 * Decodes UTF-8 strictly; invalid sequences become U+FFFD (WHATWG rules, so an overlong "/" never
 * turns into "/") and the result is flagged `W_INVALID_UTF8` with the number of replacements.
 * `invalidSequences` is that number (0 for valid UTF-8).
 * A byte order mark is kept: callers strip it where it is one, and a mid-text U+FEFF is content.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; issues: DocumentIssue[]; invalidSequences: number } {
  try {
    return { text: strictUtf8.decode(bytes), issues: [], invalidSequences: 0 }
  } catch {
    const text = replacingUtf8.decode(bytes)
    const replacements =
      countInText(text, REPLACEMENT_CHARACTER) - countInBytes(bytes, ENCODED_REPLACEMENT)
    const message = `invalid UTF-8: ${replacements} byte sequence(s) replaced with U+FFFD`
    return { text, issues: [readWarning('W_INVALID_UTF8', message)], invalidSequences: replacements }
  }
}
