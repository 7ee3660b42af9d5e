import { describe, expect, it } from 'vitest'
import { findDuplicates, type DuplicateResult } from '../../src/corpus/duplicate-clusters.js'
import { duplicateEntry, type DuplicateEntry } from '../../src/corpus/duplicate-entry.js'
import { estimateJaccard } from '../../src/corpus/min-hash.js'
import { signatureFromJson, signatureToJson } from '../../src/corpus/signature-json.js'
import { compareSurvivors } from '../../src/corpus/survivor-rule.js'
import { exactKey } from '../../src/corpus/text-fingerprint.js'
import {
  ARABIC,
  createRandom,
  editWords,
  ENGLISH_ECONOMY,
  exactJaccard,
  generateWords,
  PERSIAN,
  randomInt,
  renderProse,
  shuffled,
} from './generate-text.js'

/** The same text with different whitespace, case and punctuation. */
function relayout(text: string, random: () => number): string {
  return text
    .split(' ')
    .map((word) => {
      const bare = word.replace(/[.,،]$/u, '')
      const cased = random() < 0.3 ? bare.toUpperCase() : random() < 0.5 ? bare.toLowerCase() : bare
      const punct = random() < 0.15 ? ['!', ';', ' —', '…', ' "'][randomInt(random, 5)] : ''
      return cased + punct
    })
    .join(random() < 0.5 ? '  ' : '\n\t ')
}

const entry = (id: string, text: string): DuplicateEntry => duplicateEntry(id, text)

function toJson(entries: readonly DuplicateEntry[]): string {
  return JSON.stringify(entries.map((e) => ({ ...e, signature: signatureToJson(e.signature) })))
}

function fromJson(json: string): DuplicateEntry[] {
  return (JSON.parse(json) as Array<DuplicateEntry & { signature: unknown }>).map((e) => ({ ...e, signature: signatureFromJson(e.signature) }))
}

/** A corpus with exact groups, near groups, a chain, unrelated documents, empty and short texts. */
function mixedCorpus(): { entries: DuplicateEntry[]; words: Map<string, string[]> } {
  const random = createRandom(2024)
  const entries: DuplicateEntry[] = []
  const words = new Map<string, string[]>()
  const add = (id: string, w: string[], text = renderProse(w, random)): void => {
    words.set(id, w)
    entries.push(entry(id, text))
  }
  for (let g = 0; g < 4; g++) {
    const w = generateWords(random, 250, ENGLISH_ECONOMY)
    const text = renderProse(w, random)
    add(`exact-${g}-a`, w, text)
    add(`exact-${g}-b`, w, relayout(text, random))
    add(`exact-${g}-c`, w, text.toLowerCase())
  }
  for (let g = 0; g < 4; g++) {
    const w = generateWords(random, 300, ENGLISH_ECONOMY)
    add(`near-${g}-orig`, w)
    for (let c = 0; c < 3; c++) add(`near-${g}-copy${c}`, editWords(w, random, 2 + c, ENGLISH_ECONOMY))
  }
  for (let u = 0; u < 30; u++) add(`unrelated-${String(u).padStart(2, '0')}`, generateWords(random, 300, ENGLISH_ECONOMY))
  entries.push(entry('empty-1', ''), entry('empty-2', ' — '), entry('short-1', 'Rates rose.'), entry('short-2', 'rates ROSE'))
  return { entries, words }
}

