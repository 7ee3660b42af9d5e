import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import { tempConfig } from '../config/support.js'
import { runCli, tempDir } from '../support/run-cli.js'

interface DatasetLine {
  id: string
  text: string
  pii?: Record<string, number>
}

interface RejectLine {
  id: string
  stage: string
  code: string
  reason: string
}

interface StageReport {
  documentsIn: number
  documentsOut: number
  dropped: Record<string, number>
  editsByRule: Record<string, { count: number }>
}

const ARTICLE = [
  'The city council approved the new library budget on Tuesday after a long debate about opening hours and staff.',
  'Residents who want to comment on the plan can write to library-plan@example.org or call +44 20 7946 0958 before the end of the month.',
  'The council said that the building would open in the spring of 2026, and that the old branch would stay open until then.',
  'Visitors will find the reading rooms on the first floor, with the children’s section and a small café beside the entrance.',
].join('\n')

/** A copy of the shipped config with the given YAML lines switched (each replacement must apply). */
function configWith(replacements: readonly [RegExp, string][]): string {
  const rules = Object.fromEntries(loadConfig().ruleFiles.map((f) => [f.split('/').pop() as string, readFileSync(f, 'utf8')]))
  const cfg = tempConfig({ rules })
  let text = readFileSync(cfg.pipelineFile, 'utf8')
  for (const [pattern, replacement] of replacements) {
    const next = text.replace(pattern, replacement)
    if (next === text) throw new Error(`the shipped pipeline.yaml no longer matches ${pattern}`)
    text = next
  }
  writeFileSync(cfg.pipelineFile, text)
  return cfg.pipelineFile
}

const lines = <T>(file: string): T[] => {
  const text = readFileSync(file, 'utf8').trim()
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l) as T)
}

describe('decruft run with pii masking and the quality filter on', () => {
  const dir = tempDir()
  const out = join(dir, 'out')
  let code: number

  beforeAll(async () => {
    writeFileSync(join(dir, 'article.txt'), ARTICLE)
    writeFileSync(join(dir, 'thin.txt'), 'Tiny page.\nNothing else here at all.')
    const config = configWith([
      [/(\npii:\n(?: {2}#[^\n]*\n)*  detect: true\n(?: {2}#[^\n]*\n)*  mask: )false/, '$1true'],
      [/(\nquality:\n {2}filter:\n {4}enabled: )false/, '$1true'],
    ])
    code = await runCli('run', dir, '--out', out, '--config', config)
  })

  it('masks the e-mail address and the phone number in the dataset text and counts them', () => {
    expect(code).toBe(0)
    const [record] = lines<DatasetLine>(join(out, 'dataset.jsonl'))
    expect(record?.id).toBe('article')
    expect(record?.text).toContain('write to [EMAIL] or call [PHONE] before')
    expect(record?.text).not.toMatch(/@example\.org|7946/)
    expect(record?.pii).toEqual({ email: 1, phone: 1, ip: 0 })
  })

  it('drops the thin page to the rejects file with the failing signal', () => {
    expect(lines<RejectLine>(join(out, 'rejects.jsonl'))).toEqual([
      expect.objectContaining({ id: 'thin', stage: 'quality-filter', code: 'D_LOW_QUALITY', reason: expect.stringMatching(/^words \d+ < minWords 50$/) }),
    ])
  })

  it('reports both stages in their own files, the masks as edits and the drop by code', () => {
    const pii = JSON.parse(readFileSync(join(out, 'reports', 'pii.json'), 'utf8')) as StageReport
    expect(pii.editsByRule['pii/email']?.count).toBe(1)
    expect(pii.editsByRule['pii/phone']?.count).toBe(1)
    const filter = JSON.parse(readFileSync(join(out, 'reports', 'quality-filter.json'), 'utf8')) as StageReport
    expect(filter).toMatchObject({ documentsIn: 2, documentsOut: 1, dropped: { D_LOW_QUALITY: 1 } })
  })
})
