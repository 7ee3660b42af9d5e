import { EventEmitter } from 'node:events'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { createScheduleCommand, expandPlaceholders, runSchedule, type ScheduleDependencies } from '../../src/cli/schedule-command.js'
import { UsageError } from '../../src/core/errors.js'
import { tempDir } from '../support/run-cli.js'

/** One parsed log line of the scheduler. */
interface LogLine {
  readonly level: number
  readonly event?: string
  readonly msg?: string
  readonly [field: string]: unknown
}

/** A pino logger whose lines the test can read. */
function capturedLogger(): { logger: pino.Logger; lines: LogLine[] } {
  const lines: LogLine[] = []
  const logger = pino({ base: undefined, level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) })
  return { logger, lines }
}

/** Runs `decruft schedule ARGS` with the given dependencies (children's stdout discarded). */
function schedule(args: readonly string[], dependencies: ScheduleDependencies): Promise<unknown> {
  return createScheduleCommand({ stdio: ['ignore', 'ignore', 'inherit'], ...dependencies })
    .exitOverride()
    .parseAsync([...args], { from: 'user' })
}

/** Writes a child program to a temporary file and returns its path. */
function childScript(source: string): string {
  const file = join(tempDir('decruft-schedule-'), 'child.mjs')
  writeFileSync(file, source)
  return file
}

