import { describe, expect, it } from 'vitest'
import { scoreClassification } from '../../src/classify-eval/classification-metrics.js'

const pairs = (rows: [string, string, number][]) => rows.flatMap(([gold, predicted, n]) => Array.from({ length: n }, () => ({ gold, predicted })))

describe('scoreClassification', () => {
  it('computes accuracy, per-label precision/recall/F1 and macro-F1 over every label seen', () => {
    const scores = scoreClassification(pairs([['a', 'a', 8], ['a', 'b', 2], ['b', 'b', 5], ['b', 'c', 5]]))
    expect(scores.documents).toBe(20)
    expect(scores.accuracy).toBe(0.65)
    expect(scores.labels['a']).toEqual({ precision: 1, recall: 0.8, f1: 0.8889, support: 10 })
    expect(scores.labels['b']).toMatchObject({ precision: 0.7143, recall: 0.5, support: 10 })
    // c is never gold but was predicted: it counts with F1 0.
    expect(scores.labels['c']).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 })
    expect(scores.macro_f1).toBeCloseTo((0.8889 + 0.5882 + 0) / 3, 3)
    expect(scores.confusion).toEqual({ a: { a: 8, b: 2 }, b: { b: 5, c: 5 } })
  })

  it('gives the majority-class baseline a low macro-F1 on unbalanced data', () => {
    const scores = scoreClassification(pairs([['other', 'other', 90], ['news', 'other', 10]]))
    expect(scores.accuracy).toBe(0.9)
    expect(scores.macro_f1).toBeCloseTo(0.4737, 3)
  })

  it('scores nothing as zero, not NaN', () => {
    expect(scoreClassification([])).toMatchObject({ documents: 0, accuracy: 0, macro_f1: 0 })
  })
})
