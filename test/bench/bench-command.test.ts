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

describe('decruft bench --quick --json', () => {
  it('runs decruft run on a generated corpus and reports docs/s and peak RSS for every row', { timeout: 60_000 }, async () => {
    let stdout = ''
    const progress: string[] = []
    await createBenchCommand({ stdout: (t) => (stdout += t), stderr: (t) => progress.push(t) }).parseAsync(['--quick', '--json'], { from: 'user' })
    const result = JSON.parse(stdout) as BenchResult
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
    expect(progress.join('')).toContain('run 7/7')
  })
})
