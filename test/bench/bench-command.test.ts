import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writePassesConfig, type BenchResult } from '../../src/bench/run-bench.js'
import { createBenchCommand } from '../../src/cli/bench-command.js'
import { loadConfig, DEFAULT_CONFIG_FILE } from '../../src/config/load-config.js'
import { tempDir } from '../support/run-cli.js'

describe('writePassesConfig', () => {
  it('writes a loadable copy of the pipeline file with both corpus passes on or off', () => {
    const dir = tempDir('decruft-bench-test-')
    for (const on of [true, false]) {
      const file = join(dir, `pipeline-${String(on)}.yaml`)
      writePassesConfig(DEFAULT_CONFIG_FILE, file, on)
      const config = loadConfig(file)
      expect(config.pipeline.corpus.repeatedBlocks.enabled).toBe(on)
      expect(config.pipeline.corpus.duplicates.enabled).toBe(on)
      expect(config.rules.length).toBe(loadConfig().rules.length)
      expect(config.blockModel).toBeDefined()
    }
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('decruft bench --quick', () => {
  /** One quick bench for every test below (it runs ten child processes). */
  let quick: Promise<{ json: BenchResult; progress: string }> | undefined
  const runQuick = (): Promise<{ json: BenchResult; progress: string }> =>
    (quick ??= (async () => {
      let stdout = ''
      const progress: string[] = []
      await createBenchCommand({ stdout: (t) => (stdout += t), stderr: (t) => progress.push(t) }).parseAsync(['--quick', '--json'], { from: 'user' })
      return { json: JSON.parse(stdout) as BenchResult, progress: progress.join('') }
    })())

  it('runs decruft run on a generated corpus and reports docs/s and peak RSS for every row', { timeout: 240_000 }, async () => {
    const { json: result, progress } = await runQuick()
    expect(result.rows.map((r) => `${r.corpus}/${r.config}`)).toEqual([
      'base/default',
      'base/passes on',
      'base/passes off',
      'articles x4/passes off',
      'articles x4/passes on',
      'documents x2/passes off',
      'documents x2/passes on',
    ])
    for (const row of result.rows) {
      expect(row.docsPerSecond).toBeGreaterThan(0)
      expect(row.mbPerSecond).toBeGreaterThan(0)
      expect(row.peakRssMiB).toBeGreaterThan(0)
      expect([0, 3]).toContain(row.exitCode)
      expect(row.documents).toBe(row.corpus === 'documents x2' ? 120 : 60)
    }
    const longer = result.rows.find((r) => r.corpus === 'articles x4')
    const base = result.rows.find((r) => r.corpus === 'base')
    expect(longer?.inputBytes).toBeGreaterThan(base?.inputBytes ?? Infinity)
    // Passes off keeps every document; with the duplicate pass on, the duplicates go to rejects.
    expect(result.rows.find((r) => r.config === 'passes off')?.written).toBe(60)
    expect(result.rows.find((r) => r.config === 'passes on')?.written).toBeLessThan(60)
    expect(result.keptDirectory).toBeNull()
    expect(progress).toContain('run 7/7')
  })

  it('measures what the corpus passes hold: entries follow documents, block keys follow distinct blocks', { timeout: 240_000 }, async () => {
    const { json: result, progress } = await runQuick()
    expect(result.summaries.map((s) => s.corpus)).toEqual(['base', 'articles x4', 'documents x2'])
    for (const s of result.summaries) {
      expect(s.documents).toBe(s.corpus === 'documents x2' ? 120 : 60)
      expect(s.sites).toBe(3)
      expect(s.distinctKeys).toBeGreaterThan(0)
      expect(s.sampleChars).toBeGreaterThan(0)
      expect(s.blockSummaryBytes).toBeGreaterThan(0)
      expect(s.entries).toBeGreaterThan(0)
      expect(s.entries).toBeLessThanOrEqual(s.documents)
      expect(s.entriesBytes).toBeGreaterThan(0)
      expect(s.bytesPerEntry).toBe(Math.round(s.entriesBytes / s.entries))
    }
    const [base, longer, more] = result.summaries
    if (base === undefined || longer === undefined || more === undefined) throw new Error('missing rows')
    // Four times the text per document: same entries, about the same bytes; more distinct paragraphs, more keys.
    expect(longer.entryTextChars).toBeGreaterThan(2 * base.entryTextChars)
    expect(longer.entries).toBe(base.entries)
    expect(longer.entriesBytes / base.entriesBytes).toBeGreaterThan(1 / 1.5)
    expect(longer.entriesBytes / base.entriesBytes).toBeLessThan(1.5)
    expect(longer.distinctKeys).toBeGreaterThan(base.distinctKeys)
    // Twice the documents: more entries and more keys.
    expect(more.entries).toBeGreaterThan(base.entries)
    expect(more.distinctKeys).toBeGreaterThan(base.distinctKeys)
    expect(progress).toContain('measuring what the corpus passes hold 3/3')
  })

  it('prints the third table with its explanation', { timeout: 240_000 }, async () => {
    const { json: result } = await runQuick()
    const { formatBenchReport } = await import('../../src/bench/run-bench.js')
    const text = formatBenchReport(result)
    expect(text).toContain('What the corpus passes hold in memory')
    expect(text).toMatch(/block keys\s+sample Mchars\s+summary MiB\s+B\/key\s+entries\s+entries MiB\s+B\/entry/)
    expect(text.replace(/\s+/g, ' ')).toContain('articles x4 (four times the cleaned text) leaves them unchanged')
  })
})
