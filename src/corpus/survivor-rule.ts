/**
 * Compares ids by UTF-16 code units (JavaScript's `<` on strings): locale-free and the same on
 * every machine. Note it is not code-point order: 'x\u{1F600}' (a surrogate pair, 0xD83D…) sorts
 * before 'x\uFF21'.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The survivor rule of a duplicate cluster: a document published by an earlier run survives
 * first; then the most complete document (most characters of cleaned text); on equal length,
 * the smallest id by `compareIds`. Negative when `a` should survive rather than `b`. It looks
 * only at the two documents, so the survivor never depends on input order or concurrency.
 */
export function compareSurvivors(
  a: { readonly id: string; readonly chars: number; readonly published?: boolean },
  b: { readonly id: string; readonly chars: number; readonly published?: boolean },
): number {
  const earlier = Number(b.published === true) - Number(a.published === true)
  if (earlier !== 0) return earlier
  if (a.chars !== b.chars) return b.chars - a.chars
  return compareIds(a.id, b.id)
}
