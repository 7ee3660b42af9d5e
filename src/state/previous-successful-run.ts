import type { RunState } from './open-run-state.js'
import { findRun, RUN_COLUMNS, runFromRow, type RunRecord } from './run-record.js'
import { RunStateError } from './run-state-error.js'

/**
 * The latest succeeded run, the one a run compares its figures with; with `beforeRunId`, the
 * latest that started before that run (by start time, then id). Undefined when there is none.
 * An unknown `beforeRunId` is a RunStateError rather than a silent "none".
 */
export function previousSuccessfulRun(state: RunState, beforeRunId?: string): RunRecord | undefined {
  if (beforeRunId === undefined) {
    const row = state.db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE status = 'succeeded' ORDER BY started_at DESC, id DESC LIMIT 1`).get()
    return row === undefined ? undefined : runFromRow(state, row)
  }
  const before = findRun(state, beforeRunId)
  if (!before) throw new RunStateError(state.path, `run ${beforeRunId} is not recorded`)
  const row = state.db
    .prepare(
      `SELECT ${RUN_COLUMNS} FROM runs
       WHERE status = 'succeeded' AND (started_at < @startedAt OR (started_at = @startedAt AND id < @id))
       ORDER BY started_at DESC, id DESC LIMIT 1`,
    )
    .get({ startedAt: before.startedAt, id: before.id })
  return row === undefined ? undefined : runFromRow(state, row)
}
