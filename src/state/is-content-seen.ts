import { cachedStatement } from './cached-statement.js'
import type { RunState } from './open-run-state.js'

/**
 * One indexed lookup: the prefix of documents' primary key (content_hash, run_id), then each
 * matching run by its key. Failed, interrupted and running runs do not count.
 */
const SEEN = `SELECT 1 FROM documents AS d JOIN runs AS r ON r.id = d.run_id
  WHERE d.content_hash = ? AND r.status = 'succeeded' LIMIT 1`

/**
 * Whether a succeeded run already saw this content, so a nightly run can tell new pages from
 * ones published before. Runs that failed, were interrupted or are still running do not count:
 * their output was never published.
 */
export function isContentSeen(state: RunState, contentHash: string): boolean {
  return cachedStatement(state, SEEN).get(contentHash) !== undefined
}

/** The hashes among `contentHashes` that a succeeded run already saw (`isContentSeen` for a batch, in one read transaction). */
export function seenContentHashes(state: RunState, contentHashes: Iterable<string>): Set<string> {
  const seen = new Set<string>()
  const statement = cachedStatement(state, SEEN)
  state.db.transaction(() => {
    for (const hash of contentHashes) if (!seen.has(hash) && statement.get(hash) !== undefined) seen.add(hash)
  })()
  return seen
}
