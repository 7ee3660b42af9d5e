import PQueue from 'p-queue'
import type { Document } from '../core/document.js'

/** What the local executor needs: documents in, the per-document work, and where results go. */
export interface LocalExecution<Result = Document> {
  readonly documents: AsyncIterable<Document>
  readonly processDocument: (doc: Document) => Result | Promise<Result>
  /** Receives the result of every document exactly once, in input order. */
  readonly onResult: (result: Result) => Promise<void>
  /** Documents processed at once; also bounds how many wait in memory (back-pressure). */
  readonly concurrency: number
}

/**
 * The one place that knows about concurrency: a p-queue runs the per-document work, at most
 * `concurrency` at a time, and reading pauses while a window of twice that many results waits
 * to be written. Results are handed on in input order, so output never depends on timing.
 */
export async function runLocal<Result = Document>(execution: LocalExecution<Result>): Promise<void> {
  const queue = new PQueue({ concurrency: execution.concurrency })
  const window: Promise<Result>[] = []
  const maxWaiting = execution.concurrency * 2
  for await (const doc of execution.documents) {
    window.push(queue.add(async () => await execution.processDocument(doc)))
    while (window.length >= maxWaiting) await execution.onResult(await (window.shift() as Promise<Result>))
  }
  while (window.length > 0) await execution.onResult(await (window.shift() as Promise<Result>))
}
