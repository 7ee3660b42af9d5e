import type { LockHolder } from './lock-holder.js'

/**
 * Another run holds the state lock (or is taking it over): nothing was read or written, and the
 * CLI exits with code 4 (`ExitCode.stateLocked`). The message names the holder and the lock file.
 */
export class StateLockedError extends Error {
  /** The lock file, `<state>.lock`. */
  readonly lockPath: string
  /** The holder as its lock file says, or undefined when the file is unreadable. */
  readonly holder: LockHolder | undefined
  constructor(lockPath: string, holder: LockHolder | undefined, message: string) {
    super(message)
    this.name = 'StateLockedError'
    this.lockPath = lockPath
    this.holder = holder
  }
}
