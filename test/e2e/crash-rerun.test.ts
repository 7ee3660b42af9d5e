import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../src/core/seeded-random.js'
import { listRuns } from '../../src/state/list-runs.js'
import { openRunState } from '../../src/state/open-run-state.js'
import { generatedSite, sentence } from '../corpus/generated-site.js'
import { REPO, runCli, tempDir } from '../support/run-cli.js'

/** Where to kill: after the n-th document is cleaned, or on a log event. */
type KillPoint = { readonly afterDocuments: number } | { readonly onEvent: string }

/** Runs decruft in a child process and kills it with SIGKILL at the point; resolves when it is dead. */
function runAndKill(args: readonly string[], point: KillPoint): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'decruft.js'), ...args, '--log-level', 'debug'], { stdio: ['ignore', 'ignore', 'pipe'] })
    let killed = false
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (killed) return
      let event: { event?: string; n?: number } = {}
      try {
        event = JSON.parse(line) as typeof event
      } catch {
        return
      }
      const hit = 'afterDocuments' in point ? event.event === 'document-cleaned' && event.n === point.afterDocuments : event.event === point.onEvent
      if (hit) {
        killed = true
        child.kill('SIGKILL')
      }
    })
    child.on('error', reject)
    child.on('close', () => resolve({ killed }))
  })
}

/** Every file under a folder, relative paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
}

describe('a run killed with SIGKILL and run again', () => {
  const dir = tempDir()
  const input = join(dir, 'pages.jsonl')
  const pages = generatedSite(41)
  const rows = pages.map((p, i) => ({ id: `p${String(i).padStart(2, '0')}`, url: p.url, text: p.blocks.join('\n') }))
  rows.push({ ...(rows[4] as (typeof rows)[number]), id: 'p04-copy' })
  writeFileSync(input, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
  const clean = join(dir, 'clean')
  const cleanRun = runCli('run', input, '--out', clean, '--state', join(dir, 'clean-state.sqlite'))

  const random = seededRandom(7)
  const points: KillPoint[] = [
    { afterDocuments: 1 + Math.floor(random() * 10) },
    { afterDocuments: 15 + Math.floor(random() * 20) },
    { onEvent: 'duplicates-found' },
    { onEvent: 'run-end' },
  ]

  it.each(points.map((point) => [JSON.stringify(point), point] as const))('gives the clean run\'s dataset after a kill at %s', { timeout: 60_000 }, async (_name, point) => {
    expect(await cleanRun).toBe(0)
    const out = join(dir, `out-${Math.floor(random() * 1e9)}`)
    const state = join(out, '.decruft', 'state.sqlite')
    // A first complete run, so the folder holds an earlier dataset when the next one dies.
    expect(await runCli('run', input, '--out', out)).toBe(0)
    const { killed } = await runAndKill(['run', input, '--out', out, '--state', state, '--concurrency', '2'], point)
    expect(killed).toBe(true)

    expect(await runCli('run', input, '--out', out, '--state', state)).toBe(0)
    for (const file of ['dataset.jsonl', 'dataset.csv', 'rejects.jsonl']) {
      expect(readFileSync(join(out, file)), file).toEqual(readFileSync(join(clean, file)))
    }
    const ids = readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(filesUnder(out).filter((f) => /\.partial-|\.decruft-spill-/.test(f))).toEqual([])
    expect(existsSync(`${state}.lock`)).toBe(false)
    const opened = openRunState(state)
    const statuses = listRuns(opened).map((r) => r.status)
    opened.close()
    expect(statuses[0]).toBe('succeeded')
    // Killed mid-way, the run is found dead by the rerun; killed on a late event, the kill may land
    // after it succeeded, and either is right.
    if ('afterDocuments' in point) expect(statuses[1]).toBe('interrupted')
    else expect(['interrupted', 'succeeded']).toContain(statuses[1])
  })
})

/** Runs decruft in a child process to its end and returns its exit code and log events. */
function runLogged(args: readonly string[]): Promise<{ code: number | null; events: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'decruft.js'), ...args, '--log-level', 'info'], { stdio: ['ignore', 'ignore', 'pipe'] })
    const events: Record<string, unknown>[] = []
    createInterface({ input: child.stderr }).on('line', (line) => {
      try {
        events.push(JSON.parse(line) as Record<string, unknown>)
      } catch {
        // not a log line
      }
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, events }))
  })
}

describe('a rerun after a run died half way', () => {
  it('takes over the documents the dead run had cleaned and still gives the clean dataset', { timeout: 120_000 }, async () => {
    const dir = tempDir()
    const input = join(dir, 'long-pages.jsonl')
    const random = seededRandom(19)
    // Long pages, so the dead run's spill has been flushed to disk before the kill.
    const rows = Array.from({ length: 40 }, (_, i) => ({
      id: `long-${String(i).padStart(2, '0')}`,
      text: Array.from({ length: 300 }, () => sentence(random)).join('\n'),
    }))
    writeFileSync(input, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
    const clean = join(dir, 'clean')
    expect(await runCli('run', input, '--out', clean, '--no-state')).toBe(0)

    const out = join(dir, 'out')
    const state = join(out, '.decruft', 'state.sqlite')
    expect((await runAndKill(['run', input, '--out', out, '--state', state, '--concurrency', '1'], { afterDocuments: 30 })).killed).toBe(true)
    const rerun = await runLogged(['run', input, '--out', out, '--state', state])
    expect(rerun.code).toBe(0)
    const resumed = rerun.events.find((e) => e['event'] === 'resumed')
    expect(resumed?.['documents']).toBeGreaterThan(0)
    expect(resumed?.['documents']).toBeLessThanOrEqual(30)
    for (const file of ['dataset.jsonl', 'dataset.csv', 'rejects.jsonl']) {
      expect(readFileSync(join(out, file)), file).toEqual(readFileSync(join(clean, file)))
    }
    expect(filesUnder(out).filter((f) => /\.partial-|\.decruft-spill-/.test(f))).toEqual([])
  })
})
