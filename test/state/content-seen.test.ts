import { describe, expect, it } from 'vitest'
import { isContentSeen, seenContentHashes } from '../../src/state/is-content-seen.js'
import { markRunsInterrupted } from '../../src/state/mark-runs-interrupted.js'
import { recordDocuments, type DocumentRow } from '../../src/state/record-documents.js'
import { recordRunEnd } from '../../src/state/record-run-end.js'
import { startRun, withFreshState } from './state-fixtures.js'

const row = (contentHash: string, docId: string, outcome: DocumentRow['outcome'] = 'written', code?: string): DocumentRow => ({ contentHash, docId, outcome, ...(code ? { code } : {}) })

describe('content seen by earlier runs', () => {
  it('counts only succeeded runs: failed, interrupted and running ones never did publish', () => {
    withFreshState((state) => {
      startRun(state, 'failed', 1)
      expect(recordDocuments(state, 'failed', [row('h-failed', 'd1')])).toBe(1)
      recordRunEnd(state, 'failed', { status: 'failed' })
      startRun(state, 'dead', 2)
      recordDocuments(state, 'dead', [row('h-dead', 'd2')])
      markRunsInterrupted(state)
      startRun(state, 'ok', 3)
      recordDocuments(state, 'ok', [row('h-ok', 'd3'), row('h-rejected', 'd4', 'rejected', 'Q_TOO_SHORT'), row('h-failed', 'd5')])
      startRun(state, 'now', 4)
      recordDocuments(state, 'now', [row('h-now', 'd6')])

      // Before `ok` succeeds, nothing counts.
      expect(isContentSeen(state, 'h-ok')).toBe(false)
      recordRunEnd(state, 'ok', { status: 'succeeded' })
      expect(isContentSeen(state, 'h-ok')).toBe(true)
      expect(isContentSeen(state, 'h-rejected')).toBe(true)
      expect(isContentSeen(state, 'h-failed')).toBe(true) // seen again by the succeeded run
      expect(isContentSeen(state, 'h-dead')).toBe(false)
      expect(isContentSeen(state, 'h-now')).toBe(false)
      expect(isContentSeen(state, 'h-never')).toBe(false)
      expect(seenContentHashes(state, ['h-now', 'h-ok', 'h-dead', 'h-failed', 'h-ok', 'h-never'])).toEqual(new Set(['h-ok', 'h-failed']))
      expect(seenContentHashes(state, [])).toEqual(new Set())
    })
  })

  it('is one indexed lookup on the documents primary key', () => {
    withFreshState((state) => {
      const plan = state.db
        .prepare(`EXPLAIN QUERY PLAN SELECT 1 FROM documents AS d JOIN runs AS r ON r.id = d.run_id WHERE d.content_hash = ? AND r.status = 'succeeded' LIMIT 1`)
        .all('x') as { detail: string }[]
      const details = plan.map((p) => p.detail)
      expect(details.some((d) => /SEARCH d USING PRIMARY KEY \(content_hash=\?/.test(d))).toBe(true)
      expect(details.some((d) => /SCAN/.test(d))).toBe(false)
    })
  })

  it('keeps one row per content and run, preferring the written outcome', () => {
    withFreshState((state) => {
      startRun(state, 'r1', 1)
      recordDocuments(state, 'r1', [row('same', 'a', 'duplicate', 'D_EXACT'), row('same', 'b', 'written'), row('same', 'c', 'rejected', 'Q_X'), row('other', 'd', 'rejected', 'Q_Y'), row('other', 'e', 'duplicate', 'D_EXACT')])
      expect(state.db.prepare('SELECT content_hash, doc_id, outcome, code FROM documents ORDER BY content_hash').all()).toEqual([
        { content_hash: 'other', doc_id: 'd', outcome: 'rejected', code: 'Q_Y' },
        { content_hash: 'same', doc_id: 'b', outcome: 'written', code: null },
      ])
    })
  })

  it('records a batch whole or not at all, and only for a running run', () => {
    withFreshState((state) => {
      startRun(state, 'r1', 1)
      const bad = { contentHash: 'h2', docId: 'd2', outcome: 'lost' } as unknown as DocumentRow
      expect(() => recordDocuments(state, 'r1', [row('h1', 'd1'), bad])).toThrow(/outcome lost/)
      expect(state.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(0)
      expect(() => recordDocuments(state, 'r1', [row('', 'd1')])).toThrow(/no content hash/)
      expect(() => recordDocuments(state, 'nope', [row('h1', 'd1')])).toThrow(/no such run/)
      recordRunEnd(state, 'r1', { status: 'succeeded' })
      expect(() => recordDocuments(state, 'r1', [row('h1', 'd1')])).toThrow(/the run is succeeded, not running/)
      expect(isContentSeen(state, 'h1')).toBe(false)
    })
  })
})
