import type { FileInfo } from '../writers/atomic-file-writer.js'
import { parseJsonColumn } from './json-column.js'
import type { RunState } from './open-run-state.js'

/** A finished shard of a run and the files it wrote. */
export interface DoneShard {
  readonly shard: number
  readonly files: readonly FileInfo[]
}

/** The shards of a run marked done, by shard number, so resuming the run redoes only the rest. */
export function doneShards(state: RunState, runId: string): DoneShard[] {
  const rows = state.db.prepare(`SELECT shard, files FROM shards WHERE run_id = ? AND status = 'done' ORDER BY shard`).all(runId) as { shard: number; files: string }[]
  return rows.map((row) => ({ shard: row.shard, files: parseJsonColumn(state, row.files, `shards.files of run ${runId}, shard ${row.shard}`) as FileInfo[] }))
}
