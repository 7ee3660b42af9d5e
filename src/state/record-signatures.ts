import type { DuplicateEntry } from '../corpus/duplicate-entry.js'
import { hashesToBytes } from '../corpus/signature-bytes.js'
import { SIGNATURE_SCHEME } from '../corpus/signature-json.js'
import type { RunState } from './open-run-state.js'
import { requireRunningRun } from './require-running-run.js'

const EXACT_KEY = /^[0-9a-f]{64}$/

/**
 * Records the duplicate-detection entries of the documents a running run kept, in one
 * transaction; they become published signatures (`publishedSignatures`) when the run succeeds,
 * so a failed run never makes later runs drop documents it did not publish. An entry recorded
 * again for the same run and id replaces the earlier one. Returns how many entries were given.
 */
export function recordSignatures(state: RunState, runId: string, entries: Iterable<DuplicateEntry>): number {
  const insert = state.db.prepare(
    `INSERT OR REPLACE INTO signatures (run_id, doc_id, chars, exact_key, signature, shingles, shingle_words, scheme)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const record = state.db.transaction(() => {
    requireRunningRun(state, runId, 'signatures')
    let count = 0
    for (const entry of entries) {
      if (typeof entry.id !== 'string' || entry.id.length === 0) throw new TypeError('recordSignatures: an entry has an empty id')
      if (!Number.isInteger(entry.chars) || entry.chars < 0) throw new TypeError(`recordSignatures: entry ${entry.id}: chars must be a non-negative integer`)
      if (!EXACT_KEY.test(entry.exactKey)) throw new TypeError(`recordSignatures: entry ${entry.id}: exactKey must be 64 hex digits`)
      if (entry.signature.hashes.length === 0) throw new TypeError(`recordSignatures: entry ${entry.id}: the signature has no hashes`)
      const { hashes, shingles, shingleWords } = entry.signature
      insert.run(runId, entry.id, entry.chars, entry.exactKey, hashesToBytes(hashes), shingles, shingleWords, SIGNATURE_SCHEME)
      count++
    }
    return count
  })
  return record.immediate()
}
