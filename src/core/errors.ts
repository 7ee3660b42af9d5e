/** One problem found in configuration: which file, where in it, and what is wrong. */
export interface ConfigProblem {
  readonly file: string
  /** 1-based line in the file where the offending value starts, when known. */
  readonly line?: number
  /** Rule id or dotted path of the offending field, when known. */
  readonly where?: string
  readonly message: string
}

/** Bad configuration: the run stops before reading any input (exit code 2). */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[]
  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'))
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/** Bad command-line usage (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Output could not be written; the run stops (exit code 1). */
export class OutputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'OutputError'
  }
}

/** Formats a config problem as `file: where: message` for humans. */
export function formatProblem(p: ConfigProblem): string {
  const at = p.line !== undefined ? `${p.file}:${p.line}` : p.file
  return p.where ? `${at}: ${p.where}: ${p.message}` : `${at}: ${p.message}`
}

/** Exit codes a scheduler can act on. */
export const ExitCode = {
  ok: 0,
  fatalIo: 1,
  /** `decruft rules test`: some rule example failed (same number as fatalIo: "the job did not succeed"). */
  examplesFailed: 1,
  badUsageOrConfig: 2,
  completedWithErrors: 3,
  /** Another run holds the state lock; nothing was read or written. */
  stateLocked: 4,
} as const
