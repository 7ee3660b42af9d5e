import type { LoadedConfig } from '../config/load-config.js'
import { UsageError } from '../core/errors.js'

/** Limits that keep one hostile input from exhausting memory. */
export interface ReaderOptions {
  /**
   * Largest document a reader accepts, in bytes: a text/HTML file (after gunzip) or one JSONL line.
   * Bigger inputs become `E_TOO_LARGE` error documents.
   */
  readonly maxDocumentBytes: number
  /**
   * How many times its size on disk a `.jsonl.gz` file may inflate to (never less than
   * MIN_INFLATION_CAP_BYTES); past it reading stops with `E_DECOMPRESS_LIMIT`, a likely gzip bomb.
   */
  readonly maxGzipRatio: number
}

/** Default `maxGzipRatio`: text and HTML compress 3 to 20 times; a gzip bomb a thousand times. */
export const DEFAULT_MAX_GZIP_RATIO = 200

/** Inflated bytes every `.jsonl.gz` may reach whatever its ratio, so small files of repetitive text pass. */
export const MIN_INFLATION_CAP_BYTES = 64 * 1024 * 1024

/** Default `maxDocumentBytes`: 50 MiB, far above any real page, far below a memory problem. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

/** Fills in defaults and rejects impossible limits, so readers can trust their options. */
export function resolveReaderOptions(options: Partial<ReaderOptions> = {}): ReaderOptions {
  const maxDocumentBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES
  const maxGzipRatio = options.maxGzipRatio ?? DEFAULT_MAX_GZIP_RATIO
  for (const [name, value] of [['maxDocumentBytes', maxDocumentBytes], ['maxGzipRatio', maxGzipRatio]] as const) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new UsageError(`${name}: expected a positive integer, got ${String(value)}`)
  }
  return { maxDocumentBytes, maxGzipRatio }
}

/** The readers' limits from a loaded configuration's `limits`. */
export function readerOptionsOf(config: Pick<LoadedConfig, 'pipeline'>): ReaderOptions {
  const { maxDocumentBytes, maxGzipRatio } = config.pipeline.limits
  return { maxDocumentBytes, maxGzipRatio }
}
