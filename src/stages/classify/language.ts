/**
 * Document-level language identification with eld (small database): fast, no native code, and
 * accurate enough on paragraphs (see test/classify/language.test.ts for the measured figure).
 */
import { eld } from 'eld/small'

/** How the detector is configured: a confidence floor and, optionally, the languages to choose from. */
export interface LanguageOptions {
  /** Below this eld score (0..1) the answer is `und`. */
  readonly minConfidence: number
  /** ISO 639-1 codes the corpus is expected to hold; detection is restricted to them. */
  readonly expected?: readonly string[]
}

/** A detected language (ISO 639-1, or `und` when undetermined) and eld's score for it (0..1). */
export interface LanguageGuess {
  readonly lang: string
  readonly score: number
}

/** Detects the language of a text; built once by `createLanguageDetector`. */
export type LanguageDetector = (text: string) => LanguageGuess

/** The code for "undetermined": text too short, or no language scored above the floor. */
export const UNDETERMINED = 'und'

/**
 * Only the start of a document is read: language rarely changes mid-document, and a few
 * paragraphs are far more than eld needs (its accuracy is already ~99% on 400-char paragraphs).
 */
const SAMPLE_CHARS = 2000

/**
 * eld reads only about 350 UTF-8 bytes of its input, so the sample is cut into windows of that
 * size at word boundaries and every window is scored; the document's scores are their average.
 */
const WINDOW_BYTES = 340

/**
 * Fewer letters than this is one or two words: single words are identified correctly only ~70%
 * of the time, so the detector answers `und` instead of guessing.
 */
const MIN_LETTERS = 10

const LETTER = /\p{L}/gu

/**
 * Builds a language detector: one private eld instance (so its language subset cannot leak to
 * other users of eld) with URL/e-mail/number clean-up on, as scraped text is full of them.
 * Throws when `expected` names a language eld cannot detect, so bad config fails at start-up.
 */
export function createLanguageDetector(options: LanguageOptions): LanguageDetector {
  const detector = eld.newInstance()
  detector.enableTextCleanup(true)
  if (options.expected && options.expected.length > 0) restrictLanguages(detector, options.expected)

  return (text) => {
    const sample = text.slice(0, SAMPLE_CHARS)
    if ((sample.match(LETTER)?.length ?? 0) < MIN_LETTERS) return { lang: UNDETERMINED, score: 0 }
    const best = bestAverageScore(sample, (window) => detector.detect(window).getScores())
    if (!best || best.score < options.minConfidence) return { lang: UNDETERMINED, score: best?.score ?? 0 }
    return best
  }
}

type Eld = ReturnType<typeof eld.newInstance>

function restrictLanguages(detector: Eld, expected: readonly string[]): void {
  const supported = new Set(Object.values(detector.info().Languages))
  const unsupported = expected.filter((code) => !supported.has(code))
  if (unsupported.length > 0) {
    throw new RangeError(
      `language.expected: eld cannot detect ${unsupported.join(', ')}; supported: ${[...supported].sort().join(' ')}`,
    )
  }
  detector.setLanguageSubset([...expected])
}

/** Scores every window, averages each language's score weighted by window length, returns the best. */
function bestAverageScore(
  sample: string,
  scoreWindow: (window: string) => Record<string, number>,
): LanguageGuess | undefined {
  const totals = new Map<string, number>()
  let totalWeight = 0
  for (const window of byteWindows(sample, WINDOW_BYTES)) {
    totalWeight += window.length
    for (const [lang, score] of Object.entries(scoreWindow(window))) {
      totals.set(lang, (totals.get(lang) ?? 0) + score * window.length)
    }
  }
  let best: LanguageGuess | undefined
  for (const [lang, total] of totals) {
    const score = total / totalWeight
    if (!best || score > best.score) best = { lang, score }
  }
  return best && { lang: best.lang, score: Math.round(best.score * 1000) / 1000 }
}

/** Splits text at whitespace into windows of at most `maxBytes` UTF-8 bytes (a longer word stands alone). */
function byteWindows(text: string, maxBytes: number): string[] {
  const windows: string[] = []
  let current = ''
  let currentBytes = 0
  for (const word of text.split(/\s+/u)) {
    if (word === '') continue
    const wordBytes = Buffer.byteLength(word) + 1
    if (current !== '' && currentBytes + wordBytes > maxBytes) {
      windows.push(current)
      current = ''
      currentBytes = 0
    }
    current = current === '' ? word : `${current} ${word}`
    currentBytes += wordBytes
  }
  if (current !== '') windows.push(current)
  return windows
}
