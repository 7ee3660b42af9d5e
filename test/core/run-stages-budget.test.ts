import { describe, expect, it } from 'vitest'
import { createDocument, hasError, withChanges, type Document } from '../../src/core/document.js'
import { runStages } from '../../src/core/pipeline.js'
import type { Stage } from '../../src/core/stage.js'

function busyStage(name: string, ms: number): Stage {
  return {
    name,
    run(doc: Document) {
      const until = performance.now() + ms
      while (performance.now() < until) {
        // burn time as a pathological page would
      }
      return withChanges(doc, {})
    },
  }
}

const doc = () => createDocument({ id: 'd', source: { format: 'text' }, raw: 'text' })

describe('runStages with a time budget', () => {
  it('rejects a document whose stages take longer than the budget, naming the stage that crossed it', () => {
    const stages = [busyStage('first', 5), busyStage('second', 30), busyStage('third', 1)]
    const result = runStages(stages, doc(), { maxDocumentMs: 20 })
    expect(hasError(result)).toBe(true)
    expect(result.issues).toEqual([expect.objectContaining({ stage: 'second', code: 'E_TIME_BUDGET', severity: 'error' })])
    expect(result.trace.map((t) => t.stage)).toEqual(['first', 'second'])
  })

  it('leaves a document within the budget alone', () => {
    const result = runStages([busyStage('first', 1), busyStage('second', 1)], doc(), { maxDocumentMs: 1_000 })
    expect(result.issues).toEqual([])
    expect(result.trace).toHaveLength(2)
  })
})
