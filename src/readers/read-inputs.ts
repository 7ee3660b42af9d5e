import type { Document } from '../core/document.js'
import { listInputFiles, type InputListing, type ListedFile } from './list-input-files.js'
import { readFileDocument } from './read-file-document.js'
import { readJsonlFile } from './read-jsonl-file.js'
import { resolveReaderOptions, type ReaderOptions } from './reader-options.js'

/** A batch of input: what will be read, what was skipped and why, and the documents themselves. */
export interface InputBatch extends InputListing {
  /** Documents in deterministic order: files in listing order, JSONL records in line order. */
  readonly documents: AsyncIterable<Document>
}

async function* readListedFiles(files: readonly ListedFile[], options: ReaderOptions): AsyncGenerator<Document> {
  for (const file of files) {
    if (file.kind === 'jsonl') yield* readJsonlFile(file, options)
    else yield await readFileDocument(file, options)
  }
}

/**
 * Reads input paths (files or folders) into one ordered stream of Documents. Options and the
 * listing are checked up front, so bad limits or a missing path fail (UsageError) before any
 * document is read; after that, bad files and lines become error documents and the stream goes on.
 */
export async function readInputs(paths: readonly string[], options?: Partial<ReaderOptions>): Promise<InputBatch> {
  const resolved = resolveReaderOptions(options)
  const listing = await listInputFiles(paths)
  return { ...listing, documents: readListedFiles(listing.files, resolved) }
}
