import { describe, expect, it } from 'vitest'
import { compareRuns, renderRunComparison, type ComparableRun } from '../../src/report/compare-runs.js'

const run = (runId: string, read: number, rules: Record<string, number>, byCode: Record<string, number> = {}): ComparableRun => ({
  runId,
  documents: { read, written: read - Object.values(byCode).reduce((a, b) => a + b, 0), rejected: Object.values(byCode).reduce((a, b) => a + b, 0) },
  byCode,
  rules: Object.fromEntries(Object.entries(rules).map(([rule, documents]) => [rule, { documents, chars: documents * 100 }])),
})

describe('compareRuns', () => {
  it('puts the rule whose share of documents moved most first, whatever the batch size', () => {
    const previous = run('r1', 100, { 'donations/counter': 50, 'comments/thread': 20 })
    const current = run('r2', 200, { 'donations/counter': 100, 'comments/thread': 120 })
    const comparison = compareRuns(previous, current)
    expect(comparison.rules[0]).toEqual({ key: 'comments/thread', before: 20, now: 120, change: 100, sharePoints: 40 })
    // Twice the documents, the same share: no drift.
    expect(comparison.rules[1]).toMatchObject({ key: 'donations/counter', change: 50, sharePoints: 0 })
  })

  it('shows rules and reject codes that appear or vanish', () => {
    const comparison = compareRuns(run('r1', 10, { 'old/rule': 5 }), run('r2', 10, { 'new/rule': 5 }, { E_EMPTY: 2 }))
    expect(comparison.rules.map((r) => [r.key, r.before, r.now])).toEqual([
      ['new/rule', 0, 5],
      ['old/rule', 5, 0],
    ])
    expect(comparison.byCode).toEqual([{ key: 'E_EMPTY', before: 0, now: 2, change: 2, sharePoints: 20 }])
    expect(comparison.documents.map((d) => d.key)).toEqual(['read', 'written', 'rejected'])
  })

  it('renders tables that name the previous run', () => {
    const lines = renderRunComparison(compareRuns(run('r1', 10, { a: 1 }), run('r2', 10, { a: 6 })))
    expect(lines[0]).toBe('## Compared with the previous run (r1)')
    expect(lines).toContain('| `a` | 1 | 6 | +5 | +50 |')
  })
})
