import { copyFileSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDocument, type Document } from '../../src/core/document.js'
import { createPipeline } from '../../src/core/pipeline.js'
import { emptyReport, mergeReports, reportOfDocument, REPORT_STAGES, type StageFigures } from '../../src/report/run-report.js'
import { shippedConfig } from '../support/config.js'
import { runCli, SEEDS, SHARED, tempDir } from '../support/run-cli.js'

describe('per-stage reports written by a run', () => {
  let out: string
  const stages: Record<string, StageFigures> = {}

  beforeAll(async () => {
    const input = tempDir()
    for (const f of readdirSync(SEEDS)) copyFileSync(join(SEEDS, f), join(input, f))
    copyFileSync(join(SHARED, 'badinputs/text/empty.txt'), join(input, 'empty.txt'))
    copyFileSync(join(SHARED, 'badinputs/text/control-chars.txt'), join(input, 'control-chars.txt'))
    copyFileSync(join(SHARED, 'badinputs/jsonl/malformed-lines.jsonl'), join(input, 'malformed-lines.jsonl'))
    out = join(tempDir(), 'out')
    await runCli('run', input, '--out', out)
    for (const stage of REPORT_STAGES) stages[stage] = JSON.parse(readFileSync(join(out, 'reports', `${stage}.json`), 'utf8')) as StageFigures
  })

  it('accounts for every document at every stage: in = out + rejected', () => {
    for (const [name, s] of Object.entries(stages)) {
      const dropped = Object.values(s.dropped).reduce((a, b) => a + b, 0)
      expect(s.documentsIn, name).toBe(s.documentsOut + dropped)
    }
  })

  it('passes documents from one stage to the next without losing any', () => {
    expect(stages['segment']?.documentsIn).toBe(stages['read']?.documentsOut)
    expect(stages['boilerplate']?.documentsIn).toBe(stages['segment']?.documentsOut)
    expect(stages['normalize']?.documentsIn).toBe(stages['boilerplate']?.documentsOut)
    expect(stages['classify']?.documentsIn).toBe(stages['normalize']?.documentsOut)
    expect(stages['write']?.documentsIn).toBe(stages['read']?.documentsIn)
  })

  it('accounts for every character in boilerplate and normalize: in = kept + removed + edited', () => {
    for (const name of ['boilerplate', 'normalize']) {
      const s = stages[name] as StageFigures
      expect(s.charsIn, name).toBe(s.charsOut + s.charsRemoved + s.charsEdited)
    }
    expect(stages['boilerplate']?.charsRemoved).toBeGreaterThan(0)
    expect(stages['normalize']?.charsEdited).toBeGreaterThan(0)
  })

  it('agrees with the manifest and with the removals summarised in the dataset', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { counts: { read: number; written: number; rejected: number } }
    expect(stages['read']?.documentsIn).toBe(manifest.counts.read)
    expect(stages['write']?.documentsOut).toBe(manifest.counts.written)
    const records = readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { removed: Record<string, { chars: number }> })
    const fromDataset = records.flatMap((r) => Object.entries(r.removed)).filter(([id]) => !id.startsWith('normalize/')).reduce((n, [, v]) => n + v.chars, 0)
    expect(fromDataset).toBe(stages['boilerplate']?.charsRemoved)
  })

  it('counts the malformed JSONL lines and the empty file as read-stage rejects', () => {
    expect(stages['read']?.dropped['E_JSON_PARSE']).toBeGreaterThan(0)
    expect(stages['read']?.dropped['E_EMPTY']).toBeGreaterThanOrEqual(1)
    expect(stages['normalize']?.warnings['W_CONTROL_CHARS']).toBe(1)
  })
})

describe('merging reports', () => {
  const pipeline = createPipeline(shippedConfig())
  const docs: Document[] = readdirSync(SEEDS).map((f) =>
    pipeline.processDocument(createDocument({ id: f, source: { file: f, format: 'text' }, raw: readFileSync(join(SEEDS, f), 'utf8') })),
  )
  const parts = docs.map(reportOfDocument)

  it('is associative and has the empty report as identity, so shards can merge in any grouping', () => {
    const [a, b, c] = parts as [ReturnType<typeof reportOfDocument>, ReturnType<typeof reportOfDocument>, ReturnType<typeof reportOfDocument>]
    expect(mergeReports(a, mergeReports(b, c))).toEqual(mergeReports(mergeReports(a, b), c))
    expect(mergeReports(emptyReport(), a)).toEqual(mergeReports(a, emptyReport()))
  })

  it('gives the same totals whatever the order of documents', () => {
    const forward = parts.reduce(mergeReports, emptyReport())
    const backward = [...parts].reverse().reduce(mergeReports, emptyReport())
    const strip = (r: typeof forward): unknown => ({ ...r, stages: Object.fromEntries(Object.entries(r.stages).map(([k, s]) => [k, { ...s, ms: 0 }])) })
    expect(strip(backward)).toEqual(strip(forward))
    expect(forward.documents.read).toBe(docs.length)
  })
})
