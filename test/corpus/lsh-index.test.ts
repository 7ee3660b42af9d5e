import { describe, expect, it } from 'vitest'
import { DEFAULT_DUPLICATE_OPTIONS, resolveDuplicateOptions } from '../../src/corpus/duplicate-options.js'
import { lshCandidatePairs, lshCandidateProbability, nearDuplicatePairs } from '../../src/corpus/lsh-index.js'
import { minHashSignature } from '../../src/corpus/min-hash.js'
import { createRandom, editWords, ENGLISH_ECONOMY, generateWords } from './generate-text.js'

describe('duplicate options', () => {
  it('defaults to 5-word shingles, 128 hashes, 16 bands × 8 rows, threshold 0.8', () => {
    expect(resolveDuplicateOptions()).toEqual({ shingleWords: 5, permutations: 128, bands: 16, rows: 8, threshold: 0.8 })
    expect(DEFAULT_DUPLICATE_OPTIONS).toEqual(resolveDuplicateOptions())
  })

  it('derives rows from bands or bands from rows', () => {
    expect(resolveDuplicateOptions({ bands: 32 })).toMatchObject({ bands: 32, rows: 4 })
    expect(resolveDuplicateOptions({ rows: 16 })).toMatchObject({ bands: 8, rows: 16 })
    expect(resolveDuplicateOptions({ permutations: 64 })).toMatchObject({ bands: 16, rows: 4 })
  })

  it('requires bands × rows = permutations and sane values', () => {
    expect(() => resolveDuplicateOptions({ bands: 16, rows: 4 })).toThrow(/bands × rows must equal permutations/)
    expect(() => resolveDuplicateOptions({ bands: 10 })).toThrow(/10 does not divide 128/)
    expect(() => resolveDuplicateOptions({ permutations: 100 })).toThrow(/bands × rows/)
    expect(() => resolveDuplicateOptions({ threshold: 0 })).toThrow(/threshold/)
    expect(() => resolveDuplicateOptions({ threshold: 1.2 })).toThrow(/threshold/)
    expect(() => resolveDuplicateOptions({ threshold: Number.NaN })).toThrow(/threshold/)
    expect(() => resolveDuplicateOptions({ shingleWords: 0 })).toThrow(/shingleWords/)
    expect(() => resolveDuplicateOptions({ bands: 0 })).toThrow(/bands/)
  })
})

describe('LSH banding', () => {
  it('has the S-curve the defaults are chosen for', () => {
    const p = (s: number): number => lshCandidateProbability(s, 16, 8)
    expect(p(0.8)).toBeGreaterThan(0.94)
    expect(p(0.9)).toBeGreaterThan(0.999)
    expect(p(0.5)).toBeLessThan(0.07)
    expect(p(0.3)).toBeLessThan(0.002)
  })

  it('makes near copies candidates and leaves unrelated texts alone', () => {
    const random = createRandom(11)
    const base = generateWords(random, 300, ENGLISH_ECONOMY)
    const copy = editWords(base, random, 3, ENGLISH_ECONOMY)
    const others = Array.from({ length: 20 }, () => generateWords(random, 300, ENGLISH_ECONOMY))
    const signatures = [base, ...others, copy].map((w) => minHashSignature(w.join(' ')))
    expect(lshCandidatePairs(signatures, 16, 8)).toEqual([[0, 21]])
    const verified = nearDuplicatePairs(signatures)
    expect(verified).toHaveLength(1)
    expect(verified[0]).toMatchObject({ a: 0, b: 21 })
    expect(verified[0]?.similarity).toBeGreaterThan(0.8)
  })

  it('never buckets texts without words, and checks signature length', () => {
    const empty = minHashSignature('')
    expect(lshCandidatePairs([empty, empty], 16, 8)).toEqual([])
    expect(() => lshCandidatePairs([minHashSignature('a', { permutations: 64 })], 16, 8)).toThrow(RangeError)
  })

  it('verifies candidates against the threshold', () => {
    const random = createRandom(12)
    const base = generateWords(random, 300, ENGLISH_ECONOMY)
    const edited = editWords(base, random, 12, ENGLISH_ECONOMY) // Jaccard ≈ 0.67
    const signatures = [minHashSignature(base.join(' ')), minHashSignature(edited.join(' '))]
    expect(nearDuplicatePairs(signatures, { threshold: 0.8 })).toEqual([])
    expect(nearDuplicatePairs(signatures, { threshold: 0.5, bands: 32 })).toHaveLength(1)
  })
})
