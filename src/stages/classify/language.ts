/**
 * Document-level language identification: eld (pure JS n-grams, 60 languages, database size
 * chosen in the configuration) plus what eld lacks for web text: Chinese, Japanese and Korean
 * decided by script, a two-word floor under which the answer is `und`, Persian/Urdu letter
 * variants folded before scoring, and Indonesian told apart from Malay. Measured figures are in
 * the README's classification section.
 */
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { eld as EldModule } from 'eld'
import { malayVariety } from './malay-variety.js'

/** The eld n-gram databases the configuration may name, smallest first. */
export const ELD_DATABASES = ['small', 'medium', 'large'] as const

/** One eld database size: `small` (the default) costs about 155 MB of memory, `medium` 200 MB, `large` 400 MB. */
export type EldDatabase = (typeof ELD_DATABASES)[number]

/** How the detector is configured: a confidence floor, a word floor, the database and, optionally, the languages to choose from. */
export interface LanguageOptions {
  /** Below this score (0..1) the answer is `und`. */
  readonly minConfidence: number
  /** ISO 639-1 codes the corpus is expected to hold; detection is restricted to them. */
  readonly expected?: readonly string[]
  /** Which eld database to load (default `small`). */
  readonly database?: EldDatabase
  /** Texts with fewer words than this are `und` (default 2: a lone word is not judged). */
  readonly minWords?: number
}

/** A detected language (ISO 639-1, or `und` when undetermined) and its score (0..1). */
export interface LanguageGuess {
  readonly lang: string
  readonly score: number
}

/**
 * Detects the language of a text; built once by `createLanguageDetector`. `hint` is the language
 * of the surrounding document (for a block); it only settles Indonesian versus Malay when the
 * text itself carries no evidence either way.
 */
export type LanguageDetector = (text: string, hint?: string) => LanguageGuess

/** The code for "undetermined": text too short, or no language scored above the floor. */
export const UNDETERMINED = 'und'

/** The word floor when the configuration names none: one word alone is never judged. */
export const DEFAULT_MIN_WORDS = 2

/**
 * Only the start of a document is read: language rarely changes mid-document (per-block shares
 * are `blockLanguages`' job), and a few paragraphs are far more than eld needs.
 */
const SAMPLE_CHARS = 2000

/**
 * eld reads only about 350 UTF-8 bytes of its input, so the sample is cut into windows of that
 * size at word boundaries and every window is scored; the document's scores are their average.
 */
const WINDOW_BYTES = 340

/** Scripts written without spaces between words: each of their characters counts as a word. */
const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}'

/** One character of an unspaced script, or a run of letters and combining marks (Devanagari vowel signs are marks). */
const WORD = new RegExp(`[${UNSPACED}]|(?![${UNSPACED}])\\p{L}(?:(?![${UNSPACED}])[\\p{L}\\p{M}])*`, 'gu')

/** What eld's text clean-up removes as non-language: web addresses and e-mail addresses. */
const URL_OR_EMAIL = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w+/giu

const LETTER = /\p{L}/gu
const HAN = /\p{Script=Han}/gu
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu
const HANGUL = /\p{Script=Hangul}/gu
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/**
 * Letters that Persian or Urdu use and Arabic does not (peh, tcheh, jeh, gaf, tteh, ddal, rreh,
 * noon ghunna, heh doachashmee, heh goal, yeh barree), and the ZWNJ of Persian word forms.
 */
const PERSIAN_OR_URDU_ONLY = /[\u067E\u0686\u0698\u06AF\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2\u200C]/u

type Eld = typeof EldModule

const loadedDatabases = new Map<EldDatabase, Eld>()

/**
 * Builds a language detector: one private eld instance on the configured database (so its
 * language subset cannot leak to other users of eld) with URL/e-mail/number clean-up on, as
 * scraped text is full of them. Throws when `expected` names a language it cannot detect, so
 * bad configuration fails at start-up.
 */
export function createLanguageDetector(options: LanguageOptions): LanguageDetector {
  const detector = loadEld(options.database ?? 'small')
  detector.enableTextCleanup(true)
  const expected = options.expected && options.expected.length > 0 ? new Set(options.expected) : undefined
  if (expected) restrictLanguages(detector, expected)
  const allowed = (lang: string): boolean => expected === undefined || expected.has(lang)
  const minWords = options.minWords ?? DEFAULT_MIN_WORDS

  return (text, hint) => {
    const sample = text.slice(0, SAMPLE_CHARS)
    if (countWords(sample) < minWords) return { lang: UNDETERMINED, score: 0 }
    const best =
      scriptLanguage(sample, allowed) ?? bestAverageScore(foldPersianLetters(sample), (window) => detector.detect(window).getScores())
    if (!best || best.score < options.minConfidence) return { lang: UNDETERMINED, score: best?.score ?? 0 }
    return best.lang === 'ms' ? { lang: malayOrIndonesian(sample, expected, hint), score: best.score } : best
  }
}

