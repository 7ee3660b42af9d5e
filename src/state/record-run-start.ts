import type { RunState } from './open-run-state.js'
import { findRun, type RunRecord } from './run-record.js'
import { RunStateError } from './run-state-error.js'

/** What is known of a run when it starts. */
export interface RunStart {
  readonly id: string
  readonly startedAt: Date
  readonly configHash: string
  readonly ruleSetHash: string
  readonly inputs: readonly string[]
  readonly outDir: string
}

/**
 * Records that a run started (status `running`), so a run that dies is found by the next one
 * (`markRunsInterrupted`). Call it while holding the state lock. A run id already recorded is a
 * RunStateError: run ids are unique, and a finished run's row must not be overwritten.
 */
export function recordRunStart(state: RunState, start: RunStart): RunRecord {
  const existing = findRun(state, start.id)
  if (existing) throw new RunStateError(state.path, `run ${start.id} is already recorded (status ${existing.status})`)
  state.db
    .prepare(
      `INSERT INTO runs (id, started_at, finished_at, status, config_hash, rule_set_hash, inputs, out_dir, counts, report)
       VALUES (?, ?, NULL, 'running', ?, ?, ?, ?, NULL, NULL)`,
    )
    .run(start.id, start.startedAt.toISOString(), start.configHash, start.ruleSetHash, JSON.stringify(start.inputs), start.outDir)
  return findRun(state, start.id) as RunRecord
}
