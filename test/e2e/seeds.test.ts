import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli, SEEDS, tempDir } from '../support/run-cli.js'
import { shippedConfig } from '../support/config.js'

interface DatasetLine {
  id: string
  title: string | null
  date: string | null
  lang: string | null
  genre: string | null
  text: string
  removed: Record<string, { blocks: number; chars: number }>
  meta: Record<string, string>
}

const words = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()

describe('the default job on the seeds', () => {
  let out: string
  let exitCode: number
  let records: DatasetLine[]
  let byId: Map<string, DatasetLine>

  beforeAll(async () => {
    out = tempDir()
    exitCode = await runCli('run', SEEDS, '--out', out)
    records = readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as DatasetLine)
    byId = new Map(records.map((r) => [r.id, r]))
  })

  it('exits 0 and writes one record per seed file', () => {
    expect(exitCode).toBe(0)
    expect(records.map((r) => r.id).sort()).toEqual(readdirSync(SEEDS).map((f) => f.replace(/\.txt$/, '')).sort())
  })

  it('keeps every long prose line before a comment section, in the text or (captions, datelines) in metadata', () => {
    for (const file of readdirSync(SEEDS)) {
      const raw = readFileSync(join(SEEDS, file), 'utf8')
      const beforeComments = raw.split(/^Notify of$/m)[0] as string
      const record = byId.get(file.replace(/\.txt$/, '')) as DatasetLine
      const kept = words([record.text, ...Object.values(record.meta)].join('\n'))
      const prose = beforeComments
        .split('\n')
        .filter((line) => line.split(/\s+/).length >= 25 && !/[{}]/.test(line) && !/…$/.test(line.trim()))
      expect(prose.length).toBeGreaterThan(0)
      for (const line of prose) {
        const body = words(line).split(' ').slice(4).join(' ')
        expect(kept, `${file}: ${line.slice(0, 60)}`).toContain(body)
      }
    }
  })

  it('removes donation counters, support banners, comment sections, data dumps, link lists and teasers', () => {
    for (const record of records) {
      const lines = record.text.split('\n')
      expect(lines.filter((l) => /^[\d,.\s]+\$$/.test(l)), record.id).toEqual([])
      expect(lines.filter((l) => /^Support \S+$/.test(l)), record.id).toEqual([])
      expect(record.text).not.toMatch(/Notify of|Newest Most Voted|View all comments|please comment/)
      expect(record.text).not.toMatch(/string\(\d+\)|\{"id":/)
      expect(record.text).not.toMatch(/Most Visited|Top Stories/i)
      expect(lines.filter((l) => l.endsWith('…')), record.id).toEqual([])
    }
  })

  it('drops the comments themselves, not only the comment widget', () => {
    const withComments = records.find((r) => r.removed['comments/widget-marker'])
    expect(withComments).toBeDefined()
    expect(withComments?.removed['comments/widget-marker']?.blocks).toBeGreaterThan(10)
    expect(withComments?.text).not.toMatch(/Night Hunter|Nigel Maund/)
  })

  it('classifies the question-and-answer piece as an interview and all seeds as English', () => {
    expect(records.filter((r) => r.genre === 'interview').length).toBe(1)
    expect(records.every((r) => r.lang === 'en')).toBe(true)
  })

  it('dates the article whose date line says Aug 16, 2016', () => {
    const dated = records.filter((r) => r.date !== null)
    expect(dated.map((r) => r.date)).toContain('2016-08-16')
  })

  it('keeps each title once: in the title field, never repeated in the text', () => {
    for (const record of records) {
      if (record.title === null) continue
      expect(words(record.text).startsWith(words(record.title)), record.id).toBe(false)
      expect(words(record.text).includes(` ${words(record.title)} `), record.id).toBe(false)
    }
    expect(records.filter((r) => r.title !== null).length).toBeGreaterThanOrEqual(4)
  })

  it('names a shipped rule for every removal', () => {
    const ids = new Set(shippedConfig().rules.map((r) => r.spec.id))
    for (const record of records) for (const ruleId of Object.keys(record.removed)) expect(ids.has(ruleId), ruleId).toBe(true)
  })
})
