import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'
import type { EventEmitter } from 'node:events'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { Cron } from 'croner'
import type { Logger } from 'pino'
import { ExitCode, UsageError } from '../core/errors.js'
import { createLogger } from '../log.js'
import { positiveInteger } from './positive-integer-option.js'

/** The installed `decruft` entry point of this package (`bin/decruft.js`, from src/cli and dist/cli alike). */
export const DECRUFT_BIN = fileURLToPath(new URL('../../bin/decruft.js', import.meta.url))

/** Signals that stop the scheduler; each one is also forwarded to a running child. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/** What the scheduler needs from outside; tests replace them, `decruft schedule` uses the defaults. */
export interface ScheduleDependencies {
  /** Logger for the scheduler's own events (default: the root logger at `--log-level`). */
  readonly logger?: Logger
  /** Where SIGINT, SIGTERM and SIGHUP are listened for (default `process`). */
  readonly signals?: EventEmitter
  /** Program and leading arguments each run starts; the scheduled command line is appended (default: `node bin/decruft.js`). */
  readonly program?: readonly [string, ...string[]]
  /** The children's stdio (default: no stdin; stdout and stderr shared with the scheduler). */
  readonly stdio?: StdioOptions
}

/** One schedule: when, what, and how it ends. */
export interface ScheduleOptions {
  /** Cron expression, five fields (minute first) or six (seconds first). */
  readonly cron: string
  /** IANA time zone the expression is read in (default: the machine's). */
  readonly timezone?: string
  /** Start one run right away, before the first due time. */
  readonly runNow?: boolean
  /** Stop after this many runs have started and finished (default: run until a stop signal). */
  readonly maxRuns?: number
  /** The decruft command line each run executes, e.g. `['run', 'in/', '--out', 'clean/']`. */
  readonly args: readonly string[]
  readonly logger: Logger
  readonly signals: EventEmitter
  readonly program: readonly [string, ...string[]]
  readonly stdio: StdioOptions
}

/** How a schedule ended. */
export interface ScheduleSummary {
  /** Runs started (and waited for). */
  readonly runs: number
  /** Due times skipped because the previous run was still going. */
  readonly skipped: number
  /** Exit code of each run, in order (null when a run ended by a signal or could not start). */
  readonly exitCodes: readonly (number | null)[]
  /** The signal that stopped the scheduler, if one did. */
  readonly stoppedBy?: NodeJS.Signals
}

/** Checks a cron expression and time zone; returns the scheduler, paused. Bad ones are UsageErrors naming them. */
/**
 * The command line of one run: every `{date}` becomes the run's start date (YYYY-MM-DD) in the
 * schedule's time zone, so each night can write its own dataset (`--out clean/{date}`).
 */
export function expandPlaceholders(args: readonly string[], startedAt: Date, timezone?: string): string[] {
  const date = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timezone !== undefined ? { timeZone: timezone } : {}) }).format(startedAt)
  return args.map((arg) => arg.replaceAll('{date}', date))
}

function createCron(expression: string, timezone: string | undefined, onTick: () => void): Cron {
  if (timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: timezone })
    } catch {
      throw new UsageError(`--timezone "${timezone}": not a time zone (expected an IANA name such as Europe/Berlin or UTC)`)
    }
  }
  let job: Cron
  try {
    job = new Cron(expression, { paused: true, ...(timezone !== undefined ? { timezone } : {}) }, onTick)
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error)
    throw new UsageError(
      `--cron "${expression}": not a valid cron expression (${reason}); expected five fields "minute hour day month weekday", e.g. "0 2 * * *", or six with seconds first`,
    )
  }
  if (job.nextRun() === null) {
    job.stop()
    throw new UsageError(`--cron "${expression}": never due (no date matches it)`)
  }
  return job
}

/** What a run's exit means, for the run-end log line. */
function outcomeOf(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) return `ended by ${signal}`
  switch (code) {
    case ExitCode.ok:
      return 'done'
    case ExitCode.completedWithErrors:
      return 'done with rejected documents'
    case ExitCode.badUsageOrConfig:
      return 'bad usage or configuration'
    case ExitCode.fatalIo:
      return 'failed (output not written)'
    case ExitCode.stateLocked:
      return 'another run holds the state lock'
    case null:
      return 'did not start'
    default:
      return 'failed'
  }
}

/**
 * Runs a decruft command line on a cron schedule, each run in its own child process, never two
 * at once (a tick that finds the previous run still going is skipped with a warning). Logs each
 * start and end with exit code and the next due time. Resolves after `maxRuns` runs, or after a
 * stop signal once the running child (which receives the signal too) has exited.
 */