describe('findDuplicates', () => {
  it('(a) finds texts that differ only in whitespace, case and punctuation as exact duplicates', () => {
    const random = createRandom(1)
    const text = renderProse(generateWords(random, 200, ENGLISH_ECONOMY), random)
    const variants = [text, relayout(text, random), text.toUpperCase(), text.replaceAll('.', '!').replaceAll(' ', '\n\n')]
    expect(new Set(variants).size).toBe(4)
    expect(new Set(variants.map(exactKey)).size).toBe(1)
    const entries = variants.map((t, i) => entry(`doc-${i}`, t))
    const result = findDuplicates(entries)
    expect(result.clusters).toHaveLength(1)
    const cluster = result.clusters[0]
    const survivor = [...entries].sort(compareSurvivors)[0]?.id
    expect(cluster?.survivor).toBe(survivor)
    expect(cluster?.members.every((m) => m.kind === 'exact' && m.similarity === 1)).toBe(true)
    expect(cluster?.members.map((m) => m.id)).toEqual(entries.map((e) => e.id).filter((id) => id !== survivor))
    expect(result.duplicateOf.size).toBe(3)
  })

  it('(b) drops a 300-word document with a few word edits as a near duplicate of the longer original', () => {
    const random = createRandom(2)
    const original = generateWords(random, 300, ENGLISH_ECONOMY)
    // Four edits, each replacing a word by a shorter one, so the edited copy is the shorter text.
    const shorter = (old: string): string => ENGLISH_ECONOMY.find((w) => w.length < old.length && w !== old) ?? old
    const longWords = original.flatMap((w, i) => (w.length >= 6 ? [i] : []))
    const edited = [...original]
    for (const i of [longWords[5], longWords[20], longWords[40], longWords[60]]) edited[i as number] = shorter(original[i as number] as string)
    expect(exactJaccard(original, edited)).toBeGreaterThan(0.85)

    const prose = renderProse(original, createRandom(9))
    const editedProse = renderProse(edited, createRandom(9))
    expect(editedProse.length).toBeLessThan(prose.length)
    // 'edited' < 'original' by id, so only the length rule makes 'original' the survivor.
    const entries = [entry('original', prose), entry('edited', editedProse), entry('other', renderProse(generateWords(random, 300, ENGLISH_ECONOMY), random))]
    const result = findDuplicates(entries)
    expect(result.clusters).toHaveLength(1)
    expect(result.clusters[0]?.survivor).toBe('original')
    expect(result.clusters[0]?.members).toHaveLength(1)
    expect(result.clusters[0]?.members[0]).toMatchObject({ id: 'edited', kind: 'near' })
    expect(result.clusters[0]?.members[0]?.similarity).toBeGreaterThan(0.8)
    expect([...result.duplicateOf]).toEqual([['edited', 'original']])
  })

  it('(c) does not cluster unrelated documents written from the same topic vocabulary and boilerplate', () => {
    const random = createRandom(3)
    const footer = 'Support our journalism. Subscribe to the daily newsletter for the latest economy news, market data and analysis.'
    const entries = Array.from({ length: 60 }, (_, i) =>
      entry(`doc-${i}`, `${renderProse(generateWords(random, 300, ENGLISH_ECONOMY), random)}\n${footer}`),
    )
    const result = findDuplicates(entries)
    expect(result.clusters).toEqual([])
    expect(result.duplicateOf.size).toBe(0)
    let highest = 0
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        highest = Math.max(highest, estimateJaccard((entries[i] as DuplicateEntry).signature, (entries[j] as DuplicateEntry).signature))
      }
    }
    expect(highest).toBeLessThan(0.3)
  })

  it('(d) gives a deep-equal result for any input order', () => {
    const { entries } = mixedCorpus()
    const expected = findDuplicates(entries)
    expect(expected.clusters.length).toBe(4 + 4 + 2) // exact groups, near groups, empty pair, short pair
    for (let seed = 1; seed <= 6; seed++) {
      const result = findDuplicates(shuffled(entries, createRandom(seed)))
      expect(result).toEqual(expected)
      expect([...result.duplicateOf]).toEqual([...expected.duplicateOf])
    }
    expect(findDuplicates([...entries].reverse())).toEqual(expected)
  })

  it('(d) reports every near group as one cluster, sorted by survivor id with members by id', () => {
    const { entries } = mixedCorpus()
    const result = findDuplicates(entries)
    for (let g = 0; g < 4; g++) {
      const ids = entries.filter((e) => e.id.startsWith(`near-${g}-`))
      const cluster = result.clusters.find((c) => c.survivor.startsWith(`near-${g}-`))
      expect(cluster?.survivor).toBe([...ids].sort(compareSurvivors)[0]?.id)
      expect(cluster?.members.map((m) => m.id).sort()).toEqual(ids.map((e) => e.id).filter((id) => id !== cluster?.survivor).sort())
      expect(cluster?.members.every((m) => m.kind === 'near')).toBe(true)
    }
    const survivors = result.clusters.map((c) => c.survivor)
    expect(survivors).toEqual([...survivors].sort())
    for (const c of result.clusters) expect(c.members.map((m) => m.id)).toEqual(c.members.map((m) => m.id).sort())
    expect(result.clusters.find((c) => c.survivor.startsWith('empty'))).toEqual({ survivor: 'empty-2', members: [{ id: 'empty-1', kind: 'exact', similarity: 1 }] })
    // 'Rates rose.' (11 characters) is longer than 'rates ROSE' (10).
    expect(result.clusters.find((c) => c.survivor.startsWith('short'))).toEqual({ survivor: 'short-1', members: [{ id: 'short-2', kind: 'exact', similarity: 1 }] })
  })

  it('(e) keeps the longest document; on equal length the smallest id by UTF-16 code units', () => {
    const random = createRandom(5)
    const words = generateWords(random, 300, ENGLISH_ECONOMY)
    const text = renderProse(words, random)
    // Longest wins even with the largest id; the exact copy of the survivor is an exact member.
    const longer = renderProse([...words, 'growth'], createRandom(77))
    const a = findDuplicates([entry('a', text), entry('z', longer), entry('m', text), entry('zz', `${longer}  `)])
    expect(a.clusters).toEqual([
      {
        survivor: 'zz',
        members: [
          { id: 'a', kind: 'near', similarity: expect.any(Number) as number },
          { id: 'm', kind: 'near', similarity: expect.any(Number) as number },
          { id: 'z', kind: 'exact', similarity: 1 },
        ],
      },
    ])
    // Equal length: smallest id by code units ('B' < 'a' < 'b').
    expect(findDuplicates([entry('m', text), entry('b', text), entry('B', text), entry('a', text)]).clusters[0]?.survivor).toBe('B')
    // Code units, not code points: U+1F600 is stored as 0xD83D 0xDE00, which sorts before U+FF21.
    expect(findDuplicates([entry('x\uFF21', text), entry('x\u{1F600}', text)]).clusters[0]?.survivor).toBe('x\u{1F600}')
    // Near duplicates of equal length: smallest id again.
    const edited = editWords(words, random, 3, ENGLISH_ECONOMY)
    const same = [entry('q', words.join(' ')), { ...entry('p', edited.join(' ')), chars: words.join(' ').length }]
    expect(findDuplicates(same).clusters[0]?.survivor).toBe('p')
  })

  it('(e) puts chains in one cluster (transitive closure) even when the ends are below the threshold', () => {
    const random = createRandom(6)
    const a = generateWords(random, 1000, ENGLISH_ECONOMY)
    const b = editWords(a, random, 14, ENGLISH_ECONOMY, { offset: 0, window: 20 })
    const c = editWords(b, random, 14, ENGLISH_ECONOMY, { offset: 35, window: 20 })
    const entries = [entry('chain-a', a.join(' ')), entry('chain-b', b.join(' ')), entry('chain-c', c.join(' '))]
    const [sa, sb, sc] = entries.map((e) => e.signature)
    if (!sa || !sb || !sc) throw new Error('missing signature')
    expect(estimateJaccard(sa, sb)).toBeGreaterThanOrEqual(0.8)
    expect(estimateJaccard(sb, sc)).toBeGreaterThanOrEqual(0.8)
    expect(estimateJaccard(sa, sc)).toBeLessThan(0.8)
    const result = findDuplicates(entries)
    expect(result.clusters).toHaveLength(1)
    expect(new Set([result.clusters[0]?.survivor, ...(result.clusters[0]?.members.map((m) => m.id) ?? [])])).toEqual(new Set(['chain-a', 'chain-b', 'chain-c']))
  })

  it('(f) works from JSON-kept signatures, and merging batches gives the same clusters as all at once', () => {
    const { entries } = mixedCorpus()
    const expected = findDuplicates(entries)
    const restored = fromJson(toJson(entries))
    expect(restored).toEqual(entries)
    expect(findDuplicates(restored)).toEqual(expected)

    const order = shuffled(entries, createRandom(99))
    const half = Math.floor(order.length / 2)
    const batch1 = fromJson(toJson(order.slice(0, half)))
    const batch2 = fromJson(toJson(order.slice(half)))
    expect(findDuplicates([...batch2, ...batch1])).toEqual(expected)
    // Overlapping batches (a document seen twice) merge as a union.
    expect(findDuplicates([...batch1, ...order.slice(half - 5)])).toEqual(expected)
  })

  it('(f) refuses two different entries under one id, and signatures made with other settings', () => {
    expect(() => findDuplicates([entry('x', 'one text'), entry('x', 'another text')])).toThrow(/share this id/)
    expect(() => findDuplicates([duplicateEntry('x', 'a text', { permutations: 64 })])).toThrow(/64 hashes/)
    expect(() => findDuplicates([duplicateEntry('x', 'a text', { shingleWords: 3 })])).toThrow(/3-word/)
    expect(findDuplicates([duplicateEntry('x', 'a text', { shingleWords: 3 })], { shingleWords: 3 }).clusters).toEqual([])
    expect(() => findDuplicates([{ ...entry('x', 'a'), chars: -1 }])).toThrow(/chars/)
    expect(() => findDuplicates([entry('', 'a')])).toThrow(/id/)
  })

  it('(g) works on Persian and Arabic text', () => {
    const random = createRandom(7)
    const persian = generateWords(random, 300, PERSIAN)
    const persianText = renderProse(persian, random, 'arabic')
    const persianEdited = renderProse(editWords(persian, random, 3, PERSIAN), random, 'arabic')
    // Arabic letter forms and no ZWNJ: the same Persian text as scrapers often deliver it.
    const persianArabicForms = persianText.replaceAll('ی', 'ي').replaceAll('ک', 'ك').replaceAll('\u200c', '')
    const arabic = generateWords(random, 300, ARABIC)
    const arabicText = renderProse(arabic, random, 'arabic')
    const arabicEdited = renderProse(editWords(arabic, random, 4, ARABIC), random, 'arabic')
    const unrelated = Array.from({ length: 10 }, (_, i) =>
      entry(`other-${i}`, renderProse(generateWords(random, 300, i % 2 === 0 ? PERSIAN : ARABIC), random, 'arabic')),
    )
    const entries = [
      entry('fa-1', persianText),
      entry('fa-2', persianEdited),
      entry('fa-3', persianArabicForms),
      entry('ar-1', arabicText),
      entry('ar-2', arabicEdited),
      ...unrelated,
    ]
    expect(entries[0]?.signature.shingles).toBeGreaterThan(250)
    const result = findDuplicates(entries)
    expect(result.clusters.map((c) => [c.survivor, ...c.members.map((m) => m.id)].sort())).toEqual([
      ['ar-1', 'ar-2'],
      ['fa-1', 'fa-2', 'fa-3'],
    ])
    const fa = result.clusters.find((c) => c.survivor.startsWith('fa'))
    const kinds = new Map([[fa?.survivor, 'survivor'], ...(fa?.members.map((m) => [m.id, m.kind] as const) ?? [])])
    // fa-1 and fa-3 are the same text after normalisation.
    expect(exactKey(persianText)).toBe(exactKey(persianArabicForms))
    expect(kinds.get('fa-2')).toBe('near')
    expect([kinds.get('fa-1'), kinds.get('fa-3')].sort()).toEqual(['exact', 'survivor'].sort())
  })

  it('clusters 2,000 generated documents (completes; not timed)', () => {
    const random = createRandom(2000)
    const entries: DuplicateEntry[] = []
    const groups: string[][] = []
    for (let g = 0; g < 100; g++) {
      const words = generateWords(random, 300, ENGLISH_ECONOMY)
      const ids = [`g${g}-orig`, `g${g}-copy1`, `g${g}-copy2`]
      entries.push(entry(ids[0] as string, renderProse(words, random)))
      entries.push(entry(ids[1] as string, renderProse(editWords(words, random, 2, ENGLISH_ECONOMY), random)))
      entries.push(entry(ids[2] as string, renderProse(editWords(words, random, 2, ENGLISH_ECONOMY), random)))
      groups.push(ids)
    }
    while (entries.length < 2000) entries.push(entry(`solo-${entries.length}`, renderProse(generateWords(random, 300, ENGLISH_ECONOMY), random)))
    const result: DuplicateResult = findDuplicates(entries)
    expect(result.clusters).toHaveLength(100)
    expect(result.duplicateOf.size).toBe(200)
    const clusterOf = new Map(result.clusters.flatMap((c) => [c.survivor, ...c.members.map((m) => m.id)].map((id) => [id, c.survivor] as const)))
    for (const ids of groups) expect(new Set(ids.map((id) => clusterOf.get(id))).size).toBe(1)
  })
})
