/** Which records a `--sample N` evaluation uses: deterministic, so two runs score the same documents. */
export interface SampleRule {
  /** A record is used when its 0-based position among the matching records is a multiple of this. */
  readonly every: number
  /** Records matching the dataset filter. */
  readonly of: number
  /** Records used: ceil(of / every). */
  readonly used: number
  /** The rule in words, for reports. */
  readonly rule: string
}

/**
 * Picks every k-th matching record, k = max(1, round(total / target)), so about `target`
 * records are used, spread evenly over the file (and so over its datasets, which it stores
 * in blocks).
 */
export function sampleRule(total: number, target: number): SampleRule {
  const every = Math.max(1, Math.round(total / Math.max(1, target)))
  const used = Math.ceil(total / every)
  return {
    every,
    of: total,
    used,
    rule: `--sample ${target}: records at 0-based positions 0, ${every}, ${2 * every}, … (position % ${every} === 0) among the ${total} matching records, ${used} used`,
  }
}
