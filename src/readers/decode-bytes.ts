import type { DocumentIssue } from '../core/document.js'
import { BOM_LENGTH, detectBom } from './detect-bom.js'
import { decodeUtf8 } from './decode-utf8.js'
import { readError, readWarning } from './read-issues.js'
import { sniffBinary } from './sniff-binary.js'

/** Text decoded from a file's bytes, with what the decoding noticed. */
export interface DecodedBytes {
  readonly text: string
  readonly issues: readonly DocumentIssue[]
}

/** True when text has nothing but whitespace (JS whitespace includes NBSP, U+3000 and U+FEFF). */
export function isBlankText(text: string): boolean {
  return text.trim() === ''
}

/**
 * Turns a file's bytes into text, or says why it cannot.
 *
 * Policy, in order:
 * 1. A UTF-16LE/BE byte order mark: decode as UTF-16, flag `W_DECODED_UTF16`.
 * 2. A UTF-8 byte order mark: strip it, decode as UTF-8 (step 4).
 * 3. No byte order mark: sniff content, not the file name (PNG, PDF, gzip, ZIP signatures, or a
 *    high share of NUL/control bytes): binary input is error `E_BINARY` with empty text.
 * 4. Strict UTF-8; if invalid, decode with U+FFFD replacement and flag `W_INVALID_UTF8` with the
 *    number of replacements. Legacy charsets (windows-1256, windows-1252, ...) are not detected yet:
 *    they land in this replacement path. Charset detection (`W_CHARSET_GUESSED`) belongs right
 *    before `decodeUtf8` in step 4, and only for bytes that fail strict UTF-8.
 * 5. Empty or whitespace-only text (NBSP and ideographic space count as whitespace): error `E_EMPTY`.
 */
export function decodeBytes(bytes: Uint8Array): DecodedBytes {
  const bom = detectBom(bytes)
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    const text = new TextDecoder(bom).decode(bytes)
    return withEmptyCheck({ text, issues: [readWarning('W_DECODED_UTF16', `decoded as ${bom.toUpperCase()} (byte order mark)`)] })
  }
  if (bom === 'utf-8') return withEmptyCheck(decodeUtf8(bytes.subarray(BOM_LENGTH['utf-8'])))
  const binary = sniffBinary(bytes)
  if (binary) return { text: '', issues: [readError('E_BINARY', `binary content: ${binary}`)] }
  return withEmptyCheck(decodeUtf8(bytes))
}

function withEmptyCheck(decoded: DecodedBytes): DecodedBytes {
  if (!isBlankText(decoded.text)) return decoded
  return { text: decoded.text, issues: [...decoded.issues, readError('E_EMPTY', 'no text: the input is empty or whitespace only')] }
}
