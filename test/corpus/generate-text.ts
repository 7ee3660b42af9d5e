/**
 * A small deterministic text generator for the duplicate-detection tests: a seeded PRNG
 * (mulberry32), topic vocabularies (English economy news, Persian, Arabic) sampled with a skew
 * towards common words, and word edits. No external data.
 */

import { seededRandom } from '../../src/core/seeded-random.js'

/** A seeded PRNG returning numbers in [0, 1) (mulberry32). */
export const createRandom = seededRandom


/** An integer in [0, n). */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n)
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1)
    const tmp = out[i] as T
    out[i] = out[j] as T
    out[j] = tmp
  }
  return out
}

/** English economy-news vocabulary, most common words first. */
export const ENGLISH_ECONOMY = (
  'the of and to in a on for is that with as by said was at from has its will be it an are this have ' +
  'bank central interest rate rates inflation prices price market markets shares stock investors economy economic growth ' +
  'government minister finance budget deficit debt bonds yields dollar currency exchange exports imports trade oil gas energy ' +
  'fuel costs company companies profit profits quarter year month week percent billion million sales demand supply jobs ' +
  'unemployment wages workers consumers spending tax taxes policy analysts expect forecast rise rose fall fell higher lower ' +
  'record data report survey index sector industry manufacturing banks lending credit housing mortgage loans reform plan'
).split(' ')

/** Persian news vocabulary (with ZWNJ inside some words), most common words first. */
export const PERSIAN = (
  'و در به از که را با این آن است بود شد کرد گفت ایران دولت وزیر خارجه روز سال کشور مردم اقتصاد نفت قیمت بازار تهران ' +
  'مجلس نماینده رئیس جمهوری سیاست امنیت منطقه همکاری روسیه سوریه گزارش خبرگزاری افزایش کاهش تورم بانک مرکزی ارز دلار ' +
  'ریال صادرات واردات توافق هسته\u200cای مذاکره اروپا آمریکا تحریم شورای عالی ملی برنامه توسعه پروژه ساخت شهر استان ' +
  'می\u200cشود می\u200cگوید دانشگاه آموزش فرهنگ'
).split(' ')

/** Arabic news vocabulary, most common words first. */
export const ARABIC = (
  'في من على إلى أن عن مع هذا التي الذي قال الحكومة الرئيس وزير الخارجية السورية العراق الاقتصاد النفط السوق الأسعار ' +
  'مجلس الأمن الدولي المفاوضات الاتفاق الشعب العاصمة دمشق بغداد القاهرة الجيش الحرب السلام التعاون المنطقة تقرير وكالة ' +
  'الأنباء يوم سنة اليوم الماضي القادم الجديد الكبير العربية'
).split(' ')

/** `count` words from the vocabulary, skewed towards its first (common) words. */
export function generateWords(random: () => number, count: number, vocabulary: readonly string[]): string[] {
  const words: string[] = []
  for (let i = 0; i < count; i++) words.push(vocabulary[Math.floor(random() ** 2 * vocabulary.length)] as string)
  return words
}

/** Words rendered as prose: sentences of 8–16 words with commas, full stops, and (for Latin script) capitals. */
export function renderProse(words: readonly string[], random: () => number, script: 'latin' | 'arabic' = 'latin'): string {
  const comma = script === 'arabic' ? '\u060C' : ','
  const parts: string[] = []
  let sentenceLeft = 0
  for (const [i, word] of words.entries()) {
    let token = word
    if (sentenceLeft === 0) {
      sentenceLeft = 8 + randomInt(random, 9)
      if (script === 'latin') token = token.charAt(0).toUpperCase() + token.slice(1)
    }
    sentenceLeft--
    if (sentenceLeft === 0 || i === words.length - 1) token += '.'
    else if (random() < 0.08) token += comma
    parts.push(token)
  }
  return parts.join(' ')
}

/**
 * A copy of the words with `edits` of them replaced by a different vocabulary word, at positions
 * spread over the text: one edit per equal slice, at `offset` + a random number below `window`
 * (default: half the slice) words into it. `pick` chooses the replacement; by default any other word.
 */
export function editWords(
  words: readonly string[],
  random: () => number,
  edits: number,
  vocabulary: readonly string[],
  options: { offset?: number; window?: number; pick?: (old: string) => string } = {},
): string[] {
  const out = [...words]
  const slice = Math.floor(words.length / edits)
  const offset = options.offset ?? 0
  const window = options.window ?? Math.max(1, Math.floor(slice / 2))
  for (let e = 0; e < edits; e++) {
    const position = e * slice + offset + randomInt(random, window)
    const old = out[position] as string
    let replacement = options.pick ? options.pick(old) : old
    while (replacement === old) replacement = vocabulary[randomInt(random, vocabulary.length)] as string
    out[position] = replacement
  }
  return out
}

/** The exact Jaccard similarity of two texts' k-word shingle sets (texts already split into normalised words). */
export function exactJaccard(a: readonly string[], b: readonly string[], k = 5): number {
  const shingles = (words: readonly string[]): Set<string> => {
    const set = new Set<string>()
    if (words.length < k) set.add(words.join(' '))
    else for (let i = 0; i + k <= words.length; i++) set.add(words.slice(i, i + k).join(' '))
    return set
  }
  const x = shingles(a)
  const y = shingles(b)
  let shared = 0
  for (const s of x) if (y.has(s)) shared++
  return shared / (x.size + y.size - shared)
}
