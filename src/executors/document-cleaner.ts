import type { LoadedConfig } from '../config/load-config.js'
import type { Document } from '../core/document.js'
import { createPipeline } from '../core/pipeline.js'
import type { LearnedSite } from '../corpus/learn-repeated-blocks.js'
import { withLearnedRules } from '../corpus/learn-site-furniture.js'
import { withDuplicateEntry, type CleanedDocument, type DuplicateEntryOptions } from './cleaned-document.js'
import { openWorkerPool } from './worker-pool.js'

/** The per-document work of a run and how many documents it takes at once. */
export interface DocumentCleaner {
  processDocument(doc: Document): CleanedDocument | Promise<CleanedDocument>
  /** Documents to keep in flight: one per worker thread, or `concurrency` on the main thread. */
  readonly inFlight: number
  close(): Promise<void>
}

/** Where the run's documents are cleaned. */
export interface CleanerOptions {
  /** Worker threads; 0 cleans on the main thread. */
  readonly workers: number
  /** Documents in flight on the main thread (with workers: one per worker). */
  readonly concurrency: number
  /** Repeated blocks learned from the batch, added to the rules. */
  readonly learned?: readonly LearnedSite[]
  /** With the duplicates pass on: how to compute the duplicate entry of each kept document. */
  readonly duplicates?: DuplicateEntryOptions
}

/**
 * The run's one pipeline, on worker threads (one document each at a time, so each document's
 * time budget starts when its work does) or, with 0 workers, on the main thread.
 */
export async function openDocumentCleaner(config: LoadedConfig, options: CleanerOptions): Promise<DocumentCleaner> {
  if (options.workers === 0) {
    const pipeline = createPipeline(withLearnedRules(config, options.learned))
    return { processDocument: (doc) => withDuplicateEntry(pipeline.processDocument(doc), options.duplicates), inFlight: options.concurrency, close: async () => {} }
  }
  const pool = await openWorkerPool(config, options.workers, options.learned, options.duplicates)
  return { processDocument: (doc) => pool.processDocument(doc), inFlight: options.workers, close: () => pool.close() }
}
