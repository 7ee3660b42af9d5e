/**
 * The run state file cannot be used: not a decruft run state, written by a newer decruft,
 * damaged, or asked to do something its history forbids. The message starts with the file.
 */
export class RunStateError extends Error {
  /** The state file the problem is about. */
  readonly path: string
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(`${path}: ${message}`, options)
    this.name = 'RunStateError'
    this.path = path
  }
}
