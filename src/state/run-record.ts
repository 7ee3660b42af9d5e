import type { ComparableRun } from '../report/compare-runs.js'
import type { ManifestCounts } from '../writers/manifest.js'
import { parseJsonColumn } from './json-column.js'
import type { RunState } from './open-run-state.js'

/** How a run stands: still running, finished well, stopped by an error, or left running by a dead process. */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted'

/** One run as the state remembers it (times are ISO 8601 UTC strings). */
export interface RunRecord {
  readonly id: string
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly status: RunStatus
  readonly configHash: string
  readonly ruleSetHash: string
  readonly inputs: readonly string[]
  readonly outDir: string
  /** The manifest's counts, once the run ended with them. */
  readonly counts: ManifestCounts | null
  /** The report's comparable figures, once the run ended with them. */
  readonly report: ComparableRun | null
}

/** The columns of `runs` in the order `runFromRow` reads them. */
export const RUN_COLUMNS = 'id, started_at, finished_at, status, config_hash, rule_set_hash, inputs, out_dir, counts, report'

interface RunRow {
  id: string
  started_at: string
  finished_at: string | null
  status: RunStatus
  config_hash: string
  rule_set_hash: string
  inputs: string
  out_dir: string
  counts: string | null
  report: string | null
}

/** A `runs` row (selected with `RUN_COLUMNS`) as a RunRecord; damaged JSON is a RunStateError. */
export function runFromRow(state: RunState, row: unknown): RunRecord {
  const r = row as RunRow
  const json = (text: string | null, column: string): unknown => (text === null ? null : parseJsonColumn(state, text, `runs.${column} of run ${r.id}`))
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    configHash: r.config_hash,
    ruleSetHash: r.rule_set_hash,
    inputs: json(r.inputs, 'inputs') as string[],
    outDir: r.out_dir,
    counts: json(r.counts, 'counts') as ManifestCounts | null,
    report: json(r.report, 'report') as ComparableRun | null,
  }
}

/** The run with this id, or undefined. */
export function findRun(state: RunState, runId: string): RunRecord | undefined {
  const row = state.db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`).get(runId)
  return row === undefined ? undefined : runFromRow(state, row)
}
