import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateClassifier } from '../../src/classify-eval/evaluate-classifier.js'
import { genreLabel } from '../../src/classify-eval/labelled-record.js'
import { loadConfig } from '../../src/config/load-config.js'
import { tempDir } from '../support/run-cli.js'

const config = loadConfig()
const ENGLISH = 'The council met on Monday to discuss the budget for the new bridge, and most members voted in favour of the plan after a long debate.'
const FRENCH = 'Le conseil municipal s\'est réuni lundi pour discuter du budget du nouveau pont, et la plupart des membres ont voté pour le projet.'

function labelled(rows: readonly object[]): string {
  const file = join(tempDir(), 'labelled.jsonl')
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
  return file
}

describe('evaluateClassifier', () => {
  it('runs the classify stage on each text and scores its language against the gold lang field', async () => {
    const data = labelled([
      { id: 1, text: ENGLISH, lang: 'en' },
      { id: 2, text: FRENCH, lang: 'fr' },
      { id: 3, text: FRENCH, lang: 'de' },
    ])
    const result = await evaluateClassifier({ task: 'lang', data, config })
    expect(result).toMatchObject({ task: 'lang', documents: 3, accuracy: 0.6667 })
    expect(result.confusion).toEqual({ de: { fr: 1 }, en: { en: 1 }, fr: { fr: 1 } })
  })

  it('reads genre gold labels the way the stage names them, from the field asked for', async () => {
    expect(genreLabel('news_report')).toBe('news')
    expect(genreLabel('mixed')).toBe('other')
    const data = labelled([{ text: ENGLISH, content_type: 'news_report', label: 'NA ne' }])
    const result = await evaluateClassifier({ task: 'genre', data, config, labelField: 'content_type' })
    expect(Object.keys(result.confusion)).toEqual(['news'])
  })

  it('names the file and line of a record without its label', async () => {
    const data = labelled([{ text: ENGLISH, lang: 'en' }, { text: FRENCH }])
    await expect(evaluateClassifier({ task: 'lang', data, config })).rejects.toThrow(/labelled\.jsonl:2: expected "lang"/)
  })

  it('stops after the limit', async () => {
    const data = labelled([{ text: ENGLISH, lang: 'en' }, { text: FRENCH, lang: 'fr' }])
    expect((await evaluateClassifier({ task: 'lang', data, config, limit: 1 })).documents).toBe(1)
  })
})

describe('decruft evaluate-classifier --json', () => {
  it('prints one object with accuracy, macro_f1 and the confusion matrix', async () => {
    const { main } = await import('../../src/cli/main.js')
    const data = labelled([{ text: ENGLISH, lang: 'en' }, { text: FRENCH, lang: 'fr' }])
    const chunks: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string) => (chunks.push(String(chunk)), true)) as typeof process.stdout.write
    let code: number
    try {
      code = await main(['node', 'decruft', 'evaluate-classifier', '--task', 'lang', '--data', data, '--json'])
    } finally {
      process.stdout.write = write
    }
    expect(code).toBe(0)
    const result = JSON.parse(chunks.join('')) as Record<string, unknown>
    expect(result).toMatchObject({ accuracy: 1, macro_f1: 1, confusion: { en: { en: 1 }, fr: { fr: 1 } } })
  })
})
