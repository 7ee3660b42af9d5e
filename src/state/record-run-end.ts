import type { ComparableRun } from '../report/compare-runs.js'
import type { ManifestCounts } from '../writers/manifest.js'
import type { RunState } from './open-run-state.js'
import { findRun, type RunRecord, type RunStatus } from './run-record.js'
import { RunStateError } from './run-state-error.js'

/** How a run ended: its final status and, when it has them, its counts and comparable figures. */
export interface RunEnd {
  readonly status: Exclude<RunStatus, 'running'>
  readonly counts?: ManifestCounts | null
  readonly report?: ComparableRun | null
  readonly finishedAt?: Date
}

/**
 * Records how a run ended. `succeeded` is the commit point of a run's history: only then do its
 * documents count as seen (`isContentSeen`) and its signatures as published, so record it after
 * the dataset and manifest are written. Only a `running` run can end: ending it twice, or a run
 * the next run already marked interrupted, is a RunStateError.
 */
export function recordRunEnd(state: RunState, runId: string, end: RunEnd): RunRecord {
  const changed = state.db
    .prepare(`UPDATE runs SET status = ?, finished_at = ?, counts = ?, report = ? WHERE id = ? AND status = 'running'`)
    .run(
      end.status,
      (end.finishedAt ?? new Date()).toISOString(),
      end.counts == null ? null : JSON.stringify(end.counts),
      end.report == null ? null : JSON.stringify(end.report),
      runId,
    ).changes
  if (changed === 0) {
    const run = findRun(state, runId)
    throw new RunStateError(state.path, run ? `run ${runId} already ended (${run.status}); it cannot end again` : `run ${runId} is not recorded; it cannot end`)
  }
  return findRun(state, runId) as RunRecord
}
