/** Arithmetic mean summed left to right, or NaN when there are no values (the reference scorer's convention: "no such documents"). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}
