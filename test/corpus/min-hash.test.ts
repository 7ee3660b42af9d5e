import { describe, expect, it } from 'vitest'
import { estimateJaccard, minHashSignature } from '../../src/corpus/min-hash.js'
import { signatureFromJson, signatureToJson, SIGNATURE_SCHEME } from '../../src/corpus/signature-json.js'
import { createRandom, editWords, ENGLISH_ECONOMY, exactJaccard, generateWords, PERSIAN, renderProse } from './generate-text.js'

describe('minHashSignature', () => {
  it('is a pure function of the text: 128 uint32 hashes over the distinct 5-word shingles', () => {
    const random = createRandom(1)
    const text = renderProse(generateWords(random, 300, ENGLISH_ECONOMY), random)
    const a = minHashSignature(text)
    const b = minHashSignature(text)
    expect(a.hashes).toBeInstanceOf(Uint32Array)
    expect(a.hashes.length).toBe(128)
    expect(a.shingleWords).toBe(5)
    expect(a.hashes).toEqual(b.hashes)
    expect(a.shingles).toBeGreaterThan(280)
    expect(a.shingles).toBeLessThanOrEqual(296)
    expect(new Set(a.hashes).size).toBeGreaterThan(100)
  })

  it('does not depend on layout, case or punctuation', () => {
    expect(minHashSignature('The bank raised its rates, again.')).toEqual(minHashSignature('the BANK\n raised its rates again!'))
  })

  it('counts repeated shingles once', () => {
    expect(minHashSignature('a b c d e a b c d e a b c d e').shingles).toBe(5)
  })

  it('uses the whole text as one shingle when it has fewer than k words', () => {
    const short = minHashSignature('rates rose')
    expect(short.shingles).toBe(1)
    expect(estimateJaccard(short, minHashSignature('Rates rose!'))).toBe(1)
    expect(estimateJaccard(short, minHashSignature('rates fell'))).toBeLessThan(0.1)
    expect(minHashSignature('one two three', { shingleWords: 2 }).shingles).toBe(2)
  })

  it('gives a text without words no shingles and every slot 0xFFFFFFFF', () => {
    const empty = minHashSignature(' — ')
    expect(empty.shingles).toBe(0)
    expect([...empty.hashes].every((h) => h === 0xffffffff)).toBe(true)
    expect(estimateJaccard(empty, minHashSignature(''))).toBe(1)
    expect(estimateJaccard(empty, minHashSignature('some words here'))).toBe(0)
  })

  it('honours permutations and shingleWords, and rejects bad values', () => {
    const sig = minHashSignature('one two three four', { permutations: 64, shingleWords: 3 })
    expect(sig.hashes.length).toBe(64)
    expect(sig.shingles).toBe(2)
    expect(() => minHashSignature('x', { permutations: 0 })).toThrow(RangeError)
    expect(() => minHashSignature('x', { shingleWords: 1.5 })).toThrow(RangeError)
  })

  it('hashes non-ASCII shingles (Persian) by their UTF-8 bytes', () => {
    const random = createRandom(2)
    const text = renderProse(generateWords(random, 200, PERSIAN), random, 'arabic')
    const sig = minHashSignature(text)
    expect(sig.shingles).toBeGreaterThan(150)
    expect(estimateJaccard(sig, minHashSignature(text.replaceAll('ی', 'ي').replaceAll('ک', 'ك')))).toBe(1)
    // Two words that differ only beyond ASCII must not hash alike.
    expect(estimateJaccard(minHashSignature('ایران'), minHashSignature('ایرا'))).toBeLessThan(0.1)
  })
})

describe('estimateJaccard', () => {
  it('tracks the exact Jaccard similarity of the shingle sets', () => {
    const random = createRandom(3)
    const errors: number[] = []
    for (let trial = 0; trial < 40; trial++) {
      const words = generateWords(random, 400, ENGLISH_ECONOMY)
      const edited = editWords(words, random, 1 + (trial % 20) * 2, ENGLISH_ECONOMY)
      const truth = exactJaccard(words, edited)
      const estimate = estimateJaccard(minHashSignature(words.join(' ')), minHashSignature(edited.join(' ')))
      errors.push(estimate - truth)
      expect(Math.abs(estimate - truth)).toBeLessThan(0.15) // > 4 standard errors
    }
    const meanAbs = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length
    expect(meanAbs).toBeLessThan(0.04)
    expect(Math.abs(mean)).toBeLessThan(0.02) // no bias
  })

  it('refuses signatures computed with different settings', () => {
    expect(() => estimateJaccard(minHashSignature('a b'), minHashSignature('a b', { permutations: 64 }))).toThrow(RangeError)
    expect(() => estimateJaccard(minHashSignature('a b'), minHashSignature('a b', { shingleWords: 3 }))).toThrow(RangeError)
  })
})

describe('signature JSON', () => {
  it('round-trips through JSON as compact base64', () => {
    const random = createRandom(4)
    const sig = minHashSignature(renderProse(generateWords(random, 100, ENGLISH_ECONOMY), random))
    const json = JSON.parse(JSON.stringify(signatureToJson(sig))) as unknown
    expect(json).toMatchObject({ v: SIGNATURE_SCHEME, k: 5, shingles: sig.shingles })
    expect((json as { hashes: string }).hashes).toHaveLength(684)
    const back = signatureFromJson(json)
    expect(back).toEqual(sig)
    expect(back.hashes).toBeInstanceOf(Uint32Array)
  })

  it('stores hashes little-endian, independent of the machine', () => {
    const sig = { hashes: Uint32Array.from([1, 0xffffffff]), shingles: 1, shingleWords: 5 }
    expect(signatureToJson(sig).hashes).toBe(Buffer.from([1, 0, 0, 0, 255, 255, 255, 255]).toString('base64'))
  })

  it('refuses anything that is not a valid signature of this scheme', () => {
    const good = signatureToJson(minHashSignature('a b c d e f'))
    expect(() => signatureFromJson(null)).toThrow(TypeError)
    expect(() => signatureFromJson({ ...good, v: SIGNATURE_SCHEME + 1 })).toThrow(/scheme/)
    expect(() => signatureFromJson({ ...good, k: 0 })).toThrow(TypeError)
    expect(() => signatureFromJson({ ...good, shingles: -1 })).toThrow(TypeError)
    expect(() => signatureFromJson({ ...good, hashes: 'AAAA' })).toThrow(TypeError) // 3 bytes
    expect(() => signatureFromJson({ ...good, hashes: good.hashes.slice(0, -4) + '!!!!' })).toThrow(TypeError)
    expect(() => signatureFromJson({ ...good, hashes: '' })).toThrow(TypeError)
  })
})
