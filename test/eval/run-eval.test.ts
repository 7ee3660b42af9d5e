import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main.js'
import { countGoldLines } from '../../src/eval/count-gold-lines.js'
import { readGoldLines } from '../../src/eval/read-gold-lines.js'
import { runEval } from '../../src/eval/run-eval.js'
import { seededRandom, sentence } from '../corpus/generated-site.js'

const DEV = fileURLToPath(new URL('../../../shared/eval/dev.jsonl.gz', import.meta.url))

const article = (id: number): string =>
  `The city council approved the new transport budget number ${id} on Tuesday after a long debate about buses, trams and cycle lanes in the old town.`
const page = (id: number): string =>
  `<html><head><title>News ${id}</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><p>${article(id)}</p><p>Residents will be asked for their views in a survey that opens next month, the mayor said.</p></article></body></html>`

/** Four records in two datasets, as the gold file stores them. */
function goldLines(): string[] {
  return [0, 1, 2, 3].map((i) =>
    JSON.stringify({
      id: `${i < 2 ? 'alpha' : 'beta'}/${i}`,
      dataset: i < 2 ? 'alpha' : 'beta',
      url: `https://example.org/${i}`,
      html: page(i),
      text: `News ${i}\nHome\nNews\n${article(i)}`,
      gold: article(i),
      gold_comments: null,
      gold_with: null,
      gold_without: null,
    }),
  )
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'decruft-eval-'))
}

function writeGold(lines: readonly string[], gz = true): string {
  const file = join(tempDir(), gz ? 'gold.jsonl.gz' : 'gold.jsonl')
  const body = `${lines.join('\n')}\n`
  writeFileSync(file, gz ? gzipSync(body) : body)
  return file
}

function readPredictions(file: string): { id: string; text: string }[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string })
}

describe('reading a gold file', () => {
  it('counts the same non-blank lines it reads, across CRLF, blank lines and a missing final newline', async () => {
    const file = writeGold(['{"a": 1}', '', '   ', '{"b": 2}\r', '{"c": 3}'])
    const lines: number[] = []
    for await (const { lineNumber } of readGoldLines(file)) lines.push(lineNumber)
    expect(lines).toEqual([1, 4, 5])
    expect(await countGoldLines(file)).toBe(3)
    writeFileSync(file, gzipSync('{"a": 1}'))
    expect(await countGoldLines(file)).toBe(1)
  })

  it('counts the 1,775 records of the dev split, whose lines span many gunzipped chunks', async () => {
    expect(await countGoldLines(DEV)).toBe(1775)
  })
})

describe('runEval', () => {
  it('streams a gzipped gold file, cleans each page and writes one prediction per record in order', async () => {
    const predictions = join(tempDir(), 'pred.jsonl')
    const result = await runEval({ gold: writeGold(goldLines()), predictions })
    const written = readPredictions(predictions)
    expect(written.map((p) => p.id)).toEqual(['alpha/0', 'alpha/1', 'beta/2', 'beta/3'])
    expect(written[0]?.text).toContain(article(0))
    expect(written[0]?.text).not.toContain('Home')
    expect(result).toMatchObject({ field: 'html', documents: 4, sample: null, datasetFilter: null })
    expect(Object.keys(result.datasets)).toEqual(['alpha', 'beta'])
    expect(result.all.tok_r).toBe(1)
    expect(result.docsPerSecond).toBeGreaterThan(0)
  })

  it('keeps only the named datasets', async () => {
    const result = await runEval({ gold: writeGold(goldLines(), false), datasets: ['beta'] })
    expect(result.documents).toBe(2)
    expect(Object.keys(result.datasets)).toEqual(['beta'])
  })

  it('samples every k-th matching record deterministically and records the rule', async () => {
    const predictions = join(tempDir(), 'pred.jsonl')
    const result = await runEval({ gold: writeGold(goldLines()), sample: 2, predictions })
    expect(result.sample).toMatchObject({ every: 2, of: 4, used: 2 })
    expect(readPredictions(predictions).map((p) => p.id)).toEqual(['alpha/0', 'beta/2'])
    const filtered = await runEval({ gold: writeGold(goldLines()), sample: 1, datasets: ['beta'] })
    expect(filtered.sample).toMatchObject({ every: 2, of: 2, used: 1 })
  })

  it('cleans the crude text rendering when asked for the text field', async () => {
    const predictions = join(tempDir(), 'pred.jsonl')
    const result = await runEval({ gold: writeGold(goldLines()), field: 'text', predictions })
    expect(result.field).toBe('text')
    expect(readPredictions(predictions)[1]?.text).toContain(article(1))
  })

  it('predicts empty text for a document the pipeline rejects, and counts it as empty output', async () => {
    const lines = goldLines()
    lines[1] = JSON.stringify({ ...(JSON.parse(lines[1]!) as object), html: '' })
    const predictions = join(tempDir(), 'pred.jsonl')
    const result = await runEval({ gold: writeGold(lines), predictions })
    expect(readPredictions(predictions)[1]).toEqual({ id: 'alpha/1', text: '' })
    expect(result.rejected).toBe(1)
    expect(result.datasets['alpha']?.empty_but_gold).toBe(1)
    expect(result.all.missing).toBe(0)
  })
})

