import { createDocument, type Document, type DocumentIssue, type DocumentSource } from '../core/document.js'

/** Where a JSONL record sits: the file (relative to its input root) and the 1-based line. */
export interface JsonlLocation {
  readonly file: string
  readonly line: number
}

/**
 * A document that stands for input that could not be read: empty `raw`, one error issue.
 * Readers yield it instead of throwing, so a bad file or line is reported rather than lost.
 */
export function errorDocument(id: string, source: DocumentSource, issue: DocumentIssue): Document {
  return createDocument({ id, source, raw: '', issues: [issue] })
}

/**
 * The error document for one bad JSONL line: id `<file>#L<line>` unless the record's own id was
 * readable, `source.file` and `source.line` set, and any warnings found earlier on that line kept.
 */
export function lineErrorDocument(
  at: JsonlLocation,
  issue: DocumentIssue,
  context: { id?: string; format?: DocumentSource['format']; earlierIssues?: readonly DocumentIssue[] } = {},
): Document {
  return createDocument({
    id: context.id ?? `${at.file}#L${at.line}`,
    source: { file: at.file, line: at.line, format: context.format ?? 'text' },
    raw: '',
    issues: [...(context.earlierIssues ?? []), issue],
  })
}
