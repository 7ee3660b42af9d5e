import { workerData } from 'node:worker_threads'
import { loadConfig } from '../config/load-config.js'
import { createPipeline } from '../core/pipeline.js'
import type { Document } from '../core/document.js'
import { withLearnedRules } from '../corpus/learn-site-furniture.js'
import { standaloneHashes } from '../corpus/min-hash.js'
import { withDuplicateEntry, withSignatureHashes, type CleanedDocument } from './cleaned-document.js'
import type { PipelineWorkerData } from './pipeline-worker-data.js'

const init = workerData as PipelineWorkerData
const config = loadConfig(init.configFile, init.loadOptions)
if (config.hash !== init.configHash) {
  throw new Error(`the configuration ${init.configFile} changed on disk after the run started (hash ${config.hash.slice(0, 12)}, expected ${init.configHash.slice(0, 12)}); run again`)
}
const pipeline = createPipeline(withLearnedRules(config, init.learned))

/**
 * A worker thread of the pool: loads the run's configuration once (rules compiled once per
 * worker), then cleans each document it is sent with the same `processDocument` as the main
 * thread, and computes its duplicate entry here too. `null` is a ping that only proves the
 * worker started.
 */
export default function cleanInWorker(doc: Document | null): CleanedDocument | null {
  if (doc === null) return null
  return withSignatureHashes(withDuplicateEntry(pipeline.processDocument(doc), init.duplicates), standaloneHashes)
}