/** The line every page of the generated site carries and no gold text contains. */
const FURNITURE = 'Support our newsroom today: every donation keeps our reporters at the council, the courts and the schools.'

/**
 * `pages` records of one site (`daily.example.net`): each page is its own sentences (the gold)
 * with the furniture line after the first one, as html and as crude text.
 */
function siteGoldLines(pages = 14): string[] {
  const random = seededRandom(11)
  return Array.from({ length: pages }, (_, i) => {
    const body = Array.from({ length: 3 + (i % 3) }, () => sentence(random))
    const withFurniture = [body[0] as string, FURNITURE, ...body.slice(1)]
    return JSON.stringify({
      id: `daily/${String(i).padStart(2, '0')}`,
      dataset: 'daily',
      url: `https://${i % 2 === 0 ? 'www.' : ''}daily.example.net/story/${i}`,
      html: `<html><head><title>Story ${i}</title></head><body><article>${withFurniture.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
      text: withFurniture.join('\n'),
      gold: body.join('\n'),
      gold_comments: null,
      gold_with: null,
      gold_without: null,
    })
  })
}

describe('runEval with the corpus passes', () => {
  for (const field of ['text', 'html'] as const) {
    it(`learns the site's furniture line from the records and removes it, so token F1 rises (${field})`, async () => {
      const gold = writeGold(siteGoldLines())
      const plainPredictions = join(tempDir(), 'pred.jsonl')
      const passesPredictions = join(tempDir(), 'pred.jsonl')
      const plain = await runEval({ gold, field, predictions: plainPredictions })
      const passes = await runEval({ gold, field, predictions: passesPredictions, corpusPasses: true })
      expect(plain.corpusPasses).toBeUndefined()
      // Without the passes the per-document pipeline keeps the line: the test would prove nothing otherwise.
      expect(readPredictions(plainPredictions).every((p) => p.text.includes(FURNITURE))).toBe(true)
      const cleaned = readPredictions(passesPredictions)
      expect(cleaned).toHaveLength(14)
      for (const p of cleaned) {
        expect(p.text).not.toContain(FURNITURE)
        expect(p.text.length).toBeGreaterThan(0)
      }
      expect(passes.all.tok_f1).toBeGreaterThan((plain.all.tok_f1 ?? 1) + 0.05)
      expect(passes.all.tok_r).toBe(plain.all.tok_r)
      expect(passes.corpusPasses).toMatchObject({ sites: 1, sitesWithBlocks: 1, documentsTouched: 14, duplicateClusters: 0, duplicatesDropped: 0 })
      expect(passes.corpusPasses?.learnedBlocks).toBeGreaterThanOrEqual(1)
      expect(passes.corpusPasses?.charsRemoved).toBeGreaterThanOrEqual(14 * FURNITURE.length)
      expect(passes.corpusPasses?.scoresWithDuplicatesDropped).toEqual({ datasets: passes.datasets, all: passes.all, macro: passes.macro })
    })
  }

  it('learns nothing from a site with too few documents; records without a URL form a group of their own', async () => {
    const lines = siteGoldLines(12).map((l, i) => (i < 3 ? JSON.stringify({ ...(JSON.parse(l) as object), url: null }) : l))
    const result = await runEval({ gold: writeGold(lines), field: 'text', corpusPasses: true })
    // 9 documents with a URL and 3 without: both below minSiteDocuments (10), so the line stays.
    expect(result.corpusPasses).toMatchObject({ sites: 2, sitesLargeEnough: 0, learnedBlocks: 0, documentsTouched: 0, charsRemoved: 0 })
  })

  it('learns only from the chosen records: a sample too small for the site learns nothing', async () => {
    const result = await runEval({ gold: writeGold(siteGoldLines()), field: 'text', corpusPasses: true, sample: 7 })
    expect(result.documents).toBe(7)
    expect(result.corpusPasses?.learnedBlocks).toBe(0)
  })

  it('reports two records with the same cleaned text as one duplicate, and scores as if it were dropped', async () => {
    const lines = goldLines()
    const second = JSON.parse(lines[2]!) as { html: string; text: string }
    lines[3] = JSON.stringify({ ...(JSON.parse(lines[3]!) as object), html: second.html, text: second.text })
    const result = await runEval({ gold: writeGold(lines), corpusPasses: true })
    const passes = result.corpusPasses
    expect(passes?.duplicateOptions).toMatchObject({ threshold: 0.8, shingleWords: 5 })
    expect(passes).toMatchObject({ duplicateCandidates: 4, duplicateClusters: 1, duplicatesDropped: 1, exactDuplicatesDropped: 1, learnedBlocks: 0 })
    expect(passes?.clusters).toEqual([{ survivor: 'beta/2', members: [{ id: 'beta/3', kind: 'exact', similarity: 1 }] }])
    const dropped = passes?.scoresWithDuplicatesDropped
    expect(dropped?.datasets['alpha']).toEqual(result.datasets['alpha'])
    expect(dropped?.datasets['beta']?.empty_but_gold).toBe(1)
    expect(result.datasets['beta']?.empty_but_gold).toBe(0)
    expect(dropped?.all.tok_f1).toBeLessThan(result.all.tok_f1 ?? 0)
  })

  it('refuses a gold file whose ids repeat, since duplicates are reported by id', async () => {
    const lines = goldLines()
    lines[3] = lines[2]!
    await expect(runEval({ gold: writeGold(lines), corpusPasses: true })).rejects.toThrow(/appears twice/)
    expect((await runEval({ gold: writeGold(lines) })).documents).toBe(4)
  })
})

