import type { RunState } from './open-run-state.js'
import { RunStateError } from './run-state-error.js'

/**
 * Checks that `runId` is a run still `running` before something is recorded for it: a finished
 * run's history must not change afterwards (what a succeeded run published is settled).
 */
export function requireRunningRun(state: RunState, runId: string, what: string): void {
  const status = state.db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId) as string | undefined
  if (status === undefined) throw new RunStateError(state.path, `cannot record ${what} for run ${runId}: no such run (record its start first)`)
  if (status !== 'running') throw new RunStateError(state.path, `cannot record ${what} for run ${runId}: the run is ${status}, not running`)
}
