import iconv from 'iconv-lite'
import type { DocumentIssue } from '../core/document.js'
import { declaredHtmlCharset, isUtf8Label } from './declared-html-charset.js'
import { BOM_LENGTH, detectBom } from './detect-bom.js'
import { detectLegacyCharset } from './detect-legacy-charset.js'
import { decodeUtf8 } from './decode-utf8.js'
import { readError, readWarning } from './read-issues.js'
import { sniffBinary } from './sniff-binary.js'

/** Text decoded from a file's bytes, with what the decoding noticed. */
export interface DecodedBytes {
  readonly text: string
  readonly issues: readonly DocumentIssue[]
}

/** How the bytes are to be read. */
export interface DecodeOptions {
  /** The bytes are an HTML page: a `<meta>` charset declaration is honoured. */
  readonly html?: boolean
}

/** Below this share of invalid UTF-8 sequences per byte, the file is UTF-8 with stray bytes. */
export const STRAY_BYTES_SHARE = 0.01

/** True when text has nothing but whitespace (JS whitespace includes NBSP, U+3000 and U+FEFF). */
export function isBlankText(text: string): boolean {
  return text.trim() === ''
}

/**
 * True when a document's text has nothing to read: only whitespace and U+FFFD, the marks
 * left where bytes could not be decoded (a UTF-16 file holding one lone surrogate is "\uFFFD").
 */
export function hasNoReadableText(text: string): boolean {
  // \s is exactly the set trim() removes; a test stops at the first readable character, no copy.
  return !/[^\s\uFFFD]/.test(text)
}

/**
 * Turns a file's bytes into text, or says why it cannot.
 *
 * Policy, in order:
 * 1. A UTF-16LE/BE byte order mark: decode as UTF-16, flag `W_DECODED_UTF16`.
 * 2. A UTF-8 byte order mark: strip it, decode as UTF-8 (step 5). A BOM wins over any `<meta>`.
 * 3. No byte order mark: sniff content, not the file name (PNG, PDF, gzip, ZIP signatures, or a
 *    high share of NUL/control bytes): binary input is error `E_BINARY` with empty text.
 * 4. HTML only (`options.html`): a charset declared by `<meta charset>` or
 *    `<meta http-equiv="Content-Type" content="...charset=...">` within the first 1024 bytes, and
 *    known to iconv-lite, is used without a warning (WHATWG label mapping: latin1/ascii →
 *    windows-1252). A declared UTF-8 is decoded strictly; if the bytes are not valid UTF-8 the
 *    declaration is ignored, the charset is detected as in step 5, and the result is flagged
 *    `W_CHARSET_MISMATCH` (naming the declared and the detected charset). A declaration after the
 *    first 1024 bytes is not seen.
 * 5. Strict UTF-8. If invalid, the file is kept as UTF-8 with U+FFFD replacements and flagged
 *    `W_INVALID_UTF8` (with the number of replacements) when it is UTF-8 with stray bytes:
 *    invalid sequences are under 1% of the bytes (STRAY_BYTES_SHARE), or valid multi-byte UTF-8
 *    characters are at least as many as the invalid sequences. Otherwise the legacy charset is
 *    guessed by chardet (see `detectLegacyCharset`: an iconv-lite charset other than a UTF, with
 *    confidence of at least 10, or 90 when fewer than 16 sequences were invalid) and the bytes are
 *    decoded with iconv-lite, flagged `W_CHARSET_GUESSED` with the charset and confidence. With no
 *    acceptable guess, the UTF-8 replacement result and `W_INVALID_UTF8` stand.
 * 6. Empty or whitespace-only text (NBSP and ideographic space count as whitespace), or nothing
 *    but whitespace and U+FFFD: error `E_EMPTY`.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedBytes {
  const bom = detectBom(bytes)
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    const text = new TextDecoder(bom).decode(bytes)
    return withEmptyCheck({ text, issues: [readWarning('W_DECODED_UTF16', `decoded as ${bom.toUpperCase()} (byte order mark)`)] })
  }
  if (bom === 'utf-8') {
    const { text, issues } = decodeUtf8(bytes.subarray(BOM_LENGTH['utf-8']))
    return withEmptyCheck({ text, issues })
  }
  const binary = sniffBinary(bytes)
  if (binary) return { text: '', issues: [readError('E_BINARY', `binary content: ${binary}`)] }
  const declared = options.html ? declaredHtmlCharset(bytes) : undefined
  if (declared && !isUtf8Label(declared)) {
    return withEmptyCheck({ text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declared), issues: [] })
  }
  return withEmptyCheck(decodeUtf8OrLegacy(bytes, { html: options.html ?? false, declaredUtf8: declared !== undefined }))
}

/** Step 5 of `decodeBytes` (and the UTF-8 branch of step 4). */
function decodeUtf8OrLegacy(bytes: Uint8Array, context: { html: boolean; declaredUtf8: boolean }): DecodedBytes {
  const { invalidSequences, ...utf8 } = decodeUtf8(bytes)
  if (invalidSequences === 0 || hasOnlyStrayBytes(utf8.text, invalidSequences, bytes.byteLength)) return utf8
  const guess = detectLegacyCharset(bytes, invalidSequences, { html: context.html })
  if (!guess) {
    if (!context.declaredUtf8) return utf8
    const mismatch = readWarning('W_CHARSET_MISMATCH', 'declared charset utf-8 but the bytes are not valid UTF-8, and no legacy charset was detected')
    return { text: utf8.text, issues: [...utf8.issues, mismatch] }
  }
  const issue = context.declaredUtf8
    ? readWarning('W_CHARSET_MISMATCH', `declared charset utf-8 but the bytes are not valid UTF-8; decoded as detected ${guess.encoding} (confidence ${guess.confidence})`)
    : readWarning('W_CHARSET_GUESSED', `not valid UTF-8; decoded as detected ${guess.encoding} (confidence ${guess.confidence})`)
  return { text: guess.text, issues: [issue] }
}

/** UTF-8 with a few stray bytes: tiny share of invalid sequences, or mostly valid multi-byte UTF-8. */
function hasOnlyStrayBytes(text: string, invalidSequences: number, byteLength: number): boolean {
  if (invalidSequences < byteLength * STRAY_BYTES_SHARE) return true
  let validMultiByte = 0
  for (const char of text) if (char > '\u007F' && char !== '\uFFFD') validMultiByte++
  return validMultiByte >= invalidSequences
}

function withEmptyCheck(decoded: DecodedBytes): DecodedBytes {
  if (!hasNoReadableText(decoded.text)) return decoded
  const what = isBlankText(decoded.text) ? 'the input is empty or whitespace only' : 'nothing but whitespace and undecodable bytes (U+FFFD)'
  return { text: decoded.text, issues: [...decoded.issues, readError('E_EMPTY', `no text: ${what}`)] }
}
