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

/** A 32-bit hash of band `band`'s `rows` hashes (FNV-1a over the words, then mixed); equal bands hash equal. */
function bandHash(hashes: Uint32Array, band: number, rows: number): number {
  let h = (0x811c9dc5 ^ band) >>> 0
  const start = band * rows
  for (let r = start; r < start + rows; r++) h = Math.imul(h ^ (hashes[r] as number), 0x01000193)
  h ^= h >>> 15
  return h >>> 0
}

/** True when signatures `a` and `b` agree on every hash of band `band`. */
function sameBand(a: Uint32Array, b: Uint32Array, band: number, rows: number): boolean {
  for (let r = band * rows; r < (band + 1) * rows; r++) if (a[r] !== b[r]) return false
  return true
}

/**
 * Calls `visit` with every LSH bucket that holds two or more signatures: the ascending indices
 * of the signatures that agree on all `rows` hashes of one band. Signatures without shingles
 * (texts without words) are never bucketed: they are nobody's near duplicate (equal empty texts
 * are exact duplicates instead). Buckets come band by band, and within a band in order of their
 * first member: deterministic for a given list.
 *
 * One band at a time, each signature's band is reduced to a 32-bit hash packed with its index
 * into one 64-bit integer; sorting those brings equal hashes together, and only runs of equal
 * hashes are compared row by row (so a hash collision never merges different bands). Memory is
 * 8 bytes per signature, reused band after band, instead of a string key and an array per
 * signature and band.
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
  const bucketed: number[] = []
  for (const [i, signature] of signatures.entries()) if (signature.shingles > 0) bucketed.push(i)
  const keys = new BigUint64Array(bucketed.length)
  for (let band = 0; band < bands; band++) {
    for (const [k, i] of bucketed.entries()) keys[k] = (BigInt(bandHash((signatures[i] as MinHashSignature).hashes, band, rows)) << 32n) | BigInt(i)
    keys.sort()
    const buckets: number[][] = []
    let runStart = 0
    while (runStart < keys.length) {
      const hash = (keys[runStart] as bigint) >> 32n
      let runEnd = runStart + 1
      while (runEnd < keys.length && (keys[runEnd] as bigint) >> 32n === hash) runEnd++
      if (runEnd - runStart > 1) buckets.push(...equalBands(keys, runStart, runEnd, signatures, band, rows))
      runStart = runEnd
    }
    buckets.sort((a, b) => (a[0] as number) - (b[0] as number))
    for (const members of buckets) visit(members)
  }
}

/** The groups of two or more signatures of one run of equal band hashes whose rows are really equal, each ascending. */
function equalBands(keys: BigUint64Array, start: number, end: number, signatures: readonly MinHashSignature[], band: number, rows: number): number[][] {
  const groups: number[][] = []
  for (let k = start; k < end; k++) {
    const index = Number((keys[k] as bigint) & 0xffffffffn)
    const hashes = (signatures[index] as MinHashSignature).hashes
    const group = groups.find((g) => sameBand((signatures[g[0] as number] as MinHashSignature).hashes, hashes, band, rows))
    if (group) group.push(index)
    else groups.push([index])
  }
  return groups.filter((g) => g.length > 1)
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
