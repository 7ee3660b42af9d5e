import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUTO_WORKERS_MIN_BYTES, resolveWorkerCount } from '../../src/executors/worker-pool.js'
import { tempConfig } from '../config/support.js'
import { REPO, runCli, SEEDS, SHARED, tempDir } from '../support/run-cli.js'

/** A batch with every input kind: seed texts, hostile text and HTML files, and a JSONL file with a bad line. */
function mixedBatch(): string {
  const dir = tempDir('decruft-workers-')
  for (const seed of readdirSync(SEEDS)) copyFileSync(join(SEEDS, seed), join(dir, seed))
  const bad = join(SHARED, 'badinputs')
  for (const file of ['html/script-style-noise.html', 'html/meta-charset-1256.html', 'text/cp1256-persian-nodecl.txt', 'text/empty.txt', 'jsonl/malformed-lines.jsonl', 'jsonl/duplicate-ids.jsonl']) {
    copyFileSync(join(bad, file), join(dir, file.split('/')[1] as string))
  }
  return dir
}

/**
 * Runs the seeds plus a page of 190,000 paragraphs (under maxHtmlElements, but about ten
 * seconds and several hundred MB of DOM) on one worker with the given limits; checks that every
 * seed is written and returns the rejects.
 */
async function runHeavyPage(limits: { maxDocumentMs: number; maxWorkerHeapMiB: number }): Promise<{ id: string; code: string; reason: string }[]> {
  const shippedRules = join(REPO, 'config', 'rules')
  const cfg = tempConfig({ rules: Object.fromEntries(readdirSync(shippedRules).map((f) => [f, readFileSync(join(shippedRules, f))])) })
  const pipeline = readFileSync(cfg.pipelineFile, 'utf8')
    .replace(/^  maxDocumentMs: \d+$/m, `  maxDocumentMs: ${limits.maxDocumentMs}`)
    .replace(/^  maxWorkerHeapMiB: \d+$/m, `  maxWorkerHeapMiB: ${limits.maxWorkerHeapMiB}`)
  writeFileSync(cfg.pipelineFile, pipeline)
  const batch = tempDir('decruft-heavy-')
  for (const seed of readdirSync(SEEDS)) copyFileSync(join(SEEDS, seed), join(batch, seed))
  writeFileSync(join(batch, 'heavy.html'), `<html><body>${'<p>A short paragraph of text.</p>'.repeat(190_000)}</body></html>`)
  const out = join(tempDir(), 'out')
  expect(await runCli('run', batch, '--out', out, '--no-state', '--workers', '1', '--config', cfg.pipelineFile)).toBe(3)
  expect(readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n')).toHaveLength(readdirSync(SEEDS).length)
  return readFileSync(join(out, 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; code: string; reason: string })
}

const outputs = (dir: string): string[] => ['dataset.jsonl', 'dataset.csv', 'rejects.jsonl'].map((f) => readFileSync(join(dir, f), 'utf8'))

describe('cleaning on worker threads', () => {
  it('writes byte-identical datasets and rejects on the main thread, on 1 worker and on 3', { timeout: 60_000 }, async () => {
    const batch = mixedBatch()
    const results: string[][] = []
    for (const workers of ['0', '1', '3']) {
      const out = join(tempDir(), 'out')
      expect(await runCli('run', batch, '--out', out, '--no-state', '--workers', workers)).toBe(3)
      expect((JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { workers: number }).workers).toBe(Number(workers))
      results.push(outputs(out))
    }
    expect(results[0]?.[0]?.trim().split('\n').length).toBeGreaterThan(10)
    expect(results[1]).toEqual(results[0])
    expect(results[2]).toEqual(results[0])
  })

  it('stops a document still running after limits.maxDocumentMs, rejects it with E_TIME_BUDGET and cleans the rest', { timeout: 60_000 }, async () => {
    const rejects = await runHeavyPage({ maxDocumentMs: 2_000, maxWorkerHeapMiB: 1_024 })
    expect(rejects.map((r) => [r.id, r.code])).toEqual([['heavy', 'E_TIME_BUDGET']])
    expect(rejects[0]?.reason).toBe('still running after limits.maxDocumentMs (2000 ms); its worker thread was stopped')
  })

  it('ends a worker whose document needs more heap than limits.maxWorkerHeapMiB, rejects it with E_WORKER_FAILED and cleans the rest', { timeout: 60_000 }, async () => {
    const rejects = await runHeavyPage({ maxDocumentMs: 60_000, maxWorkerHeapMiB: 160 })
    expect(rejects.map((r) => [r.id, r.code])).toEqual([['heavy', 'E_WORKER_FAILED']])
    expect(rejects[0]?.reason).toMatch(/^its worker thread failed: .*memory/i)
  })

  it('starts one worker per core for "auto" only from AUTO_WORKERS_MIN_BYTES of input', () => {
    expect(resolveWorkerCount('auto', AUTO_WORKERS_MIN_BYTES - 1)).toBe(0)
    expect(resolveWorkerCount('auto', AUTO_WORKERS_MIN_BYTES)).toBeGreaterThanOrEqual(1)
    expect(resolveWorkerCount(3, 0)).toBe(3)
    expect(resolveWorkerCount(0, 10 * AUTO_WORKERS_MIN_BYTES)).toBe(0)
  })
})
