import { existsSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LockHolder } from '../../src/state/lock-holder.js'
import { acquireStateLock, type StateLock } from '../../src/state/state-lock.js'
import { StateLockedError } from '../../src/state/state-locked-error.js'
import { deadPid, runChildTaker } from './lock-child.js'
import { stateDir } from './state-fixtures.js'

const lockFile = (statePath: string): LockHolder => JSON.parse(readFileSync(`${statePath}.lock`, 'utf8')) as LockHolder
const writeLock = (statePath: string, holder: LockHolder): void => writeFileSync(`${statePath}.lock`, `${JSON.stringify(holder)}\n`)
const stale = (pid: number): LockHolder => ({ pid, hostname: hostname(), startedAt: '2026-11-21T03:00:00.000Z', runId: 'crashed' })

function caught(fn: () => unknown): StateLockedError {
  try {
    fn()
  } catch (error) {
    if (error instanceof StateLockedError) return error
    throw error
  }
  throw new Error('expected StateLockedError')
}

/** The files beside the state: only the lock itself should remain after a takeover. */
const leftovers = (dir: string): string[] => readdirSync(dir).filter((name) => name.includes('.takeover-') || name.endsWith('.tmp'))

describe('acquireStateLock', () => {
  it('creates <state>.lock naming this process, and refuses a second taker naming the holder', () => {
    const dir = stateDir()
    const statePath = join(dir, 'nested', 'runs.sqlite')
    const lock = acquireStateLock(statePath, { runId: 'r1' })
    try {
      expect(lock.path).toBe(`${statePath}.lock`)
      expect(lockFile(statePath)).toEqual({ pid: process.pid, hostname: hostname(), startedAt: lock.holder.startedAt, runId: 'r1' })
      expect(lock.tookOver).toBeUndefined()
      const error = caught(() => acquireStateLock(statePath))
      expect(error.holder).toEqual(lock.holder)
      expect(error.lockPath).toBe(lock.path)
      expect(error.message).toContain(`pid ${process.pid} on host ${hostname()} since ${lock.holder.startedAt} (run r1)`)
      expect(error.message).toContain(lock.path)
      expect(error.message).toContain('still running')
    } finally {
      expect(lock.release()).toBe(true)
    }
    expect(existsSync(lock.path)).toBe(false)
    expect(lock.release()).toBe(false)
    acquireStateLock(statePath).release()
  })

  it('takes over the lock of a dead process on this host', () => {
    const dir = stateDir()
    const statePath = join(dir, 'runs.sqlite')
    const pid = deadPid()
    writeLock(statePath, stale(pid))
    const lock = acquireStateLock(statePath, { runId: 'r2' })
    expect(lock.tookOver).toEqual({ holder: stale(pid) })
    expect(lockFile(statePath)).toMatchObject({ pid: process.pid, runId: 'r2' })
    expect(leftovers(dir)).toEqual([])
    expect(() => acquireStateLock(statePath)).toThrow(StateLockedError)
    expect(lock.release()).toBe(true)
  })

  it('never takes over a lock from another host, and says so', () => {
    const statePath = join(stateDir(), 'runs.sqlite')
    const holder = { ...stale(deadPid()), hostname: 'some-other-host.example' }
    writeLock(statePath, holder)
    const error = caught(() => acquireStateLock(statePath))
    expect(error.holder).toEqual(holder)
    expect(error.message).toContain(`pid ${holder.pid} on host some-other-host.example since ${holder.startedAt}`)
    expect(error.message).toMatch(/a lock from another host is never taken over automatically/)
    expect(error.message).toContain(`${statePath}.lock`)
    expect(lockFile(statePath)).toEqual(holder)
  })

  it('waits out the grace period before taking over an unreadable lock', () => {
    const dir = stateDir()
    const statePath = join(dir, 'runs.sqlite')
    writeFileSync(`${statePath}.lock`, '{"pid": 12')
    const error = caught(() => acquireStateLock(statePath))
    expect(error.holder).toBeUndefined()
    expect(error.message).toMatch(/is unreadable \(being written, or damaged\) and less than 10 s old/)
    const old = new Date(Date.now() - 60_000)
    utimesSync(`${statePath}.lock`, old, old)
    const lock = acquireStateLock(statePath)
    expect(lock.tookOver).toEqual({ holder: undefined })
    expect(lockFile(statePath).pid).toBe(process.pid)
    expect(leftovers(dir)).toEqual([])
    lock.release()
  })

  it('leaves another process’s lock alone on release', () => {
    const statePath = join(stateDir(), 'runs.sqlite')
    const lock = acquireStateLock(statePath)
    // Someone replaced the file (e.g. took it over, believing this process dead).
    const other = { pid: 1, hostname: hostname(), startedAt: '2026-11-22T04:00:00.000Z' }
    writeFileSync(`${statePath}.other`, JSON.stringify(other))
    renameSync(`${statePath}.other`, `${statePath}.lock`)
    expect(lock.release()).toBe(false)
    expect(lockFile(statePath)).toEqual(other)
  })

  it('lets only one of two racing takers win: the one that read the stale lock second loses', () => {
    const dir = stateDir()
    const statePath = join(dir, 'runs.sqlite')
    writeLock(statePath, stale(deadPid()))
    let winner: StateLock | undefined
    // A judges the lock stale; before it claims it, B takes it over completely.
    const error = caught(() =>
      acquireStateLock(statePath, {
        runId: 'A',
        onTakeoverStep: (step) => {
          if (step === 'judged-stale' && !winner) winner = acquireStateLock(statePath, { runId: 'B' })
        },
      }),
    )
    expect(winner?.tookOver?.holder?.runId).toBe('crashed')
    expect(error.message).toContain(`pid ${process.pid}`)
    expect(error.message).toContain('(run B)')
    expect(lockFile(statePath).runId).toBe('B')
    expect(leftovers(dir)).toEqual([])
    winner?.release()
  })

  it('lets only one of two racing takers win: a taker finding a live claim loses', () => {
    const dir = stateDir()
    const statePath = join(dir, 'runs.sqlite')
    writeLock(statePath, stale(deadPid()))
    let loser: unknown
    // A has claimed the stale lock; B arrives before A replaced it.
    const lock = acquireStateLock(statePath, {
      runId: 'A',
      onTakeoverStep: (step) => {
        if (step !== 'claimed' || loser) return
        try {
          acquireStateLock(statePath, { runId: 'B' })
          loser = 'B won too'
        } catch (error) {
          loser = error
        }
      },
    })
    expect(loser).toBeInstanceOf(StateLockedError)
    expect((loser as Error).message).toMatch(/\(run A\) is taking over the stale lock of pid \d+ .*\(run crashed\)/)
    expect(lockFile(statePath).runId).toBe('A')
    expect(leftovers(dir)).toEqual([])
    lock.release()
  })

  it('passes over the claim of a taker that died mid-takeover', async () => {
    const dir = stateDir()
    const statePath = join(dir, 'runs.sqlite')
    const pid = deadPid()
    writeLock(statePath, stale(pid))
    const died = await runChildTaker(statePath, 0, 0, 'die-at-claim')
    expect(died.exitCode).toBe(7)
    expect(readdirSync(dir).filter((name) => name.includes('.takeover-'))).toHaveLength(1)
    expect(lockFile(statePath)).toEqual(stale(pid))
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toHaveLength(1)
    const lock = acquireStateLock(statePath, { graceMs: 0 })
    expect(lock.tookOver?.holder?.pid).toBe(pid)
    // Its claim was passed over (level 2 won), then swept with its temporary file.
    expect(leftovers(dir)).toEqual([])
    lock.release()
  })

  it('lets exactly one of several processes racing for one stale lock win', async () => {
    for (const mode of ['normal', 'slow', 'normal', 'slow']) {
      const dir = stateDir()
      const statePath = join(dir, 'runs.sqlite')
      const pid = deadPid()
      writeLock(statePath, stale(pid))
      const goAt = Date.now() + 400
      const results = await Promise.all([0, 1, 2].map(() => runChildTaker(statePath, goAt, 600, mode)))
      const winners = results.filter((r) => r.won)
      expect(winners, JSON.stringify(results)).toHaveLength(1)
      expect(winners[0]?.tookOverPid).toBe(pid)
      for (const loser of results.filter((r) => !r.won)) {
        expect(loser.name, loser.message).toBe('StateLockedError')
        expect(loser.message).toMatch(/pid \d+ on host/)
        if (mode === 'slow') expect(loser.message).toMatch(/is taking over the stale lock|still running/)
      }
      expect(existsSync(`${statePath}.lock`)).toBe(false)
      expect(leftovers(dir)).toEqual([])
    }
  })
})
