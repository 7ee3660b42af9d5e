import type { Logger } from 'pino'
import type { ComparableRun } from '../report/compare-runs.js'
import { markRunsInterrupted } from '../state/mark-runs-interrupted.js'
import { openRunState, type RunState } from '../state/open-run-state.js'
import { previousSuccessfulRun } from '../state/previous-successful-run.js'
import { recordRunEnd } from '../state/record-run-end.js'
import { recordRunStart } from '../state/record-run-start.js'
import { findRun, type RunRecord } from '../state/run-record.js'
import { acquireStateLock, type StateLock } from '../state/state-lock.js'
import type { ManifestCounts } from '../writers/manifest.js'

/** A run's hold on its state: the lock, the open database, and the previous successful run. */
export interface StateSession {
  readonly state: RunState
  /** The last run that succeeded before this one, to compare with and to learn from. */
  readonly previous: RunRecord | undefined
  /** Runs a dead process left `running`, now recorded as interrupted (oldest first). */
  readonly interrupted: readonly RunRecord[]
  /** Records the run as succeeded (the commit point of its history), then closes and unlocks. */
  succeed(counts: ManifestCounts, report: ComparableRun): void
  /** Records the run as failed, then closes and unlocks; never throws (the run's own error matters more). */
  fail(): void
}

/** What a run tells its state when it starts. */
export interface StateSessionStart {
  readonly statePath: string
  readonly runId: string
  readonly startedAt: Date
  readonly configHash: string
  readonly ruleSetHash: string
  readonly inputs: readonly string[]
  readonly outDir: string
  readonly logger: Logger
}

/**
 * Opens a run's state: takes the lock first (a second run on the same state gets
 * StateLockedError, exit code 4, before it reads anything), opens the database, marks runs a
 * dead process left `running` as interrupted, and records this run's start.
 */
export function openStateSession(start: StateSessionStart): StateSession {
  const lock: StateLock = acquireStateLock(start.statePath, { runId: start.runId })
  if (lock.tookOver) start.logger.warn({ event: 'state-lock-taken-over', lock: lock.path, deadHolder: lock.tookOver.holder }, 'took over the lock of a run that is no longer alive')
  let state: RunState
  let interrupted: string[]
  try {
    state = openRunState(start.statePath)
    interrupted = markRunsInterrupted(state)
    if (interrupted.length > 0) start.logger.warn({ event: 'runs-interrupted', runs: interrupted }, 'earlier runs died before they finished')
  } catch (error) {
    lock.release()
    throw error
  }
  const previous = previousSuccessfulRun(state)
  recordRunStart(state, {
    id: start.runId,
    startedAt: start.startedAt,
    configHash: start.configHash,
    ruleSetHash: start.ruleSetHash,
    inputs: start.inputs,
    outDir: start.outDir,
  })
  const close = (): void => {
    state.close()
    lock.release()
  }
  return {
    state,
    previous,
    interrupted: interrupted.flatMap((id) => findRun(state, id) ?? []),
    succeed(counts, report) {
      try {
        recordRunEnd(state, start.runId, { status: 'succeeded', counts, report })
      } finally {
        close()
      }
    },
    fail() {
      try {
        recordRunEnd(state, start.runId, { status: 'failed' })
      } catch (error) {
        start.logger.error({ event: 'state-error', error: (error as Error).message }, 'could not record the failed run')
      } finally {
        close()
      }
    },
  }
}