/** Waits until `condition` holds, polling. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const events = (lines: readonly LogLine[]) => lines.map((l) => l.event).filter((e) => e !== undefined)

describe('decruft schedule: usage', () => {
  it('rejects an invalid cron expression as bad usage, naming it', async () => {
    const { logger } = capturedLogger()
    for (const expression of ['every night', '61 2 * * *', '* * * *']) {
      const failure = schedule(['--cron', expression, '--', 'run', 'in/', '--out', 'out/'], { logger })
      await expect(failure).rejects.toBeInstanceOf(UsageError)
      await expect(failure).rejects.toThrow(`--cron "${expression}"`)
    }
  })

  it('rejects a cron expression that is never due, and an unknown time zone', async () => {
    const { logger } = capturedLogger()
    await expect(schedule(['--cron', '0 0 30 2 *', '--', 'run'], { logger })).rejects.toThrow(/never due/)
    await expect(schedule(['--cron', '0 2 * * *', '--timezone', 'Mars/Olympus', '--', 'run'], { logger })).rejects.toThrow(/--timezone "Mars\/Olympus"/)
  })

  it('refuses to schedule itself or nothing', async () => {
    const { logger } = capturedLogger()
    const base = { cron: '0 2 * * *', logger, signals: new EventEmitter(), program: [process.execPath] as [string], stdio: 'ignore' as const }
    await expect(runSchedule({ ...base, args: [] })).rejects.toBeInstanceOf(UsageError)
    await expect(runSchedule({ ...base, args: ['schedule', '--cron', '* * * * *'] })).rejects.toThrow(/cannot schedule itself/)
  })

  it('teaches with examples in its help', () => {
    const help = createScheduleCommand().helpInformation()
    expect(help).toContain('--cron <expression>')
    expect(help).toContain('--max-runs <n>')
    expect(help).toContain('stop after N runs, for testing a schedule')
  })
})

describe('decruft schedule: runs', () => {
  it('runs the decruft command line on a fast schedule, twice, and exits', async () => {
    const { logger, lines } = capturedLogger()
    const signals = new EventEmitter()
    await schedule(['--cron', '* * * * * *', '--max-runs', '2', '--', '--version'], { logger, signals })
    const ends = lines.filter((l) => l.event === 'schedule-run-end')
    expect(ends.map((l) => [l['run'], l['exitCode'], l['outcome']])).toEqual([
      [1, 0, 'done'],
      [2, 0, 'done'],
    ])
    expect(ends[0]!['nextRun']).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(ends[1]!['nextRun']).toBeNull()
    expect(lines.find((l) => l.event === 'schedule-start')).toMatchObject({ cron: '* * * * * *', args: ['--version'], maxRuns: 2 })
    expect(events(lines).at(-1)).toBe('schedule-end')
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM') + signals.listenerCount('SIGHUP')).toBe(0)
  })

  it('with --run-now runs right away, before the first due time', async () => {
    const { logger, lines } = capturedLogger()
    const started = Date.now()
    await schedule(['--cron', '0 2 1 1 *', '--run-now', '--max-runs', '1', '--', '--version'], { logger, signals: new EventEmitter() })
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(lines.find((l) => l.event === 'schedule-run-start')).toMatchObject({ run: 1, trigger: 'run-now' })
    expect(lines.find((l) => l.event === 'schedule-run-end')).toMatchObject({ run: 1, exitCode: 0 })
  })

  it('never starts a run while the previous one is still going: that due time is skipped with a warning', async () => {
    // Each child takes a lock file exclusively for 1.5 s (longer than the 1 s interval) and exits 9 if it is taken.
    const child = childScript(`
import { closeSync, openSync, unlinkSync } from 'node:fs'
const lock = process.argv[2]
let fd
try { fd = openSync(lock, 'wx') } catch { process.exit(9) }
setTimeout(() => { closeSync(fd); unlinkSync(lock); process.exit(0) }, 1500)
`)
    const lock = join(tempDir('decruft-schedule-'), 'lock')
    const { logger, lines } = capturedLogger()
    await schedule(['--cron', '* * * * * *', '--max-runs', '2', '--', lock], { logger, signals: new EventEmitter(), program: [process.execPath, child] })
    const order = events(lines).filter((e) => e.startsWith('schedule-run') || e === 'schedule-skip')
    expect(order[0]).toBe('schedule-run-start')
    const firstEnd = order.indexOf('schedule-run-end')
    expect(order.slice(1, firstEnd)).toContain('schedule-skip')
    expect(order.slice(1, firstEnd).every((e) => e === 'schedule-skip')).toBe(true)
    expect(order.slice(firstEnd + 1)).toEqual(['schedule-run-start', 'schedule-run-end'])
    expect(lines.filter((l) => l.event === 'schedule-run-end').map((l) => l['exitCode'])).toEqual([0, 0])
    const skip = lines.find((l) => l.event === 'schedule-skip')!
    expect(skip.level).toBe(40)
    expect(skip).toMatchObject({ run: 1 })
    expect(skip['nextRun']).toMatch(/^\d{4}-/)
  })

  it('on SIGTERM starts no new run, passes the signal to the running one, waits for it and ends', async () => {
    const ready = join(tempDir('decruft-schedule-'), 'ready')
    const child = childScript(`
import { writeFileSync } from 'node:fs'
process.on('SIGTERM', () => process.exit(42))
writeFileSync(process.argv[2], 'ready')
setTimeout(() => process.exit(0), 60_000)
`)
    const { logger, lines } = capturedLogger()
    const signals = new EventEmitter()
    const finished = schedule(['--cron', '* * * * * *', '--run-now', '--', ready], { logger, signals, program: [process.execPath, child] })
    await until(() => existsSync(ready))
    signals.emit('SIGTERM', 'SIGTERM')
    await finished
    const ends = lines.filter((l) => l.event === 'schedule-run-end')
    expect(ends).toHaveLength(1)
    expect(ends[0]).toMatchObject({ run: 1, exitCode: 42, nextRun: null })
    expect(lines.find((l) => l.event === 'schedule-end')).toMatchObject({ runs: 1, signal: 'SIGTERM' })
    expect(signals.listenerCount('SIGTERM')).toBe(0)
  })

  it('logs a run the forwarded signal ended as a warning, not a failure', async () => {
    const ready = join(tempDir('decruft-schedule-'), 'ready')
    const child = childScript(`
import { writeFileSync } from 'node:fs'
writeFileSync(process.argv[2], 'ready')
setTimeout(() => process.exit(0), 60_000)
`)
    const { logger, lines } = capturedLogger()
    const signals = new EventEmitter()
    const finished = schedule(['--cron', '0 2 * * *', '--run-now', '--', ready], { logger, signals, program: [process.execPath, child] })
    await until(() => existsSync(ready))
    signals.emit('SIGINT', 'SIGINT')
    await finished
    expect(lines.find((l) => l.event === 'schedule-run-end')).toMatchObject({ level: 40, exitCode: null, signal: 'SIGINT', outcome: 'ended by SIGINT' })
  })

  it('on a signal between runs ends at once', async () => {
    const { logger, lines } = capturedLogger()
    const signals = new EventEmitter()
    const finished = schedule(['--cron', '0 2 1 1 *', '--', 'run', 'in/', '--out', 'out/'], { logger, signals })
    await until(() => lines.some((l) => l.event === 'schedule-start'))
    signals.emit('SIGINT', 'SIGINT')
    await finished
    expect(events(lines)).toEqual(['schedule-start', 'schedule-signal', 'schedule-end'])
  })
})

describe('expandPlaceholders', () => {
  it('puts the run date, in the schedule\'s time zone, wherever the command line says {date}', () => {
    const late = new Date('2026-11-22T23:30:00Z')
    expect(expandPlaceholders(['run', 'in/', '--out', 'clean/{date}'], late, 'UTC')).toEqual(['run', 'in/', '--out', 'clean/2026-11-22'])
    expect(expandPlaceholders(['--out', 'clean/{date}', '--log', 'logs/{date}.log'], late, 'Europe/Berlin')).toEqual(['--out', 'clean/2026-11-23', '--log', 'logs/2026-11-23.log'])
  })
})
