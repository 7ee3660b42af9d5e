import type { RunState } from './open-run-state.js'
import { RUN_COLUMNS, runFromRow, type RunRecord } from './run-record.js'

/** The latest `limit` runs, newest first, whatever their status (for `decruft runs` and operators). */
export function listRuns(state: RunState, limit = 20): RunRecord[] {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`listRuns: limit must be a non-negative integer, not ${limit}`)
  return state.db
    .prepare(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY started_at DESC, id DESC LIMIT ?`)
    .all(limit)
    .map((row) => runFromRow(state, row))
}
