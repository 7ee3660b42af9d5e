import { describe, expect, it } from 'vitest'
import { decideDuplicates, DUPLICATE_CODES, type DuplicateCandidate } from '../../src/corpus/decide-duplicates.js'
import { duplicateEntry } from '../../src/corpus/duplicate-entry.js'
import type { PublishedSignature } from '../../src/corpus/signatures-file.js'
import { compareSurvivors } from '../../src/corpus/survivor-rule.js'
import { createRandom, editWords, ENGLISH_ECONOMY, generateWords, shuffled } from './generate-text.js'

const words = (seed: number): string[] => generateWords(createRandom(seed), 160, ENGLISH_ECONOMY)
const story = (seed: number): string => words(seed).join(' ')

function candidate(position: number, id: string, text: string, tieBreak = `t${position}`): DuplicateCandidate {
  return { position, tieBreak, entry: duplicateEntry(id, text) }
}

function published(id: string, text: string, run = '20261120T020000Z-aaaa'): PublishedSignature {
  return { entry: { ...duplicateEntry(id, text), published: true }, run }
}

describe('decideDuplicates', () => {
  const a = story(1)
  const b = story(2)
  const edited = editWords(words(1), createRandom(3), 3, ENGLISH_ECONOMY).join(' ')

  it('drops exact and near copies in favour of the most complete document', () => {
    const longer = `${a} And one more sentence at the end.`
    const decisions = decideDuplicates([candidate(0, 'a', a), candidate(1, 'a-long', longer), candidate(2, 'b', b), candidate(3, 'a-edit', edited)], [], {})
    expect(decisions.drops.get(0)).toMatchObject({ stage: 'duplicates', duplicateOf: 'a-long' })
    expect(decisions.drops.get(3)).toMatchObject({ code: DUPLICATE_CODES.near, duplicateOf: 'a-long' })
    expect(decisions.drops.has(1)).toBe(false)
    expect(decisions.drops.has(2)).toBe(false)
    expect(decisions.clusters).toEqual([expect.objectContaining({ survivor: 'a-long', publishedEarlier: false, size: 3 })])
  })

  it('gives the same decisions for every order of the candidates', () => {
    const all = [candidate(0, 'x', a), candidate(1, 'y', a), candidate(2, 'z', edited), candidate(3, 'w', b)]
    const first = decideDuplicates(all, [], {})
    for (let seed = 0; seed < 5; seed++) {
      const again = decideDuplicates(shuffled(all, createRandom(seed)), [], {})
      expect([...again.drops].sort((p, q) => p[0] - q[0])).toEqual([...first.drops].sort((p, q) => p[0] - q[0]))
      expect(again.clusters).toEqual(first.clusters)
    }
  })

  it('keeps one document per id, the one with the most text, whatever the tie-break says', () => {
    const decisions = decideDuplicates([candidate(0, 'same', b, 'a'), candidate(1, 'same', `${a} ${a}`, 'z')], [], {})
    expect(decisions.drops.get(0)).toMatchObject({ code: DUPLICATE_CODES.sameId, duplicateOf: 'same' })
    expect(decisions.drops.has(1)).toBe(false)
    expect(decisions.sameId).toBe(1)
  })

  it('lets a document an earlier run published survive, even against a longer copy', () => {
    const longer = `${a} And one more sentence at the end.`
    const decisions = decideDuplicates([candidate(0, 'new-long', longer), candidate(1, 'b', b)], [published('old', a)], {})
    expect(decisions.drops.get(0)).toMatchObject({ code: DUPLICATE_CODES.publishedEarlier, duplicateOf: 'old' })
    expect(decisions.drops.has(1)).toBe(false)
    expect(decisions.clusters).toEqual([expect.objectContaining({ survivor: 'old', publishedEarlier: true, size: 2 })])
  })

  it('drops a document whose own id an earlier run published with the same text', () => {
    const decisions = decideDuplicates([candidate(0, 'p1', a)], [published('p1', a)], {})
    expect(decisions.drops.get(0)).toMatchObject({ code: DUPLICATE_CODES.publishedEarlier, duplicateOf: 'p1' })
  })

  it('accepts one id published by two runs, and names the earlier run\'s document', () => {
    const decisions = decideDuplicates(
      [candidate(0, 'n', a)],
      [published('p1', a, '20261121T020000Z-bbbb'), published('p1', a, '20261120T020000Z-aaaa')],
      {},
    )
    expect(decisions.drops.get(0)).toMatchObject({ duplicateOf: 'p1' })
  })

  it('reports no clusters made only of published documents', () => {
    const decisions = decideDuplicates([candidate(0, 'b', b)], [published('p1', a), published('p2', a)], {})
    expect(decisions.clusters).toEqual([])
    expect(decisions.drops.size).toBe(0)
  })
})

describe('compareSurvivors', () => {
  it('puts a published document before a longer one, and then length before id', () => {
    expect(compareSurvivors({ id: 'z', chars: 10, published: true }, { id: 'a', chars: 99 })).toBeLessThan(0)
    expect(compareSurvivors({ id: 'z', chars: 99 }, { id: 'a', chars: 10 })).toBeLessThan(0)
    expect(compareSurvivors({ id: 'a', chars: 10 }, { id: 'b', chars: 10 })).toBeLessThan(0)
  })
})