export async function runSchedule(options: ScheduleOptions): Promise<ScheduleSummary> {
  const { logger, args } = options
  if (args.length === 0) throw new UsageError('no command to schedule: put the decruft command line after --, e.g. -- run in/ --out clean/')
  if (args[0] === 'schedule') throw new UsageError('decruft schedule cannot schedule itself: put a command such as "run" after --')
  const job = createCron(options.cron, options.timezone, () => tick('schedule'))
  const [executable, ...prefix] = options.program
  const exitCodes: (number | null)[] = []
  let running: { child: ChildProcess; run: number; startedAt: number } | undefined
  let runs = 0
  let skipped = 0
  let stoppedBy: NodeJS.Signals | undefined
  let stopping = false
  let resolveDone!: () => void
  const done = new Promise<void>((resolve) => (resolveDone = resolve))

  const nextRun = (): string | null => (stopping ? null : (job.nextRun()?.toISOString() ?? null))
  const finish = (): void => {
    job.stop()
    for (const signal of STOP_SIGNALS) options.signals.off(signal, onSignal)
    logger.info({ event: 'schedule-end', runs, skipped, ...(stoppedBy ? { signal: stoppedBy } : {}) }, 'schedule ended')
    resolveDone()
  }
  const stopTicking = (): void => {
    stopping = true
    job.stop()
  }

  function tick(trigger: 'schedule' | 'run-now'): void {
    if (stopping) return
    if (running) {
      skipped++
      logger.warn(
        { event: 'schedule-skip', run: running.run, pid: running.child.pid, runningSeconds: Math.round((Date.now() - running.startedAt) / 1000), nextRun: nextRun() },
        `run ${running.run} is still going: skipping this due time`,
      )
      return
    }
    runs++
    const run = runs
    if (options.maxRuns !== undefined && runs >= options.maxRuns) stopTicking()
    const startedAt = Date.now()
    let ended = false
    const end = (code: number | null, signal: NodeJS.Signals | null, error?: Error): void => {
      if (ended) return
      ended = true
      running = undefined
      exitCodes.push(code)
      const fields = { event: 'schedule-run-end', run, exitCode: code, signal, outcome: outcomeOf(code, signal), seconds: Math.round((Date.now() - startedAt) / 100) / 10, nextRun: nextRun() }
      if (error) {
        logger.error({ ...fields, error: error.message }, `run ${run} could not start`)
      } else {
        // Rejected documents, a held lock and a stop we asked for are worth a warning; other failures an error.
        const expected = code === ExitCode.completedWithErrors || code === ExitCode.stateLocked || (signal !== null && stoppedBy !== undefined)
        const level = code === ExitCode.ok ? 'info' : expected ? 'warn' : 'error'
        logger[level](fields, `run ${run} ended: ${fields.outcome}`)
      }
      if (stopping) finish()
    }
    let child: ChildProcess
    try {
      // Own process group: a terminal's Ctrl-C reaches the scheduler only, which forwards it once.
      child = spawn(executable, [...prefix, ...expandPlaceholders(args, new Date(startedAt), options.timezone)], { stdio: options.stdio, detached: true })
    } catch (error) {
      end(null, null, error instanceof Error ? error : new Error(String(error)))
      return
    }
    running = { child, run, startedAt }
    child.on('error', (error) => {
      // Before a pid, the program could not be started; after, only a signal could not be sent.
      if (child.pid === undefined) end(null, null, error)
      else logger.warn({ event: 'schedule-signal-failed', run, pid: child.pid, error: error.message }, `run ${run}: ${error.message}`)
    })
    child.once('exit', (code, signal) => end(code, signal))
    logger.info({ event: 'schedule-run-start', run, trigger, pid: child.pid, args }, `run ${run} started`)
  }

  function onSignal(signal: NodeJS.Signals): void {
    if (running) {
      logger.info({ event: 'schedule-signal', signal, run: running.run, pid: running.child.pid }, `${signal}: passing it to run ${running.run} and waiting for it to end`)
      running.child.kill(signal)
    }
    if (stopping && stoppedBy !== undefined) return
    stoppedBy = signal
    const wasStopping = stopping
    stopTicking()
    if (!running) {
      logger.info({ event: 'schedule-signal', signal }, `${signal}: stopping`)
      if (!wasStopping) finish()
    }
  }

  for (const signal of STOP_SIGNALS) options.signals.on(signal, onSignal)
  logger.info(
    { event: 'schedule-start', cron: options.cron, timezone: options.timezone ?? null, runNow: options.runNow ?? false, maxRuns: options.maxRuns ?? null, args, nextRun: job.nextRun()?.toISOString() ?? null },
    'schedule started',
  )
  if (options.runNow) tick('run-now')
  if (!stopping) job.resume()
  await done
  return { runs, skipped, exitCodes, ...(stoppedBy ? { stoppedBy } : {}) }
}

