import type { DocumentIssue } from '../core/document.js'

/** Stage name that every reader issue carries, so reports can tell input problems apart. */
export const READ_STAGE = 'read'

/** An error found while reading input: the document goes to the rejects file, with this reason. */
export function readError(code: string, message: string): DocumentIssue {
  return { stage: READ_STAGE, code, message, severity: 'error' }
}

/** A warning found while reading input: the document flows on, flagged for the report. */
export function readWarning(code: string, message: string): DocumentIssue {
  return { stage: READ_STAGE, code, message, severity: 'warning' }
}