describe('decruft eval', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  /** Runs the CLI in-process and returns its exit code, stdout and stderr. */
  async function evalCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = ''
    let err = ''
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true))
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true))
    const code = await main(['node', 'decruft', 'eval', ...args])
    vi.restoreAllMocks()
    return { code, out, err }
  }

  it('prints the score table and writes the whole result as JSON', async () => {
    const json = join(tempDir(), 'scores.json')
    const { code, out } = await evalCli(writeGold(goldLines()), '--sample', '2', '--json', json)
    expect(code).toBe(0)
    expect(out).toMatch(/^ALL\(pooled\)\s+2\s/m)
    expect(out).toContain('position % 2 === 0')
    expect(out).toMatch(/docs\/s/)
    const result = JSON.parse(readFileSync(json, 'utf8')) as { documents: number; all: { docs: number }; sample: { every: number } }
    expect([result.documents, result.all.docs, result.sample.every]).toEqual([2, 2, 2])
  })

  it('with --corpus-passes prints what the passes learned and found, and writes it in the JSON', async () => {
    const json = join(tempDir(), 'scores.json')
    const { code, out } = await evalCli(writeGold(siteGoldLines()), '--field', 'text', '--corpus-passes', '--json', json)
    expect(code).toBe(0)
    expect(out).toContain('--corpus-passes')
    expect(out).toMatch(/learned blocks [1-9]/)
    expect(out).toMatch(/removed \d+ characters from 14 documents/)
    expect(out).toMatch(/with duplicates dropped .*tok_F1/)
    const result = JSON.parse(readFileSync(json, 'utf8')) as { corpusPasses?: { learnedBlocks: number; documentsTouched: number; scoresWithDuplicatesDropped: { all: { docs: number } } } }
    expect(result.corpusPasses?.learnedBlocks).toBeGreaterThanOrEqual(1)
    expect(result.corpusPasses?.documentsTouched).toBe(14)
    expect(result.corpusPasses?.scoresWithDuplicatesDropped.all.docs).toBe(14)
    const plain = await evalCli(writeGold(siteGoldLines()), '--field', 'text')
    expect(plain.out).not.toContain('corpus passes')
  })

  it('exits 2 when the gold file does not exist', async () => {
    const { code, err } = await evalCli(join(tempDir(), 'nope.jsonl.gz'))
    expect(code).toBe(2)
    expect(err).toContain('does not exist')
  })

  it('exits 2 for an unknown field or a sample that is not a positive number', async () => {
    const gold = writeGold(goldLines())
    expect((await evalCli(gold, '--field', 'pdf')).code).toBe(2)
    expect((await evalCli(gold, '--sample', '0')).code).toBe(2)
  })

  it('exits 2 with the line number when the gold file is not JSONL', async () => {
    const { code, err } = await evalCli(writeGold(['{"id": "a/1", "dataset": "a"}', 'not json']))
    expect(code).toBe(2)
    expect(err).toMatch(/gold\.jsonl\.gz:2: not JSON/)
  })

  it('exits 2 on a configuration that does not load', async () => {
    const config = join(tempDir(), 'pipeline.yaml')
    writeFileSync(config, 'version: 1\nnoSuchKey: true\n')
    const { code, err } = await evalCli(writeGold(goldLines()), '--config', config)
    expect(code).toBe(2)
    expect(err).toContain('configuration error')
  })
})
