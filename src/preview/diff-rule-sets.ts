import type { CompiledRule } from '../stages/boilerplate/compiled-rule.js'

/** Rule ids only the proposed set has, only the current set has, and those whose behaviour differs. */
export interface RuleSetDiff {
  readonly added: readonly string[]
  readonly removed: readonly string[]
  /** Same id, different match, conditions, action, priority, scope or `enabled`; description and examples do not count. */
  readonly changed: readonly string[]
}

/**
 * Compares two rule sets by id, so a preview can name the rules a change touches even when
 * they remove nothing in the sample. Only fields that affect cleaning are compared.
 */
export function diffRuleSets(current: readonly CompiledRule[], proposed: readonly CompiledRule[]): RuleSetDiff {
  const before = new Map(current.map((rule) => [rule.spec.id, behaviourKey(rule)]))
  const after = new Map(proposed.map((rule) => [rule.spec.id, behaviourKey(rule)]))
  return {
    added: [...after.keys()].filter((id) => !before.has(id)).sort(),
    removed: [...before.keys()].filter((id) => !after.has(id)).sort(),
    changed: [...after.entries()].filter(([id, key]) => before.has(id) && before.get(id) !== key).map(([id]) => id).sort(),
  }
}

/** The rule's cleaning-relevant fields as canonical JSON (keys sorted, so key order never counts). */
function behaviourKey(rule: CompiledRule): string {
  const { description: _description, examples: _examples, ...behaviour } = rule.spec
  return JSON.stringify(behaviour, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )
}
