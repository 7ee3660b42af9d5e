import { describe, expect, it } from 'vitest'
import { createDocument, type Block, type Document, type Removal } from '../../src/core/document.js'
import { compareRuns, type RunPair } from '../../src/preview/compare-runs.js'

const LINES = [
  'The ministry denied the report on Tuesday, saying it had no plans to close the base.',
  'Sign up for our newsletter',
  'Officials said talks would resume next week in Geneva.',
  'Share this article',
]

/** A processed text document: one block per line, removed where `removedBy` names a rule. */
function processed(id: string, removedBy: Record<number, string>, issues: Document['issues'] = []): Document {
  const raw = LINES.join('\n')
  let start = 0
  const blocks: Block[] = LINES.map((text, index) => {
    const block: Block = { index, text, kind: 'text-line', start, end: start + text.length, breakBefore: false, label: 'content' }
    start += text.length + 1
    const ruleId = removedBy[index]
    return ruleId === undefined ? block : { ...block, label: 'boilerplate', decidedBy: { stage: 'boilerplate', ruleId, reason: `reason of ${ruleId}` } }
  })
  const removals: Removal[] = blocks
    .filter((b) => b.decidedBy !== undefined)
    .map((b) => ({ stage: 'boilerplate', ruleId: b.decidedBy!.ruleId, blockIndex: b.index, chars: b.text.length, excerpt: b.text, scope: 'block' }))
  return { ...createDocument({ id, source: { file: `${id}.txt`, format: 'text' }, raw, issues }), blocks, removals }
}

describe('compareRuns', () => {
  it('finds newly removed and newly kept blocks with the deciding rule, and the per-rule character deltas', () => {
    const pairs: RunPair[] = [
      // The proposal adds a newsletter rule and no longer lets social/share take "Share this article".
      { current: processed('a', { 3: 'social/share' }), proposed: processed('a', { 1: 'custom/newsletter' }) },
      // Same decisions both sides.
      { current: processed('b', { 3: 'social/share' }), proposed: processed('b', { 3: 'social/share' }) },
    ]
    const result = compareRuns(pairs, { examples: 5, listedRuleIds: ['custom/newsletter', 'social/share', 'custom/unused'] })

    expect(result).toMatchObject({ documents: 2, affected: 1, textChanged: 1, newlyRejected: 0, noLongerRejected: 0 })
    expect(result.blocks).toEqual({ compared: 8, newlyRemoved: 1, newlyKept: 1, reattributed: 0 })
    expect(result.examples.newlyRemoved).toEqual([
      { documentId: 'a', source: 'a.txt', blockIndex: 1, label: 'boilerplate', ruleId: 'custom/newsletter', reason: 'reason of custom/newsletter', text: 'Sign up for our newsletter' },
    ])
    expect(result.examples.newlyKept).toEqual([
      { documentId: 'a', source: 'a.txt', blockIndex: 3, label: 'boilerplate', ruleId: 'social/share', reason: 'reason of social/share', text: 'Share this article' },
    ])
    expect(result.rules).toEqual([
      { ruleId: 'custom/newsletter', current: 0, proposed: 26, delta: 26, currentRemovals: 0, proposedRemovals: 1 },
      { ruleId: 'social/share', current: 36, proposed: 18, delta: -18, currentRemovals: 2, proposedRemovals: 1 },
      { ruleId: 'custom/unused', current: 0, proposed: 0, delta: 0, currentRemovals: 0, proposedRemovals: 0 },
    ])
    expect(result.changedDocuments).toEqual([expect.objectContaining({ id: 'a', outputChanged: true, textDiffers: true, newlyRemoved: 1, newlyKept: 1, alignment: 'index' })])
  })

  it('counts documents rejected by one side only, and blocks removed by another rule without changing the output', () => {
    const emptied = { stage: 'boilerplate', code: 'E_EMPTY_AFTER_RULES', message: 'all removed', severity: 'error' as const }
    const pairs: RunPair[] = [
      { current: processed('kept', {}), proposed: processed('kept', { 0: 'x/a', 1: 'x/a', 2: 'x/a', 3: 'x/a' }, [emptied]) },
      { current: processed('back', { 0: 'x/a', 1: 'x/a', 2: 'x/a', 3: 'x/a' }, [emptied]), proposed: processed('back', {}) },
      { current: processed('moved', { 1: 'model/block-classifier' }), proposed: processed('moved', { 1: 'custom/newsletter' }) },
    ]
    const result = compareRuns(pairs)
    expect(result).toMatchObject({ affected: 2, newlyRejected: 1, noLongerRejected: 1 })
    expect(result.blocks).toMatchObject({ newlyRemoved: 4, newlyKept: 4, reattributed: 1 })
    expect(result.changedDocuments.map((d) => [d.id, d.outputChanged, d.rejected])).toEqual([
      ['kept', true, { current: null, proposed: 'E_EMPTY_AFTER_RULES' }],
      ['back', true, { current: 'E_EMPTY_AFTER_RULES', proposed: null }],
      ['moved', false, { current: null, proposed: null }],
    ])
    const model = result.rules.find((r) => r.ruleId === 'model/block-classifier')
    expect(model).toMatchObject({ current: 26, proposed: 0, delta: -26 })
  })

  it('spreads examples over rules, then over documents, and honours the example limit', () => {
    const pairs: RunPair[] = ['p', 'q', 'r'].map((id) => ({ current: processed(id, {}), proposed: processed(id, { 0: 'x/long', 2: 'x/long', 3: 'y/share' }) }))
    const result = compareRuns(pairs, { examples: 4 })
    expect(result.blocks.newlyRemoved).toBe(9)
    expect(result.examples.newlyRemoved.map((e) => [e.documentId, e.ruleId])).toEqual([['p', 'x/long'], ['p', 'y/share'], ['q', 'x/long'], ['q', 'y/share']])
  })

  it('compares by text position and says so when the block counts differ', () => {
    const current = processed('d', {})
    const fewer = processed('d', { 2: 'x/a' })
    const proposed = { ...fewer, blocks: fewer.blocks.filter((b) => b.index !== 1) }
    const result = compareRuns([{ current, proposed }])
    expect(result.blocks).toMatchObject({ compared: 3, newlyRemoved: 1 })
    expect(result.examples.newlyRemoved[0]).toMatchObject({ blockIndex: 2, ruleId: 'x/a' })
    expect(result.changedDocuments[0]).toMatchObject({ alignment: 'offset', note: expect.stringContaining('block counts differ (current 4, proposed 3): compared by text position') })
  })
})
