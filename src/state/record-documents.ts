import type { RunState } from './open-run-state.js'
import { requireRunningRun } from './require-running-run.js'

/** What became of a document: in the dataset, rejected (error or filter), or dropped as a duplicate. */
export type DocumentOutcome = 'written' | 'rejected' | 'duplicate'

/** One document a run saw, by the digest of its content. */
export interface DocumentRow {
  /** Digest of the content, computed the same way in every run (e.g. sha256 hex of the raw record). */
  readonly contentHash: string
  readonly docId: string
  readonly outcome: DocumentOutcome
  /** The rejection or drop code; omitted or null when written. */
  readonly code?: string | null
}

const OUTCOMES: ReadonlySet<string> = new Set(['written', 'rejected', 'duplicate'])

/**
 * Records the documents a running run saw, all in one transaction (a batch commits whole or not
 * at all, and one fsync serves the batch). A content seen twice in the run keeps one row: a
 * `written` outcome replaces another, otherwise the first stays. They count as seen only once
 * the run succeeds. Returns how many rows were given.
 */
export function recordDocuments(state: RunState, runId: string, rows: Iterable<DocumentRow>): number {
  const insert = state.db.prepare(
    `INSERT INTO documents (content_hash, run_id, doc_id, outcome, code) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (content_hash, run_id) DO UPDATE SET doc_id = excluded.doc_id, outcome = excluded.outcome, code = excluded.code
     WHERE excluded.outcome = 'written' AND documents.outcome <> 'written'`,
  )
  const record = state.db.transaction(() => {
    requireRunningRun(state, runId, 'documents')
    let count = 0
    for (const row of rows) {
      if (typeof row.contentHash !== 'string' || row.contentHash.length === 0) throw new TypeError(`recordDocuments: document ${row.docId} has no content hash`)
      if (!OUTCOMES.has(row.outcome)) throw new TypeError(`recordDocuments: document ${row.docId} has outcome ${String(row.outcome)}`)
      insert.run(row.contentHash, runId, row.docId, row.outcome, row.code ?? null)
      count++
    }
    return count
  })
  return record.immediate()
}
