import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { Command } from 'commander'
import { UsageError } from '../core/errors.js'
import { listRuns } from '../state/list-runs.js'
import { openRunState } from '../state/open-run-state.js'
import type { RunRecord } from '../state/run-record.js'
import { DEFAULT_OUTPUT, defaultStatePath } from './run-command.js'
import { positiveInteger } from './positive-integer-option.js'

interface RunsOptions {
  state?: string
  out?: string
  limit: number
  json?: boolean
}

/** One line of `decruft runs`: when, how long, how it ended, and its counts. */
export function formatRunLine(run: RunRecord): string {
  const seconds = run.finishedAt === null ? null : (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000
  const counts = run.counts === null ? '' : `read ${run.counts.read}, written ${run.counts.written}, rejected ${run.counts.rejected}`
  return [run.id, run.status.padEnd(11), seconds === null ? '      -' : `${seconds.toFixed(1).padStart(6)}s`, `config ${run.configHash.slice(0, 12)}`, counts].join('  ').trimEnd()
}

/** Builds `decruft runs`: the history a run state keeps, newest first. */
export function createRunsCommand(): Command {
  return new Command('runs')
    .description('list the runs a run state remembers, newest first: status, duration, config and counts')
    .option('--state <file>', 'the run state to read (default: OUT/.decruft/state.sqlite)')
    .option('-o, --out <dir>', 'the output folder whose default state to read', DEFAULT_OUTPUT)
    .option('--limit <n>', 'how many runs to show', positiveInteger, 20)
    .option('--json', 'print the runs as a JSON array (with their counts and comparable figures)')
    .addHelpText(
      'after',
      `
Status: running (still going, or its process died and no run has started since),
succeeded (its dataset was published; its documents count as seen for --incremental),
failed (it stopped with an error), interrupted (found dead by a later run).

Examples:
  decruft runs                         # the default job's history (output/.decruft/state.sqlite)
  decruft runs --state state/decruft.sqlite --limit 5`,
    )
    .action((options: RunsOptions) => {
      const path = resolve(options.state ?? defaultStatePath(resolve(options.out ?? DEFAULT_OUTPUT)))
      if (!existsSync(path)) throw new UsageError(`no run state at ${path}: no run has used it yet (decruft run --state ${path} creates it)`)
      const state = openRunState(path)
      try {
        const runs = listRuns(state, options.limit)
        if (options.json === true) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`)
        else process.stdout.write(runs.length === 0 ? `no runs recorded in ${path}\n` : `${runs.map(formatRunLine).join('\n')}\n`)
      } finally {
        state.close()
      }
    })
}
