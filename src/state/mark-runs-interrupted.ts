import type { RunState } from './open-run-state.js'

/**
 * Marks every run still `running` as `interrupted` and returns their ids: once this process
 * holds the state lock, no live process can be running one, so they were left by a process that
 * died (crash, kill, power cut). Call it after `acquireStateLock` and before `recordRunStart`.
 * Their documents and signatures then never count, as for a failed run.
 */
export function markRunsInterrupted(state: RunState, finishedAt: Date = new Date()): string[] {
  const mark = state.db.transaction(() => {
    const ids = state.db.prepare(`SELECT id FROM runs WHERE status = 'running' ORDER BY started_at, id`).pluck().all() as string[]
    state.db.prepare(`UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'`).run(finishedAt.toISOString())
    return ids
  })
  return mark.immediate()
}