/** Parsed options of `decruft schedule`. */
interface ScheduleCommandOptions {
  cron: string
  timezone?: string
  runNow?: boolean
  maxRuns?: number
  logLevel?: string
}

/** Builds `decruft schedule`: runs a decruft command line on a cron schedule, one run at a time, each in a child process. */
export function createScheduleCommand(dependencies: ScheduleDependencies = {}): Command {
  return new Command('schedule')
    .description('run a decruft command on a cron schedule (for machines without cron, systemd timers or Kubernetes)')
    .argument('<command...>', 'the decruft command line to run, after --, e.g. -- run in/ --out clean/')
    .requiredOption('--cron <expression>', 'when to run: "minute hour day month weekday", e.g. "0 2 * * *" for 02:00 every day; a sixth field in front is seconds')
    .option('--timezone <zone>', 'IANA time zone the expression is read in, e.g. Europe/Berlin (default: the machine\'s)')
    .option('--run-now', 'also run once right away, then on the schedule')
    .option('--max-runs <n>', 'stop after N runs, for testing a schedule', positiveInteger)
    .option('--log-level <level>', 'the scheduler\'s own logs: fatal, error, warn, info, debug or silent', process.env['DECRUFT_LOG_LEVEL'] ?? 'info')
    .addHelpText(
      'after',
      `
Everything after -- is a decruft command line, as you would type it after "decruft". Each
time the expression is due, the scheduler starts it in a fresh process (node bin/decruft.js
…) in the current folder, with this environment; its logs go to the same stderr. The
command line is passed as it is, without a shell: every run writes the same --out folder and
replaces the dataset there (with --incremental: the documents new to that run). To keep
each night's dataset in its own folder, use cron or a systemd timer (README, Operations).

{date} anywhere in the command line becomes the run's start date (YYYY-MM-DD, in
--timezone), so each run can write its own dataset: --out /data/clean/{date}.

One run at a time: if the previous run is still going when the next time is due, that time
is skipped with a warning (schedule-skip). A run that uses --state also takes the state lock,
so even two schedulers on one state never overlap: the second run exits 4.

The scheduler logs JSON lines on stderr: schedule-start, schedule-run-start,
schedule-run-end (exitCode, outcome, seconds, nextRun), schedule-skip, schedule-end.
SIGINT (Ctrl-C), SIGTERM and SIGHUP stop it: no new runs start, a running one receives the
signal and is waited for, then the scheduler exits 0.

Cron expressions (read in --timezone, else the machine's time zone):
  0 2 * * *         02:00 every day
  30 1 * * 1-5      01:30 Monday to Friday
  0 */6 * * *       every six hours, on the hour
  0 3 1 * *         03:00 on the first of each month
  */10 * * * * *    every ten seconds (six fields: seconds first; for trying a schedule out)

Exit codes: 0 stopped cleanly (by a signal or after --max-runs); 2 bad usage (an invalid
--cron or --timezone, or no command after --). The runs' own exit codes are logged:
0 done, 3 done with rejected documents, 2 bad usage or configuration, 1 output failure,
4 another run holds the state lock.

Examples:
  decruft schedule --cron "0 2 * * *" -- run /data/incoming --out /data/clean/{date} --state /data/state/state.sqlite --incremental
  decruft schedule --cron "0 2 * * *" --timezone Europe/Berlin --run-now -- run scrape/ --out clean/
  decruft schedule --cron "*/5 * * * * *" --max-runs 2 -- --version     # try it out: two runs, 5 s apart`,
    )
    .action(async (args: string[], options: ScheduleCommandOptions) => {
      await runSchedule({
        cron: options.cron,
        args,
        logger: dependencies.logger ?? createLogger(options.logLevel),
        signals: dependencies.signals ?? process,
        program: dependencies.program ?? [process.execPath, DECRUFT_BIN],
        stdio: dependencies.stdio ?? ['ignore', 'inherit', 'inherit'],
        ...(options.timezone !== undefined ? { timezone: options.timezone } : {}),
        ...(options.runNow ? { runNow: true } : {}),
        ...(options.maxRuns !== undefined ? { maxRuns: options.maxRuns } : {}),
      })
    })
}
