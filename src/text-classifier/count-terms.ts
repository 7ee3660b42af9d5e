/** How many word n-grams the classifier's features span: words alone, or words and adjacent word pairs. */
export type NgramRange = 1 | 2

/**
 * Counts a text's features: every token, and with `ngrams` 2 also every pair of adjacent tokens
 * (joined by a space, which no token contains). The map keeps first-seen order, so everything
 * computed from it is reproducible.
 */
export function countTerms(tokens: readonly string[], ngrams: NgramRange): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (term: string): void => {
    counts.set(term, (counts.get(term) ?? 0) + 1)
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string
    add(token)
    if (ngrams === 2 && i + 1 < tokens.length) add(`${token} ${tokens[i + 1] as string}`)
  }
  return counts
}
