import type { LoadConfigOptions } from '../config/load-config.js'
import type { LearnedSite } from '../corpus/learn-repeated-blocks.js'
import type { DuplicateEntryOptions } from './cleaned-document.js'

/** What a pipeline worker needs to build the run's pipeline: where and how to load the configuration, and what the batch taught. */
export interface PipelineWorkerData {
  readonly configFile: string
  readonly loadOptions: LoadConfigOptions
  /** The main thread's configuration hash: a worker that loads anything else refuses to start. */
  readonly configHash: string
  /** Repeated blocks learned from the batch (corpus pass ①), as plain data. */
  readonly learned?: readonly LearnedSite[]
  /** With the duplicates pass on: how to compute each kept document's duplicate entry. */
  readonly duplicates?: DuplicateEntryOptions
}
