import { analyse } from 'chardet'
import iconv from 'iconv-lite'

/** A legacy charset chardet proposed, with the text iconv-lite decoded from it. */
export interface LegacyGuess {
  readonly encoding: string
  readonly confidence: number
  readonly text: string
}

/** Below this many invalid UTF-8 sequences the evidence is thin: only a near-certain guess counts. */
export const THIN_EVIDENCE_SEQUENCES = 16
/** Confidence (chardet's 0-100) a guess needs when the evidence is thin. */
export const THIN_EVIDENCE_CONFIDENCE = 90
/** Confidence a guess needs when many bytes are invalid UTF-8 (then some legacy charset is near certain). */
export const MIN_CONFIDENCE = 10
/** Candidates this close to the best confidence are compared by how clean their decoded text is. */
const TIE_WINDOW = 5

/** Characters a right guess rarely produces: U+FFFD (byte unmapped in the charset) and C1 controls. */
const IMPLAUSIBLE = /[\uFFFD\u0080-\u009F]/g

function implausibleCount(text: string): number {
  return text.match(IMPLAUSIBLE)?.length ?? 0
}

/** Markup replaced by spaces, so tags, attributes and comments do not outvote the text in chardet. */
function stripMarkup(bytes: Uint8Array): Uint8Array {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const stripped = latin1.replace(/<!--[\s\S]*?(?:-->|$)|<[^>]*>/g, ' ')
  return Buffer.from(stripped, 'latin1')
}

/**
 * Guesses the legacy charset of bytes that are not valid UTF-8, or returns undefined.
 *
 * chardet's candidates are kept when iconv-lite supports them and they are not a UTF (UTF-8 has
 * failed, UTF-16/32 without a BOM is handled as binary). The best needs MIN_CONFIDENCE, or
 * THIN_EVIDENCE_CONFIDENCE when fewer than THIN_EVIDENCE_SEQUENCES sequences were invalid.
 * Candidates within TIE_WINDOW of the best are ranked by the fewest U+FFFD/C1 characters in their
 * decoded text (windows-1253 and windows-1256 can tie on Persian; only one maps every byte).
 * For HTML, markup is stripped before analysis; the whole file is decoded.
 */
export function detectLegacyCharset(bytes: Uint8Array, invalidSequences: number, options: { html?: boolean } = {}): LegacyGuess | undefined {
  const sample = options.html ? stripMarkup(bytes) : bytes
  const candidates = analyse(sample).filter(
    (match) => !/^utf-/i.test(match.name) && iconv.encodingExists(match.name),
  )
  const best = candidates[0]
  if (!best) return undefined
  const needed = invalidSequences < THIN_EVIDENCE_SEQUENCES ? THIN_EVIDENCE_CONFIDENCE : MIN_CONFIDENCE
  if (best.confidence < needed) return undefined
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const ranked = candidates
    .filter((match) => match.confidence >= best.confidence - TIE_WINDOW)
    .map((match) => ({ encoding: match.name, confidence: match.confidence, text: iconv.decode(buffer, match.name) }))
    .map((guess, order) => ({ guess, order, score: implausibleCount(guess.text) }))
    .sort((a, b) => a.score - b.score || a.order - b.order)
  return ranked[0]?.guess
}
