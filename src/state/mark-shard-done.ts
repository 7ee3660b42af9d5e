import type { FileInfo } from '../writers/atomic-file-writer.js'
import type { RunState } from './open-run-state.js'
import { requireRunningRun } from './require-running-run.js'

/**
 * Records that a shard of a running run is complete, with the files it wrote, so a resumed run
 * skips it (`doneShards`). Recording the same shard again replaces its files.
 */
export function markShardDone(state: RunState, runId: string, shard: number, files: readonly FileInfo[]): void {
  if (!Number.isInteger(shard) || shard < 0) throw new RangeError(`markShardDone: shard must be a non-negative integer, not ${shard}`)
  state.db.transaction(() => {
    requireRunningRun(state, runId, `shard ${shard}`)
    state.db
      .prepare(`INSERT OR REPLACE INTO shards (run_id, shard, status, files) VALUES (?, ?, 'done', ?)`)
      .run(runId, shard, JSON.stringify(files))
  }).immediate()
}
