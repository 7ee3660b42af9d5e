import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createLanguageDetector } from '../../src/stages/classify/language.js'

const detect = createLanguageDetector({ minConfidence: 0.5 })

describe('createLanguageDetector', () => {
  it.each([
    ['en', 'The council approved the new budget on Tuesday after a long debate about school funding and road repairs.'],
    ['de', 'Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt für Schulen und Straßen beschlossen.'],
    ['ru', 'Городской совет во вторник после долгих споров утвердил новый бюджет на школы и ремонт дорог.'],
    ['fa', 'شورای شهر روز سه‌شنبه پس از بحثی طولانی بودجه جدید مدارس و تعمیر جاده‌ها را تصویب کرد.'],
    ['ar', 'وافق مجلس المدينة يوم الثلاثاء على الميزانية الجديدة للمدارس وإصلاح الطرق بعد نقاش طويل.'],
  ])('detects %s text', (lang, text) => {
    const guess = detect(text)
    expect(guess.lang).toBe(lang)
    expect(guess.score).toBeGreaterThanOrEqual(0.5)
  })

  it.each(['OK', '12,500 $  3,048 $', '2016-08-16 17:52', 'Hi there'])('answers und for the too-short or numeric text %j', (text) => {
    expect(detect(text)).toEqual({ lang: 'und', score: 0 })
  })

  it('answers und when the best language scores below the confidence floor', () => {
    const strict = createLanguageDetector({ minConfidence: 0.99 })
    const guess = strict('The council approved the new budget on Tuesday after a long debate.')
    expect(guess.lang).toBe('und')
    expect(guess.score).toBeGreaterThan(0)
  })

  it('only answers languages from the expected subset', () => {
    const englishOrGerman = createLanguageDetector({ minConfidence: 0.1, expected: ['en', 'de'] })
    const guess = englishOrGerman('Il consiglio comunale ha approvato martedì il nuovo bilancio per le scuole e le strade.')
    expect(['en', 'de', 'und']).toContain(guess.lang)
  })

  it('rejects an expected language that eld cannot detect', () => {
    expect(() => createLanguageDetector({ minConfidence: 0.5, expected: ['en', 'id'] })).toThrow(/cannot detect id/)
  })

  it('reads the language from the whole sample, not only the first 350 bytes eld would see', () => {
    const germanIntro = 'Kurz notiert: Neuigkeiten aus der Stadt und dem Umland. '.repeat(7)
    const english = 'The council approved the new budget after a long debate about school funding. '.repeat(18)
    expect(germanIntro.length).toBeGreaterThan(350)
    expect(detect(germanIntro + english).lang).toBe('en')
  })

  it('finds every seed document to be English', () => {
    const seeds = new URL('../../seeds/', import.meta.url)
    const files = readdirSync(seeds).filter((f) => f.endsWith('.txt'))
    expect(files).toHaveLength(5)
    for (const file of files) expect(detect(readFileSync(new URL(file, seeds), 'utf8')).lang, file).toBe('en')
  })

  it('identifies at least 90% of the first 300 Lingua dev paragraphs', () => {
    const file = new URL('../../../shared/eval-classify/langid/lingua-paragraphs.dev.jsonl', import.meta.url)
    const rows = readFileSync(file, 'utf8')
      .split('\n')
      .slice(0, 300)
      .map((line) => JSON.parse(line) as { text: string; lang: string })
    const correct = rows.filter((row) => detect(row.text).lang === row.lang).length
    expect(correct / rows.length).toBeGreaterThanOrEqual(0.9)
  })
})