/**
 * Counts words the way the `und` floor does: runs of letters (with their combining marks), and
 * every character of a script written without spaces (Chinese, Japanese, Thai, Lao, Khmer,
 * Myanmar). URLs and e-mail addresses are left out, as eld's clean-up removes them before scoring.
 */
export function countWords(text: string): number {
  return text.replace(URL_OR_EMAIL, ' ').match(WORD)?.length ?? 0
}

/**
 * Loads an eld database once per process (every detector on it shares the n-grams) and returns a
 * fresh instance. eld's entry points are ES modules only importable asynchronously, and stages
 * are built synchronously, so the entry is resolved and required (Node ≥ 20.19 loads ES modules
 * through require); only the database the configuration names is ever loaded.
 */
function loadEld(database: EldDatabase): Eld {
  let eld = loadedDatabases.get(database)
  if (eld === undefined) {
    const entry = fileURLToPath(import.meta.resolve(`eld/${database}`))
    try {
      eld = (createRequire(import.meta.url)(entry) as { eld: Eld }).eld
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_REQUIRE_ESM') throw error
      throw new Error(`classify.language.database: loading eld's ${database} database needs Node.js 20.19 or later (this is ${process.version})`)
    }
    loadedDatabases.set(database, eld)
  }
  return eld.newInstance()
}

/** eld has no Indonesian: `id` is detected through eld's Malay (`ms`) and then told apart. */
function restrictLanguages(detector: Eld, expected: ReadonlySet<string>): void {
  const supported = new Set([...Object.values(detector.info().Languages), 'id'])
  const unsupported = [...expected].filter((code) => !supported.has(code))
  if (unsupported.length > 0) {
    throw new RangeError(
      `language.expected: eld cannot detect ${unsupported.join(', ')}; supported: ${[...supported].sort().join(' ')}`,
    )
  }
  detector.setLanguageSubset([...new Set([...expected].map((code) => (code === 'id' ? 'ms' : code)))])
}

/**
 * Chinese, Japanese and Korean by script: eld's n-grams are byte-based and these scripts have no
 * spaces (or, for Korean, few letters per word), so short texts give eld little or nothing to
 * score, while the script itself is decisive: kana is only Japanese, Hangul only Korean, and
 * Han without kana is Chinese. The score is the share of the text's letters in that script.
 */
function scriptLanguage(sample: string, allowed: (lang: string) => boolean): LanguageGuess | undefined {
  if (!CJK.test(sample)) return undefined
  const letters = count(sample, LETTER)
  const han = count(sample, HAN)
  const hangul = count(sample, HANGUL)
  const kana = count(sample, KANA)
  const share = (n: number): number => Math.round((n / letters) * 1000) / 1000
  // One stray の in Chinese marketing copy does not make it Japanese; two kana, or a tenth of the CJK text, does.
  if (kana > 0 && (kana >= 2 || kana >= (han + kana) / 10) && han + kana >= letters / 2 && allowed('ja')) return { lang: 'ja', score: share(han + kana) }
  if (hangul >= letters / 2 && allowed('ko')) return { lang: 'ko', score: share(hangul + han) }
  if (han >= letters / 2 && kana === 0 && allowed('zh')) return { lang: 'zh', score: share(han) }
  return undefined
}

/**
 * Persian and Urdu are often typed with the Arabic yeh (ي) and kaf (ك) instead of their own (ی,
 * ک), which pulls eld towards Arabic. When the text holds a letter Arabic does not use, the two
 * are folded to the Persian forms for scoring only; Arabic text has no such letter and is left
 * alone. The document's text is never changed.
 */
function foldPersianLetters(sample: string): string {
  return PERSIAN_OR_URDU_ONLY.test(sample) ? sample.replace(/\u064A/g, '\u06CC').replace(/\u0643/g, '\u06A9') : sample
}

/**
 * eld's `ms` is the Malay macrolanguage. A corpus expected to hold only one of Indonesian and
 * Malay gets that one; otherwise the marker words decide, then the document's language (for a
 * block), then `ms`, which stays correct at the macrolanguage level.
 */
function malayOrIndonesian(sample: string, expected: ReadonlySet<string> | undefined, hint: string | undefined): string {
  if (expected?.has('id') === true && !expected.has('ms')) return 'id'
  if (expected?.has('ms') === true && !expected.has('id')) return 'ms'
  return malayVariety(sample) ?? (hint === 'id' ? 'id' : 'ms')
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
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
