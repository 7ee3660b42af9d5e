/**
 * Tokens as the extraction benchmarks count them: Python's Unicode `\w+`, written for
 * JavaScript as `[\p{L}\p{N}_]+`. Case is kept; callers lower-case when a metric wants it.
 */
const TOKEN_PATTERN = /[\p{L}\p{N}_]+/gu

/** Splits text into `\w+` tokens (letters, digits, underscore); empty or missing text gives none. */
export function tokenize(text: string | null | undefined): string[] {
  return text ? (text.match(TOKEN_PATTERN) ?? []) : []
}

/** Counts each distinct token: the multiset that bag-of-tokens metrics compare. */
export function tokenCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1)
  return counts
}
