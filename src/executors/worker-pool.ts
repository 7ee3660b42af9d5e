import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import type { LoadedConfig } from '../config/load-config.js'
import { withChanges, type Document } from '../core/document.js'
import type { LearnedSite } from '../corpus/learn-repeated-blocks.js'
import { pooledCopy } from '../corpus/min-hash.js'
import { withSignatureHashes, type CleanedDocument, type DuplicateEntryOptions } from './cleaned-document.js'
import type { PipelineWorkerData } from './pipeline-worker-data.js'

/** Cleans documents on worker threads; `close` ends the threads. */
export interface WorkerPool {
  processDocument(doc: Document): Promise<CleanedDocument>
  close(): Promise<void>
}

/**
 * Input bytes from which "auto" starts worker threads. Each thread loads the configuration and
 * the language and block models (about half a second and 120 MB); below this a batch is
 * cleaned sooner on the main thread.
 */
export const AUTO_WORKERS_MIN_BYTES = 8 * 1024 * 1024

/** The number of worker threads a `workers` setting means for a batch: "auto" is one per core, or 0 for a small batch. */
export function resolveWorkerCount(setting: number | 'auto', batchBytes: number): number {
  if (setting !== 'auto') return setting
  return batchBytes >= AUTO_WORKERS_MIN_BYTES ? availableParallelism() : 0
}

/**
 * The compiled worker entry. Next to this file in dist/; when this file runs from the
 * TypeScript sources (the tests), the build of the same sources, which `npm test` makes first.
 */
function workerEntry(): string {
  for (const candidate of ['./pipeline-worker.js', '../../dist/executors/pipeline-worker.js']) {
    const url = new URL(candidate, import.meta.url)
    if (existsSync(fileURLToPath(url))) return url.href
  }
  throw new Error('dist/executors/pipeline-worker.js is missing: run `npm run build`')
}

/**
 * Starts `workers` threads that each load the run's configuration and clean documents with
 * the same pipeline as the main thread (piscina). A document still running after
 * `limits.maxDocumentMs` is stopped by ending its thread (piscina replaces it) and comes back
 * rejected with `E_TIME_BUDGET`; a thread that dies under a document (its heap over
 * `limits.maxWorkerHeapMiB`) costs that document, as `E_WORKER_FAILED`. The pool is ready when it resolves: a worker that cannot start
 * (its configuration changed on disk) fails here, before any document is sent.
 */
export async function openWorkerPool(
  config: LoadedConfig,
  workers: number,
  learned?: readonly LearnedSite[],
  duplicates?: DuplicateEntryOptions,
): Promise<WorkerPool> {
  const data: PipelineWorkerData = {
    configFile: config.file,
    loadOptions: config.loadOptions,
    configHash: config.hash,
    ...(learned ? { learned } : {}),
    ...(duplicates ? { duplicates } : {}),
  }
  const pool = new Piscina({
    filename: workerEntry(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Infinity,
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: config.pipeline.limits.maxWorkerHeapMiB },
  })
  try {
    await pool.run(null)
  } catch (error) {
    await pool.destroy()
    throw error
  }
  const budgetMs = config.pipeline.limits.maxDocumentMs
  return {
    async processDocument(doc) {
      try {
        const cleaned = (await pool.run(doc, { signal: AbortSignal.timeout(budgetMs) })) as CleanedDocument
        return withSignatureHashes(cleaned, pooledCopy)
      } catch (error) {
        const aborted = error instanceof Error && error.name === 'AbortError'
        const message = aborted
          ? `still running after limits.maxDocumentMs (${budgetMs} ms); its worker thread was stopped`
          : `its worker thread failed: ${error instanceof Error ? error.message : String(error)}`
        return { doc: withChanges(doc, { issues: [...doc.issues, { stage: 'segment', code: aborted ? 'E_TIME_BUDGET' : 'E_WORKER_FAILED', severity: 'error', message }] }) }
      }
    },
    close: () => pool.destroy(),
  }
}
