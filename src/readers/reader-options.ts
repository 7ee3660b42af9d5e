import { UsageError } from '../core/errors.js'

/** Limits that keep one hostile input from exhausting memory. */
export interface ReaderOptions {
  /**
   * Largest document a reader accepts, in bytes: a text/HTML file (after gunzip) or one JSONL line.
   * Bigger inputs become `E_TOO_LARGE` error documents.
   */
  readonly maxDocumentBytes: number
}

/** Default `maxDocumentBytes`: 50 MiB, far above any real page, far below a memory problem. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

/** Fills in defaults and rejects impossible limits, so readers can trust their options. */
export function resolveReaderOptions(options: Partial<ReaderOptions> = {}): ReaderOptions {
  const maxDocumentBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES
  if (!Number.isSafeInteger(maxDocumentBytes) || maxDocumentBytes <= 0) {
    throw new UsageError(`maxDocumentBytes: expected a positive integer, got ${String(maxDocumentBytes)}`)
  }
  return { maxDocumentBytes }
}
