/** How many document ids a report lists per warning code; the total counts them all. */
export const LISTED_WARNING_IDS = 50

/**
 * The documents that carry one warning code: how many, and the ids of the first
 * `LISTED_WARNING_IDS` in sorted order, so researchers can find them, not only count them.
 * Sorted order (not input order) keeps merging associative and commutative.
 */
export interface WarningDocuments {
  total: number
  ids: string[]
}

/** Warning code → the documents that carry it. */
export type WarningDocumentsByCode = Record<string, WarningDocuments>

/** Merges two per-code lists: totals add, ids are the sorted union cut to `LISTED_WARNING_IDS`. */
export function mergeWarningDocuments(a: WarningDocumentsByCode, b: WarningDocumentsByCode): WarningDocumentsByCode {
  const out: WarningDocumentsByCode = {}
  for (const code of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const left = a[code]
    const right = b[code]
    out[code] = {
      total: (left?.total ?? 0) + (right?.total ?? 0),
      ids: [...new Set([...(left?.ids ?? []), ...(right?.ids ?? [])])].sort(byCodeUnits).slice(0, LISTED_WARNING_IDS),
    }
  }
  return out
}

/** Plain code-unit order, the same on every machine (unlike `localeCompare`). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
