import type { Document } from '../core/document.js'

/** Characters and blocks one rule removed (or moved to metadata) in each run, and the change. */
export interface RuleCharRow {
  readonly ruleId: string
  readonly current: number
  readonly proposed: number
  /** proposed − current: positive when the proposed rules remove more. */
  readonly delta: number
  readonly currentRemovals: number
  readonly proposedRemovals: number
}

/**
 * Sums each run's `removals` per rule id (rules, the block classifier `model/block-classifier`
 * and `normalize/empty-block` alike: all record their removals there), over the sampled
 * documents. Every id in `listedRuleIds` gets a row even when neither run removed anything with
 * it, so a new rule that matches nothing shows as 0 → 0. Sorted by |delta|, then by the larger
 * side, then by id.
 */
export function removedCharsByRule(
  pairs: readonly { readonly current: Document; readonly proposed: Document }[],
  listedRuleIds: readonly string[] = [],
): RuleCharRow[] {
  const tally = new Map<string, { current: number; proposed: number; currentRemovals: number; proposedRemovals: number }>()
  const rowFor = (ruleId: string) => {
    let row = tally.get(ruleId)
    if (!row) tally.set(ruleId, (row = { current: 0, proposed: 0, currentRemovals: 0, proposedRemovals: 0 }))
    return row
  }
  for (const ruleId of listedRuleIds) rowFor(ruleId)
  for (const { current, proposed } of pairs) {
    for (const removal of current.removals) {
      const row = rowFor(removal.ruleId)
      row.current += removal.chars
      row.currentRemovals++
    }
    for (const removal of proposed.removals) {
      const row = rowFor(removal.ruleId)
      row.proposed += removal.chars
      row.proposedRemovals++
    }
  }
  return [...tally.entries()]
    .map(([ruleId, t]) => ({ ruleId, ...t, delta: t.proposed - t.current }))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || Math.max(b.current, b.proposed) - Math.max(a.current, a.proposed) || compareIds(a.ruleId, b.ruleId))
    .map(({ ruleId, current, proposed, delta, currentRemovals, proposedRemovals }) => ({ ruleId, current, proposed, delta, currentRemovals, proposedRemovals }))
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
