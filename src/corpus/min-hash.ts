import murmurhash from 'murmurhash'
import { DEFAULT_DUPLICATE_OPTIONS, resolveDuplicateOptions } from './duplicate-options.js'
import { normalizeForDuplicates } from './text-fingerprint.js'

/**
 * A document's MinHash signature: a small summary, computed from its text alone, from which
 * the Jaccard similarity of two documents' shingle sets can be estimated. Signatures of
 * documents processed by different workers or batches can be pooled as they are.
 */
export interface MinHashSignature {
  /** The minimum of each of the `permutations` derived hashes over the shingles (uint32 each). */
  readonly hashes: Uint32Array
  /** Distinct shingles of the text (0 for a text with no words: then every hash is 0xFFFFFFFF). */
  readonly shingles: number
  /** Words per shingle the signature was computed with; signatures with different k never compare. */
  readonly shingleWords: number
}

/** What `minHashSignature` can be told: shingle size and signature length. */
export interface MinHashOptions {
  readonly shingleWords?: number
  readonly permutations?: number
}

/** Seeds of the two base murmur3 hashes of a shingle (fixed: changing them changes every signature). */
const SEED_1 = 0x9747b28c
const SEED_2 = 0x2f8a6c1d
/** The hash value of an empty slot: larger than or equal to every real hash. */
const EMPTY = 0xffffffff
const SPACE = 0x20
const encoder = new TextEncoder()

/** murmur3's 32-bit finaliser: a bijection of uint32 with full avalanche. */
function fmix32(value: number): number {
  let h = value
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Hashes per shared buffer that signatures are carved from (512 KiB). */
const POOL_HASHES = 128 * 1024
let pool = new Uint32Array(0)
let poolUsed = 0

/**
 * A fresh view of `length` hashes in a shared buffer. A run keeps one signature per document
 * until its duplicates are decided; a buffer of its own per signature costs about 250 bytes of
 * allocator overhead on top of the 512 bytes of hashes, a view into a shared one about 100.
 */
function pooledHashes(length: number): Uint32Array {
  if (poolUsed + length > pool.length) {
    pool = new Uint32Array(Math.max(POOL_HASHES, length))
    poolUsed = 0
  }
  const view = pool.subarray(poolUsed, poolUsed + length)
  poolUsed += length
  return view
}

/**
 * A copy of `hashes` in a buffer of its own, for sending to another thread: sending a view of
 * a shared buffer would copy the whole buffer.
 */
export function standaloneHashes(hashes: Uint32Array): Uint32Array {
  return hashes.slice()
}

/** A copy of `hashes` carved from the shared buffers, for keeping (as signatures received from a worker thread). */
export function pooledCopy(hashes: Uint32Array): Uint32Array {
  const copy = pooledHashes(hashes.length)
  copy.set(hashes)
  return copy
}

/**
 * The signature of a text that is already `normalizeForDuplicates`-normalised (words separated
 * by single spaces); `minHashSignature` without normalising twice.
 *
 * Shingles are the runs of `shingleWords` consecutive words (a text with fewer words is one
 * shingle; a text with none has no shingles). Each distinct shingle's UTF-8 bytes get two base
 * hashes, h1 = murmur3(bytes, SEED_1) and h2 = murmur3(bytes, SEED_2) | 1; hash i of the shingle is
 * fmix32((h1 + i·h2) mod 2^32), i = 0..permutations−1 (Kirsch–Mitzenmacher double hashing, done
 * with Math.imul, then the murmur3 finaliser so the derived hashes order shingles independently
 * of each other). Slot i of the signature is the minimum of hash i over the shingles.
 */
export function minHashOfNormalized(normalized: string, options: MinHashOptions = {}): MinHashSignature {
  const shingleWords = options.shingleWords ?? DEFAULT_DUPLICATE_OPTIONS.shingleWords
  const permutations = options.permutations ?? DEFAULT_DUPLICATE_OPTIONS.permutations
  resolveDuplicateOptions({ shingleWords, permutations, bands: 1 })
  const hashes = pooledHashes(permutations).fill(EMPTY)
  if (normalized.length === 0) return { hashes, shingles: 0, shingleWords }

  // A space byte never occurs inside a multi-byte UTF-8 sequence, so words are the runs between 0x20.
  const bytes = encoder.encode(normalized)
  const starts: number[] = [0]
  const ends: number[] = []
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === SPACE) {
      ends.push(i)
      starts.push(i + 1)
    }
  }
  ends.push(bytes.length)

  const seen = new Set<number>()
  const count = Math.max(1, starts.length - shingleWords + 1)
  for (let s = 0; s < count; s++) {
    const last = Math.min(s + shingleWords, starts.length) - 1
    const shingle = bytes.subarray(starts[s] as number, ends[last] as number)
    const h1 = murmurhash.v3(shingle, SEED_1)
    const h2 = (murmurhash.v3(shingle, SEED_2) | 1) >>> 0
    // 53-bit identity of the shingle (all of h1, 21 bits of h2): skips repeated shingles.
    const identity = h1 * 0x200000 + (h2 >>> 11)
    if (seen.has(identity)) continue
    seen.add(identity)
    let combined = h1
    for (let i = 0; i < permutations; i++) {
      const value = fmix32(combined)
      if (value < (hashes[i] as number)) hashes[i] = value
      combined = (combined + h2) | 0
    }
  }
  return { hashes, shingles: seen.size, shingleWords }
}

/**
 * The MinHash signature of a text over its word shingles: a pure function of the text (it is
 * normalised with `normalizeForDuplicates` first) and the options (default 5-word shingles,
 * 128 hashes). See `minHashOfNormalized` for how the hashes are derived.
 */
export function minHashSignature(text: string, options: MinHashOptions = {}): MinHashSignature {
  return minHashOfNormalized(normalizeForDuplicates(text), options)
}

/**
 * The estimated Jaccard similarity of the two texts' shingle sets: the share of signature slots
 * where the two signatures agree (standard error ≈ √(J(1−J)/permutations), about 0.035 at
 * J = 0.8 with 128 hashes). Two texts without words count as identical (1), a text without words
 * and one with words as disjoint (0). Throws when the signatures were computed with different
 * settings, since their slots would not correspond.
 */
export function estimateJaccard(a: MinHashSignature, b: MinHashSignature): number {
  if (a.hashes.length !== b.hashes.length || a.shingleWords !== b.shingleWords) {
    throw new RangeError(
      `estimateJaccard: signatures differ in settings (${a.hashes.length} vs ${b.hashes.length} hashes, ${a.shingleWords} vs ${b.shingleWords} words per shingle)`,
    )
  }
  if (a.shingles === 0 || b.shingles === 0) return a.shingles === b.shingles ? 1 : 0
  const x = a.hashes
  const y = b.hashes
  let same = 0
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++
  return same / x.length
}
