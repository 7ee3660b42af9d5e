/**
 * Settings of duplicate detection. `bands × rows` must equal `permutations`: LSH cuts each
 * signature into `bands` bands of `rows` hashes.
 */
export interface DuplicateOptions {
  /** Words per shingle (k of the word k-shingles). */
  readonly shingleWords: number
  /** Hashes per MinHash signature (simulated permutations). */
  readonly permutations: number
  /** LSH bands. */
  readonly bands: number
  /** Hashes per LSH band. */
  readonly rows: number
  /** Estimated Jaccard similarity (0..1] from which two documents are near duplicates. */
  readonly threshold: number
}

/**
 * The defaults: 5-word shingles, 128 hashes, 16 bands × 8 rows, threshold 0.8.
 *
 * Why 16 × 8: a pair with Jaccard s becomes an LSH candidate with probability
 * 1 − (1 − s^8)^16. That S-curve rises at (1/16)^(1/8) ≈ 0.71, below the 0.8 threshold, so pairs
 * at the threshold are found 95% of the time (99.4% at 0.85, 99.99% at 0.9), while pairs at 0.5
 * become candidates only 6% of the time and pairs at 0.3 about 0.1% of the time; every candidate
 * is then verified against the threshold, so a candidate costs time, never a wrong match.
 * (32 × 4 would find nearly every pair at 0.8 but make 87% of pairs at 0.5 and 23% at 0.3
 * candidates; 8 × 16 would find only 20% of pairs at 0.8.) Near the threshold the estimate's own
 * noise (±0.035 at 0.8 with 128 hashes) matters as much as the banding.
 */
export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = Object.freeze({
  shingleWords: 5,
  permutations: 128,
  bands: 16,
  rows: 8,
  threshold: 0.8,
})

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`duplicate options: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`)
  }
}

/**
 * Fills in the defaults and validates: integers in range, threshold in (0, 1], and
 * `bands × rows = permutations`. When only one of `bands` and `rows` is given, the other is
 * `permutations` divided by it; when neither is, `bands` stays 16 and `rows` follows. Throws a
 * RangeError naming the bad setting, so a wrong configuration never silently weakens detection.
 */
export function resolveDuplicateOptions(options: Partial<DuplicateOptions> = {}): DuplicateOptions {
  const shingleWords = options.shingleWords ?? DEFAULT_DUPLICATE_OPTIONS.shingleWords
  const permutations = options.permutations ?? DEFAULT_DUPLICATE_OPTIONS.permutations
  const threshold = options.threshold ?? DEFAULT_DUPLICATE_OPTIONS.threshold
  requireInteger('shingleWords', shingleWords, 1, 64)
  requireInteger('permutations', permutations, 1, 4096)
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`duplicate options: threshold must be a number in (0, 1], got ${String(threshold)}`)
  }
  const defaultBands = options.rows === undefined ? DEFAULT_DUPLICATE_OPTIONS.bands : undefined
  const bands = options.bands ?? defaultBands
  if (bands !== undefined) requireInteger('bands', bands, 1, permutations)
  if (options.rows !== undefined) requireInteger('rows', options.rows, 1, permutations)
  const divisor = options.rows ?? (bands as number)
  if (permutations % divisor !== 0) {
    throw new RangeError(`duplicate options: bands × rows must equal permutations, and ${divisor} does not divide ${permutations}`)
  }
  const rows = options.rows ?? permutations / divisor
  const resolvedBands = bands ?? permutations / rows
  if (resolvedBands * rows !== permutations) {
    throw new RangeError(`duplicate options: bands × rows must equal permutations (${resolvedBands} × ${rows} ≠ ${permutations})`)
  }
  return { shingleWords, permutations, bands: resolvedBands, rows, threshold }
}
