import { describe, expect, it } from 'vitest'
import { exactKey, normalizeForDuplicates } from '../../src/corpus/text-fingerprint.js'
import { ARABIC, createRandom, ENGLISH_ECONOMY, generateWords, PERSIAN, renderProse } from './generate-text.js'

describe('normalizeForDuplicates', () => {
  it('folds case, punctuation and whitespace to single spaces and keeps digits', () => {
    expect(normalizeForDuplicates('  The  Bank, raised\trates\n\nby 0.25% — in 2016!  ')).toBe('the bank raised rates by 0 25 in 2016')
  })

  it('applies NFKC (fullwidth letters and digits, ligatures)', () => {
    expect(normalizeForDuplicates('ＢＡＮＫ ２０１６ ﬁnance')).toBe('bank 2016 finance')
  })

  it('keeps combining marks inside words (Devanagari) and splits nothing else', () => {
    expect(normalizeForDuplicates('भारत की अर्थव्यवस्था')).toBe('भारत की अर्थव्यवस्था')
  })

  it('folds Arabic-script variants: kaf/yeh, ZWNJ, tatweel, harakat, Persian and Arabic-Indic digits', () => {
    const persian = 'می\u200cخواهم کتاب ایران ۱۳۹۵'
    const arabicLetters = 'ميخواهم كتاب ايران ١٣٩٥'
    expect(normalizeForDuplicates(persian)).toBe('میخواهم کتاب ایران 1395')
    expect(normalizeForDuplicates(arabicLetters)).toBe(normalizeForDuplicates(persian))
    expect(normalizeForDuplicates('الْعَرَبِيَّة')).toBe(normalizeForDuplicates('العربية'))
    expect(normalizeForDuplicates('العـــربية')).toBe(normalizeForDuplicates('العربية'))
  })

  it('drops invisible format characters, but a zero-width space separates words', () => {
    expect(normalizeForDuplicates('co\u00ADoperation\u200E here')).toBe('cooperation here')
    expect(normalizeForDuplicates('one\u200Btwo')).toBe('one two')
  })

  it('is idempotent on generated prose in three scripts', () => {
    const random = createRandom(7)
    for (const [vocabulary, script] of [
      [ENGLISH_ECONOMY, 'latin'],
      [PERSIAN, 'arabic'],
      [ARABIC, 'arabic'],
    ] as const) {
      const once = normalizeForDuplicates(renderProse(generateWords(random, 200, vocabulary), random, script))
      expect(normalizeForDuplicates(once)).toBe(once)
    }
    const odd = 'İSTANBUL ㎒ Ǆ ß ﬃ Ω'
    expect(normalizeForDuplicates(normalizeForDuplicates(odd))).toBe(normalizeForDuplicates(odd))
  })
})

describe('exactKey', () => {
  it('is the sha256 hex of the normalised text', () => {
    expect(exactKey('Hello, World!')).toMatch(/^[0-9a-f]{64}$/)
    expect(exactKey('Hello, World!')).toBe(exactKey('hello world'))
    expect(exactKey('hello world')).not.toBe(exactKey('hello word'))
  })

  it('is the same for an empty text and one of only punctuation', () => {
    expect(exactKey('')).toBe(exactKey(' — ! \n'))
  })
})
