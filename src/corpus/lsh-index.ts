import { resolveDuplicateOptions, type DuplicateOptions } from './duplicate-options.js'
import { estimateJaccard, type MinHashSignature } from './min-hash.js'

/** A candidate pair found by LSH and verified: indices into the signature list (a < b) and the estimated Jaccard. */
export interface SimilarPair {
  readonly a: number
  readonly b: number
  readonly similarity: number
}

/**
 * The probability that LSH makes a pair with Jaccard similarity `similarity` a candidate:
 * 1 − (1 − s^rows)^bands, the S-curve that `bands` and `rows` are chosen by (see
 * `DEFAULT_DUPLICATE_OPTIONS`).
 */
export function lshCandidateProbability(similarity: number, bands: number, rows: number): number {
  return 1 - (1 - similarity ** rows) ** bands
}

/** The bucket key of band `band`: its `rows` hashes as 16-bit string units (exact, no collisions). */
function bandKey(hashes: Uint32Array, band: number, rows: number): string {
  let key = ''
  const start = band * rows
  for (let r = start; r < start + rows; r++) {
    const h = hashes[r] as number
    key += String.fromCharCode(h & 0xffff, h >>> 16)
  }
  return key
}

/**
 * Calls `visit` with every LSH bucket that holds two or more signatures: the ascending indices
 * of the signatures that agree on all `rows` hashes of one band. Works one band at a time, so
 * memory holds one band's keys. Signatures without shingles (texts without words) are never
 * bucketed: they are nobody's near duplicate (equal empty texts are exact duplicates instead).
 * Buckets come band by band, and within a band in order of their first member: deterministic
 * for a given list.
 */
export function forEachLshBucket(
  signatures: readonly MinHashSignature[],
  bands: number,
  rows: number,
  visit: (members: readonly number[]) => void,
): void {
  for (const [i, signature] of signatures.entries()) {
    if (signature.hashes.length !== bands * rows) {
      throw new RangeError(`LSH: signature ${i} has ${signature.hashes.length} hashes, expected ${bands} × ${rows}`)
    }
  }
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<string, number[]>()
    for (const [i, signature] of signatures.entries()) {
      if (signature.shingles === 0) continue
      const key = bandKey(signature.hashes, band, rows)
      const bucket = buckets.get(key)
      if (bucket) bucket.push(i)
      else buckets.set(key, [i])
    }
    for (const members of buckets.values()) if (members.length > 1) visit(members)
  }
}

/**
 * The LSH candidate pairs of a list of signatures: every pair (a < b, indices into the list) that
 * shares at least one band bucket, without repeats, sorted. A pair with Jaccard s is a candidate
 * with probability `lshCandidateProbability(s, bands, rows)`; candidates still need verifying.
 */
export function lshCandidatePairs(signatures: readonly MinHashSignature[], bands: number, rows: number): Array<[number, number]> {
  const seen = new Set<number>()
  const pairs: Array<[number, number]> = []
  const n = signatures.length
  forEachLshBucket(signatures, bands, rows, (members) => {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x] as number
        const b = members[y] as number
        const code = a * n + b
        if (seen.has(code)) continue
        seen.add(code)
        pairs.push([a, b])
      }
    }
  })
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1])
}

/**
 * The near-duplicate pairs of a list of signatures: the LSH candidates whose estimated Jaccard
 * similarity is at least the threshold, sorted by (a, b). Options as `resolveDuplicateOptions`.
 */
export function nearDuplicatePairs(signatures: readonly MinHashSignature[], options: Partial<DuplicateOptions> = {}): SimilarPair[] {
  const { bands, rows, threshold } = resolveDuplicateOptions(options)
  const verified: SimilarPair[] = []
  for (const [a, b] of lshCandidatePairs(signatures, bands, rows)) {
    const similarity = estimateJaccard(signatures[a] as MinHashSignature, signatures[b] as MinHashSignature)
    if (similarity >= threshold) verified.push({ a, b, similarity })
  }
  return verified
}
