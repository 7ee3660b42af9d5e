import { describe, expect, it } from 'vitest'
import { duplicateEntry } from '../../src/corpus/duplicate-entry.js'
import type { PublishedSignature } from '../../src/corpus/signatures-file.js'
import { publishedSignatures } from '../../src/state/published-signatures.js'
import { recordRunEnd } from '../../src/state/record-run-end.js'
import { recordSignatures } from '../../src/state/record-signatures.js'
import { RunStateError } from '../../src/state/run-state-error.js'
import { startRun, withFreshState } from './state-fixtures.js'

const settings = { shingleWords: 5, permutations: 128 }

describe('signatures in the run state', () => {
  const first = [
    duplicateEntry('b', 'the council voted on the budget for the new bridge over the river'),
    duplicateEntry('a', 'farmers at the market said the winter storm closed the railway station'),
    duplicateEntry('empty', ''),
  ]
  const second = [duplicateEntry('a', 'a different story with the same id published by the next run of the job')]

  it('round-trips entries: what succeeded runs published comes back equal, sorted by id then run', () => {
    withFreshState((state) => {
      startRun(state, 'r1', 1)
      expect(recordSignatures(state, 'r1', first)).toBe(3)
      recordRunEnd(state, 'r1', { status: 'succeeded' })
      startRun(state, 'r2', 2)
      recordSignatures(state, 'r2', [duplicateEntry('lost', 'a document of a run that failed before publishing anything at all')])
      recordRunEnd(state, 'r2', { status: 'failed' })
      startRun(state, 'r3', 3)
      recordSignatures(state, 'r3', second)
      expect(publishedSignatures(state, settings).map((p) => p.run)).toEqual(['r1', 'r1', 'r1'])
      recordRunEnd(state, 'r3', { status: 'succeeded' })

      const expected: PublishedSignature[] = [
        { entry: { ...(first[1] as (typeof first)[number]), published: true }, run: 'r1' },
        { entry: { ...(second[0] as (typeof second)[number]), published: true }, run: 'r3' },
        { entry: { ...(first[0] as (typeof first)[number]), published: true }, run: 'r1' },
        { entry: { ...(first[2] as (typeof first)[number]), published: true }, run: 'r1' },
      ]
      const published = publishedSignatures(state, settings)
      expect(published).toEqual(expected)
      expect(publishedSignatures(state)).toEqual(expected)
      expect(published[0]?.entry.signature.hashes).toBeInstanceOf(Uint32Array)
      expect(published[3]?.entry.signature).toEqual({ hashes: new Uint32Array(128).fill(0xffffffff), shingles: 0, shingleWords: 5 })
    })
  })

  it('stores the 128 hashes as 512 bytes, uint32 little-endian', () => {
    withFreshState((state) => {
      startRun(state, 'r1', 1)
      const entry = first[0] as (typeof first)[number]
      recordSignatures(state, 'r1', [entry])
      const blob = state.db.prepare('SELECT signature FROM signatures').pluck().get() as Buffer
      expect(blob.length).toBe(512)
      for (let i = 0; i < 128; i++) expect(blob.readUInt32LE(i * 4)).toBe(entry.signature.hashes[i])
      // Recording the same id again for the run replaces it.
      recordSignatures(state, 'r1', [{ ...entry, chars: 1 }])
      expect(state.db.prepare('SELECT chars FROM signatures').pluck().all()).toEqual([1])
    })
  })

  it('refuses signatures made with other settings or another scheme, naming the file', () => {
    withFreshState((state) => {
      startRun(state, 'r1', 1)
      recordSignatures(state, 'r1', first)
      recordRunEnd(state, 'r1', { status: 'succeeded' })
      expect(() => publishedSignatures(state, { shingleWords: 4, permutations: 128 })).toThrow(RunStateError)
      expect(() => publishedSignatures(state, { shingleWords: 4, permutations: 128 })).toThrow(/5-word shingles and 128 hashes; this run uses 4-word shingles/)
      expect(() => publishedSignatures(state, { shingleWords: 5, permutations: 64 })).toThrow(state.path)
      state.db.prepare("UPDATE signatures SET scheme = 2 WHERE doc_id = 'a'").run()
      expect(() => publishedSignatures(state, settings)).toThrow(/signature of a \(run r1\) uses signature scheme 2, not 1/)
    })
  })

  it('checks entries and records them only for a running run', () => {
    withFreshState((state) => {
      startRun(state, 'r1', 1)
      const entry = first[0] as (typeof first)[number]
      expect(() => recordSignatures(state, 'r1', [entry, { ...entry, id: 'x', exactKey: 'nothex' }])).toThrow(/entry x: exactKey must be 64 hex digits/)
      expect(state.db.prepare('SELECT count(*) FROM signatures').pluck().get()).toBe(0)
      expect(() => recordSignatures(state, 'r1', [{ ...entry, chars: -1 }])).toThrow(/chars must be a non-negative integer/)
      expect(() => recordSignatures(state, 'r2', [entry])).toThrow(/no such run/)
      recordRunEnd(state, 'r1', { status: 'failed' })
      expect(() => recordSignatures(state, 'r1', [entry])).toThrow(/the run is failed, not running/)
    })
  })
})
