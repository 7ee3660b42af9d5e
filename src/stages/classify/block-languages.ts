/**
 * Per-block language shares, so a mixed page (an English article with a Persian section, a
 * bilingual abstract) is visible in its labels instead of hidden behind one document language.
 */
import { countWords, UNDETERMINED, type LanguageDetector } from './language.js'

/**
 * A block needs this many words to be judged: a sentence or more, where the detector is right
 * 95-99% of the time on the Lingua sentence set; shorter blocks (menus, bylines, captions) would
 * only add noise to the shares.
 */
const MIN_BLOCK_WORDS = 8

/**
 * At most this many blocks are scored per document, spread evenly over it, so a long page costs
 * no more than a short one: eld takes about 0.1-0.4 ms per window on the work machine.
 */
const MAX_BLOCKS = 16

/**
 * Each judged block is read up to this many characters (about 20 words): one eld window, and
 * longer than a typical Lingua sentence; cut to 120 characters, Lingua paragraphs are still
 * identified 99.6% of the time (Indonesian aside).
 */
const BLOCK_SAMPLE_CHARS = 120

/**
 * Shares of characters per language over the blocks long enough to judge, rounded to two
 * decimals, largest first (`{ en: 0.82, fa: 0.18 }`); `und` holds the blocks long enough to
 * judge on which no language reached the confidence floor. Each judged block weighs its full
 * length, though only its start is read. Empty when no block is long enough. `documentLanguage`
 * settles, per block, what the block alone cannot (Indonesian versus Malay).
 */
export function blockLanguages(
  blocks: readonly string[],
  detect: LanguageDetector,
  documentLanguage?: string,
): Record<string, number> {
  const judged = evenlySpaced(
    blocks.filter((block) => countWords(block.slice(0, BLOCK_SAMPLE_CHARS)) >= MIN_BLOCK_WORDS),
    MAX_BLOCKS,
  )
  const chars = new Map<string, number>()
  let total = 0
  for (const block of judged) {
    const { lang } = detect(block.slice(0, BLOCK_SAMPLE_CHARS), documentLanguage)
    chars.set(lang, (chars.get(lang) ?? 0) + block.length)
    total += block.length
  }
  const shares: [string, number][] = []
  for (const [lang, n] of chars) {
    const share = Math.round((n / total) * 100) / 100
    if (share > 0) shares.push([lang, share])
  }
  shares.sort(([a, x], [b, y]) => y - x || (a === UNDETERMINED ? 1 : b === UNDETERMINED ? -1 : a < b ? -1 : 1))
  return Object.fromEntries(shares)
}

/** At most `max` items, evenly spaced from first to last, in their order. */
function evenlySpaced<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items
  const picked: T[] = []
  for (let i = 0; i < max; i++) picked.push(items[Math.floor((i * items.length) / max)] as T)
  return picked
}
