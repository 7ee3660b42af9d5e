import { describe, expect, it } from 'vitest'
import { formatScoreTable } from '../../src/eval/format-score-table.js'
import type { GoldRecord } from '../../src/eval/gold-record.js'
import { sampleRule } from '../../src/eval/sample-rule.js'
import { createScoreboard } from '../../src/eval/scoreboard.js'

/** A gold record with only the fields a test sets. */
function record(fields: Partial<GoldRecord> & Pick<GoldRecord, 'id' | 'dataset'>): GoldRecord {
  return { url: null, html: null, text: null, gold: null, gold_comments: null, gold_with: null, gold_without: null, ...fields }
}

describe('the scoreboard', () => {
  it('scores each dataset, pools all documents, and averages dataset F1s in MACRO', () => {
    const board = createScoreboard()
    board.add(record({ id: 'a/1', dataset: 'a', gold: 'one two three four five' }), 'one two three four five')
    board.add(record({ id: 'a/2', dataset: 'a', gold: 'one two three four five' }), 'one two three four five')
    board.add(record({ id: 'b/1', dataset: 'b', gold: 'six seven eight' }), '')
    const s = board.scores()
    expect(Object.keys(s.datasets)).toEqual(['a', 'b'])
    expect(s.datasets['a']?.tok_f1).toBe(1)
    expect(s.datasets['b']?.tok_f1).toBe(0)
    expect(s.all.tok_f1).toBeCloseTo(2 / 3, 15) // pooled over 3 documents
    expect(s.macro.tok_f1).toBe(0.5) // mean of 1 and 0
    expect(s.all.sh_p).toBe(1) // the empty prediction has no precision to average
    expect(s.all.sh_r).toBeCloseTo(2 / 3, 15)
    expect(s.all.sh_acc).toBeCloseTo(2 / 3, 15)
  })

  it('counts an absent prediction as missing and scores it as empty output', () => {
    const board = createScoreboard()
    board.add(record({ id: 'a/1', dataset: 'a', gold: 'some gold text' }), undefined)
    board.add(record({ id: 'a/2', dataset: 'a', gold: 'some gold text' }), null)
    const row = board.scores().all
    expect(row.missing).toBe(1)
    expect(row.tok_f1).toBe(0)
    expect(row.empty_but_gold).toBe(2)
  })

  it('counts empty output only where the record has gold text or a "with" snippet', () => {
    const board = createScoreboard()
    board.add(record({ id: 'a/1', dataset: 'a', gold: 'gold text' }), ' \n ')
    board.add(record({ id: 't/1', dataset: 't', gold_with: ['must keep'], gold_without: [] }), '')
    board.add(record({ id: 't/2', dataset: 't', gold_with: [], gold_without: ['must drop'] }), '')
    board.add(record({ id: 'a/2', dataset: 'a', gold: 'gold text' }), 'gold text')
    const all = board.scores().all
    expect(all.gold_docs).toBe(3)
    expect(all.empty_but_gold).toBe(2)
  })

  it('pools snippet counts per dataset and keeps snippet-only datasets out of MACRO', () => {
    const board = createScoreboard()
    board.add(record({ id: 't/1', dataset: 't', gold_with: ['keep me'], gold_without: ['drop me'] }), 'keep me')
    board.add(record({ id: 't/2', dataset: 't', gold_with: ['keep too'], gold_without: [] }), 'drop me')
    board.add(record({ id: 'a/1', dataset: 'a', gold: 'x y' }), 'x y')
    const s = board.scores()
    const t = s.datasets['t']
    expect(t?.docs).toBe(0)
    expect(t?.tok_f1).toBeUndefined()
    expect([t?.snip_docs, t?.snip_p, t?.snip_r, t?.snip_f1]).toEqual([2, 1, 0.5, 2 / 3])
    expect(s.macro).toEqual({ sh_f1: 1, tok_f1: 1, datasets: 1 })
  })

  it('misses every snippet of an absent prediction but not of an empty one', () => {
    const board = createScoreboard()
    board.add(record({ id: 't/1', dataset: 't', gold_with: [' '], gold_without: [] }), undefined)
    board.add(record({ id: 't/2', dataset: 't', gold_with: [' '], gold_without: [] }), '')
    // a blank snippet is "found" in any string, even '', but not in an absent prediction
    expect(board.scores().all.snip_r).toBe(0.5)
  })

  it('averages comment leak over documents with annotated comments, leaving out the token figure without gold', () => {
    const board = createScoreboard()
    board.add(record({ id: 'd/1', dataset: 'd', gold: 'The article.', gold_comments: 'First!\nSpam spam' }), 'The article. First!')
    board.add(record({ id: 'd/2', dataset: 'd', gold: 'The article.', gold_comments: '' }), 'The article. First!')
    board.add(record({ id: 't/1', dataset: 't', gold_comments: 'Nice post' }), 'Nice post')
    const s = board.scores()
    expect(s.datasets['d']).toMatchObject({ leak_docs: 1, leak_sh: 0.5, leak_tok: 1 / 3 })
    expect(s.datasets['t']?.leak_sh).toBe(1)
    expect(s.datasets['t']?.leak_tok).toBeUndefined()
    expect(s.all).toMatchObject({ leak_docs: 2, leak_sh: 0.75, leak_tok: 1 / 3 })
  })
})

describe('the sample rule', () => {
  it('takes every k-th record with k = round(total / target)', () => {
    expect(sampleRule(1775, 120)).toMatchObject({ every: 15, of: 1775, used: 119 })
    expect(sampleRule(1775, 150)).toMatchObject({ every: 12, used: 148 })
    expect(sampleRule(1775, 150).rule).toContain('position % 12 === 0')
  })

  it('uses every record when the target exceeds the total', () => {
    expect(sampleRule(10, 100)).toMatchObject({ every: 1, used: 10 })
  })
})

describe('the score table', () => {
  it('prints the reference scorer columns, a dash where a metric does not apply, and the empty-output line', () => {
    const board = createScoreboard()
    board.add(record({ id: 'a/1', dataset: 'a', gold: 'one two three four five' }), 'one two three four five')
    board.add(record({ id: 'a/2', dataset: 'a', gold: 'six seven' }), '')
    const lines = formatScoreTable('test', board.scores()).split('\n')
    expect(lines[0]).toBe('# test')
    expect(lines[1]?.split(/\s+/)).toEqual(['dataset', 'docs', 'sh_P', 'sh_R', 'sh_F1', 'tok_P', 'tok_R', 'tok_F1', 'leak_sh', 'leak_tok', 'snip_P', 'snip_R', 'snip_F1', 'missing', 'empty'])
    expect(lines[2]?.split(/\s+/)).toEqual(['a', '2', '1.000', '0.500', '0.667', '0.500', '0.500', '0.500', '-', '-', '-', '-', '-', '0', '1'])
    expect(lines[3]?.startsWith('ALL(pooled)')).toBe(true)
    expect(lines[4]?.split(/\s+/).filter(Boolean)).toEqual(['MACRO', '0.667', '0.500'])
    expect(lines[5]).toBe('empty output where gold is not: 1 of 2 documents (50.00%; target ≤ 1%)')
  })
})
