/** Who holds the state lock: the content of `<state>.lock` (and of a takeover claim). */
export interface LockHolder {
  readonly pid: number
  readonly hostname: string
  /** When the holder took the lock, ISO 8601 UTC. */
  readonly startedAt: string
  readonly runId?: string
}

/** The holder for messages: `pid 123 on host h since 2026-11-22T03:00:00.000Z (run R)`. */
export function describeLockHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on host ${holder.hostname} since ${holder.startedAt}${holder.runId === undefined ? '' : ` (run ${holder.runId})`}`
}
