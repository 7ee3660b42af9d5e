import { describe, expect, it } from 'vitest'
import { doneShards } from '../../src/state/done-shards.js'
import { listRuns } from '../../src/state/list-runs.js'
import { markRunsInterrupted } from '../../src/state/mark-runs-interrupted.js'
import { markShardDone } from '../../src/state/mark-shard-done.js'
import { previousSuccessfulRun } from '../../src/state/previous-successful-run.js'
import { recordRunEnd } from '../../src/state/record-run-end.js'
import { recordRunStart } from '../../src/state/record-run-start.js'
import { RunStateError } from '../../src/state/run-state-error.js'
import { comparable, COUNTS, startRun, withFreshState } from './state-fixtures.js'

describe('run history', () => {
  it('records a run from start to end', () => {
    withFreshState((state) => {
      const started = recordRunStart(state, {
        id: 'r1',
        startedAt: new Date('2026-11-22T03:00:00.000Z'),
        configHash: 'c',
        ruleSetHash: 'rs',
        inputs: ['a/', 'b.jsonl'],
        outDir: 'clean/r1',
      })
      expect(started).toEqual({
        id: 'r1', startedAt: '2026-11-22T03:00:00.000Z', finishedAt: null, status: 'running', configHash: 'c', ruleSetHash: 'rs',
        inputs: ['a/', 'b.jsonl'], outDir: 'clean/r1', counts: null, report: null,
      })
      expect(listRuns(state)).toEqual([started])
      const ended = recordRunEnd(state, 'r1', { status: 'succeeded', counts: COUNTS, report: comparable('r1'), finishedAt: new Date('2026-11-22T03:10:00.000Z') })
      expect(ended).toEqual({ ...started, status: 'succeeded', finishedAt: '2026-11-22T03:10:00.000Z', counts: COUNTS, report: comparable('r1') })
      expect(listRuns(state)).toEqual([ended])

      expect(() => recordRunEnd(state, 'r1', { status: 'failed' })).toThrow(/run r1 already ended \(succeeded\)/)
      expect(() => recordRunEnd(state, 'nope', { status: 'failed' })).toThrow(/run nope is not recorded/)
      expect(() => startRun(state, 'r1', 5)).toThrow(RunStateError)
      expect(() => startRun(state, 'r1', 5)).toThrow(/run r1 is already recorded/)
      // A failed run may end without figures.
      startRun(state, 'r2', 20)
      expect(recordRunEnd(state, 'r2', { status: 'failed' })).toMatchObject({ status: 'failed', counts: null, report: null })
    })
  })

  it('lists the latest runs first, up to the limit', () => {
    withFreshState((state) => {
      for (const [id, minute] of [['b', 2], ['a', 1], ['d', 4], ['c', 3]] as const) startRun(state, id, minute)
      expect(listRuns(state).map((r) => r.id)).toEqual(['d', 'c', 'b', 'a'])
      expect(listRuns(state, 2).map((r) => r.id)).toEqual(['d', 'c'])
      expect(listRuns(state, 0)).toEqual([])
      expect(() => listRuns(state, -1)).toThrow(RangeError)
    })
  })

  it('finds the previous successful run, overall or before a given run', () => {
    withFreshState((state) => {
      expect(previousSuccessfulRun(state)).toBeUndefined()
      startRun(state, 'r1', 1)
      recordRunEnd(state, 'r1', { status: 'succeeded', counts: COUNTS, report: comparable('r1') })
      startRun(state, 'r2', 2)
      recordRunEnd(state, 'r2', { status: 'failed' })
      startRun(state, 'r3', 3)
      recordRunEnd(state, 'r3', { status: 'succeeded', counts: COUNTS, report: comparable('r3') })
      startRun(state, 'r4', 4)
      recordRunEnd(state, 'r4', { status: 'interrupted' })
      startRun(state, 'r5', 5)
      expect(previousSuccessfulRun(state)?.id).toBe('r3')
      expect(previousSuccessfulRun(state)?.report).toEqual(comparable('r3'))
      expect(previousSuccessfulRun(state, 'r5')?.id).toBe('r3')
      expect(previousSuccessfulRun(state, 'r3')?.id).toBe('r1')
      expect(previousSuccessfulRun(state, 'r2')?.id).toBe('r1')
      expect(previousSuccessfulRun(state, 'r1')).toBeUndefined()
      expect(() => previousSuccessfulRun(state, 'r9')).toThrow(/run r9 is not recorded/)
      // Same start time: the id decides.
      startRun(state, 'r3b', 3)
      recordRunEnd(state, 'r3b', { status: 'succeeded' })
      expect(previousSuccessfulRun(state, 'r5')?.id).toBe('r3b')
      expect(previousSuccessfulRun(state, 'r3b')?.id).toBe('r3')
    })
  })

  it('marks runs left running by a dead process as interrupted', () => {
    withFreshState((state) => {
      startRun(state, 'done', 1)
      recordRunEnd(state, 'done', { status: 'succeeded' })
      startRun(state, 'dead-1', 2)
      startRun(state, 'dead-2', 3)
      const at = new Date('2026-11-23T03:00:00.000Z')
      expect(markRunsInterrupted(state, at)).toEqual(['dead-1', 'dead-2'])
      expect(listRuns(state).map((r) => [r.id, r.status, r.finishedAt])).toEqual([
        ['dead-2', 'interrupted', at.toISOString()],
        ['dead-1', 'interrupted', at.toISOString()],
        ['done', 'succeeded', expect.any(String)],
      ])
      expect(markRunsInterrupted(state)).toEqual([])
      // An interrupted run cannot be ended afterwards by a process that comes back.
      expect(() => recordRunEnd(state, 'dead-1', { status: 'succeeded' })).toThrow(/already ended \(interrupted\)/)
    })
  })

  it('keeps the shards a running run finished, for resuming it', () => {
    withFreshState((state) => {
      startRun(state, 'r1', 1)
      expect(doneShards(state, 'r1')).toEqual([])
      const file = (name: string) => ({ path: `clean/r1/${name}`, bytes: 10, sha256: 'ab'.repeat(32), records: 2 })
      markShardDone(state, 'r1', 3, [file('part-3.jsonl')])
      markShardDone(state, 'r1', 0, [file('part-0.jsonl'), file('part-0.csv')])
      markShardDone(state, 'r1', 3, [file('part-3b.jsonl')])
      expect(doneShards(state, 'r1')).toEqual([
        { shard: 0, files: [file('part-0.jsonl'), file('part-0.csv')] },
        { shard: 3, files: [file('part-3b.jsonl')] },
      ])
      expect(doneShards(state, 'other')).toEqual([])
      expect(() => markShardDone(state, 'r1', -1, [])).toThrow(RangeError)
      expect(() => markShardDone(state, 'nope', 0, [])).toThrow(/no such run/)
      markRunsInterrupted(state)
      expect(() => markShardDone(state, 'r1', 4, [])).toThrow(/the run is interrupted, not running/)
      expect(doneShards(state, 'r1').map((s) => s.shard)).toEqual([0, 3])
    })
  })
})
