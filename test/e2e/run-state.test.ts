import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listRuns } from '../../src/state/list-runs.js'
import { openRunState } from '../../src/state/open-run-state.js'
import { acquireStateLock } from '../../src/state/state-lock.js'
import { runCli, SEEDS, tempDir } from '../support/run-cli.js'

const records = (out: string): { id: string }[] => {
  const text = readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim()
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l) as { id: string })
}

describe('decruft run with a run state', () => {
  it('processes nothing new on an unchanged rerun with --incremental, says so, and remembers both runs', async () => {
    const dir = tempDir()
    const input = join(dir, 'in')
    cpSync(SEEDS, input, { recursive: true })
    const state = join(dir, 'state', 'decruft.sqlite')
    expect(await runCli('run', input, '--out', join(dir, 'night-1'), '--state', state)).toBe(0)
    expect(records(join(dir, 'night-1'))).toHaveLength(5)

    expect(await runCli('run', input, '--out', join(dir, 'night-2'), '--state', state, '--incremental')).toBe(0)
    expect(records(join(dir, 'night-2'))).toEqual([])
    expect(readFileSync(join(dir, 'night-2', 'reports', 'summary.md'), 'utf8')).toContain('Incremental run: 5 documents skipped, unchanged since earlier successful runs')
    expect(JSON.parse(readFileSync(join(dir, 'night-2', 'reports', 'run.json'), 'utf8'))).toMatchObject({ incremental: { unchanged: 5 }, documents: { read: 0 } })

    writeFileSync(join(input, 'new-story.txt'), 'A new story arrived overnight.\n\nThe council voted on Tuesday to rebuild the old harbour bridge, which storms damaged last winter, officials said.\n')
    expect(await runCli('run', input, '--out', join(dir, 'night-3'), '--state', state, '--incremental')).toBe(0)
    expect(records(join(dir, 'night-3')).map((r) => r.id)).toEqual(['new-story'])

    const opened = openRunState(state)
    const runs = listRuns(opened)
    opened.close()
    expect(runs.map((r) => [r.status, r.counts?.read])).toEqual([
      ['succeeded', 1],
      ['succeeded', 0],
      ['succeeded', 5],
    ])
    expect(readFileSync(join(dir, 'night-3', 'reports', 'summary.md'), 'utf8')).toContain(`## Compared with the previous run (${runs[1]?.id})`)
  })

  it('exits at once with code 4 while another run holds the state, writing nothing', async () => {
    const dir = tempDir()
    const state = join(dir, 'state.sqlite')
    const lock = acquireStateLock(state, { runId: 'the-first-run' })
    try {
      expect(await runCli('run', SEEDS, '--out', join(dir, 'out'), '--state', state)).toBe(4)
      expect(existsSync(join(dir, 'out'))).toBe(false)
    } finally {
      lock.release()
    }
    expect(await runCli('run', SEEDS, '--out', join(dir, 'out'), '--state', state)).toBe(0)
  })

  it('refuses --incremental without a state', async () => {
    const dir = tempDir()
    expect(await runCli('run', SEEDS, '--out', join(dir, 'out'), '--no-state', '--incremental')).toBe(2)
  })
})

describe('two overlapping runs on one state', () => {
  it('stops the second at once with code 4 while the first finishes unharmed', { timeout: 60_000 }, async () => {
    const { spawn } = await import('node:child_process')
    const { createInterface } = await import('node:readline')
    const { REPO } = await import('../support/run-cli.js')
    const { generatedSite } = await import('../corpus/generated-site.js')
    const dir = tempDir()
    const state = join(dir, 'state.sqlite')
    // 200 pages: the first run is still cleaning long after the second has loaded its configuration.
    const input = join(dir, 'pages.jsonl')
    const pages = [1, 2, 3, 4, 5].flatMap((seed) => generatedSite(seed, `site-${seed}.example`))
    writeFileSync(input, pages.map((p, i) => JSON.stringify({ id: `p${i}`, url: p.url, text: p.blocks.join('\n') })).join('\n') + '\n')
    const first = spawn(process.execPath, [join(REPO, 'bin', 'decruft.js'), 'run', input, '--out', join(dir, 'first'), '--state', state, '--concurrency', '1', '--log-level', 'debug'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const firstExit = new Promise<number | null>((resolve) => first.on('close', (code) => resolve(code)))
    // Wait until the first run is cleaning documents, so it certainly holds the lock.
    await new Promise<void>((resolve) => {
      createInterface({ input: first.stderr }).on('line', (line) => {
        if (line.includes('"event":"document-cleaned"')) resolve()
      })
      void firstExit.then(() => resolve())
    })
    const second = await runCli('run', input, '--out', join(dir, 'second'), '--state', state)
    expect(await firstExit).toBe(0)
    expect(second).toBe(4)
    expect(existsSync(join(dir, 'second'))).toBe(false)
    expect(records(join(dir, 'first')).length).toBeGreaterThan(150)
    expect(existsSync(join(dir, 'first', 'manifest.json'))).toBe(true)
  })
})
