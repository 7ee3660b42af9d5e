import type { Block, Document, DocumentIssue, Removal } from '../../core/document.js'
import { withChanges } from '../../core/document.js'
import { applyRule, type RuleEngineOptions } from './apply-rule.js'
import { blockWordCount, endsWithSentencePunctuation, PROSE_MIN_WORDS } from './block-features.js'
import type { CompiledRule } from './compiled-rule.js'

/**
 * Options of the rule-share safety valve (pipeline file, `boilerplate` section): when the rules
 * discard more than `maxRuleProseRemovedShare` of a document's prose, and the document has at
 * least `minProseCharsForRuleShareValve` characters of it, their removals of prose are undone.
 */
export interface RuleSafetyValveOptions {
  readonly maxRuleProseRemovedShare: number
  readonly minProseCharsForRuleShareValve: number
}

/** The valve's defaults, for callers (rule examples, training) that pass only the rule engine's options. */
export const RULE_SAFETY_VALVE_DEFAULTS: RuleSafetyValveOptions = { maxRuleProseRemovedShare: 0.95, minProseCharsForRuleShareValve: 500 }

/** The warning a document gets when the valve undid the rules' removals of its prose. */
export const RULES_REMOVED_NEARLY_ALL = 'W_RULES_REMOVED_NEARLY_ALL'

const STAGE = 'boilerplate'
/** Rules of this concept remove reader comments (see the `comments` output field). */
const COMMENT_RULES = 'comments/'
/** Class and id tokens that mark reader comments (WordPress, Disqus, wpDiscuz markup). */
const COMMENT_TOKENS: ReadonlySet<string> = new Set(['comment', 'comments', 'disqus', 'wpdiscuz'])
/** How many rules the warning names, largest share first. */
const NAMED_RULES = 10

/** A prose block as it stood just before a rule first discarded text from it. */
interface RestorePoint {
  readonly block: Block
  /** Length of `removals` before that rule ran: the block's removals from this position on are undone. */
  readonly removalsBefore: number
}

/**
 * Applies the rules in order (as given) and then the rule-share safety valve: a single bad rule
 * (a selector that matches the page wrapper, a pattern that matches every sentence) must not
 * wipe an article. When the rules discarded (dropped or cut, not moved to metadata) more than
 * the allowed share of the document's prose, every prose block they discarded text from is put
 * back as it stood before, its removals leave provenance, and the document is flagged
 * `W_RULES_REMOVED_NEARLY_ALL` with the prose characters each rule would have removed; the
 * block classifier, if any, then judges those blocks like any other.
 *
 * Reader comments are not the article and do not count as prose: blocks the page marks as
 * comments (class or id `comment`, `comments`, `disqus`, `wpdiscuz`) and blocks a `comments/`
 * rule dropped. Without that, every page whose comment thread outweighs its article would trip
 * the valve and get its thread back (on the dev split: comment leak 1.8% → 4.4%).
 */
export function applyRulesWithSafetyValve(
  rules: readonly CompiledRule[],
  doc: Document,
  engine: RuleEngineOptions,
  valve: RuleSafetyValveOptions,
): Document {
  const prose = new Map<number, Block>()
  for (const block of doc.blocks) if (block.label === 'content' && isProse(block) && !markedAsComment(block)) prose.set(block.index, block)
  const restorePoints = new Map<number, RestorePoint>()
  let ruled = doc
  for (const rule of rules) {
    const next = applyRule(rule, ruled, engine)
    if (next !== ruled) noteRestorePoints(ruled, next, prose, restorePoints)
    ruled = next
  }
  if (restorePoints.size === 0) return ruled
  // Blocks a comment rule dropped are reader comments, not the article: they leave the count.
  for (const r of ruled.removals.slice(doc.removals.length)) {
    if (r.scope === 'block' && r.ruleId.startsWith(COMMENT_RULES) && prose.delete(r.blockIndex)) restorePoints.delete(r.blockIndex)
  }
  if (restorePoints.size === 0) return ruled
  let proseChars = 0
  for (const block of prose.values()) proseChars += block.text.length
  if (proseChars === 0 || proseChars < valve.minProseCharsForRuleShareValve) return ruled
  const byRule = discardedProseByRule(ruled.removals.slice(doc.removals.length), prose)
  const discarded = [...byRule.values()].reduce((a, b) => a + b, 0)
  if (discarded <= valve.maxRuleProseRemovedShare * proseChars) return ruled
  return restoreProse(ruled, restorePoints, doc.removals.length, {
    stage: STAGE,
    code: RULES_REMOVED_NEARLY_ALL,
    severity: 'warning',
    message: describeValve(byRule, discarded, proseChars, restorePoints.size, valve.maxRuleProseRemovedShare),
  })
}

/** Prose: a block of at least `PROSE_MIN_WORDS` words that ends like a sentence. */
function isProse(block: Block): boolean {
  return blockWordCount(block) >= PROSE_MIN_WORDS && endsWithSentencePunctuation(block.text)
}

/** Reader comments as the page marks them: a class or id token of the block or a (non-wrapper) ancestor. */
function markedAsComment(block: Block): boolean {
  return block.html?.tokens.some((t) => COMMENT_TOKENS.has(t)) === true
}

/** True when a removal takes text out of the record; a move to metadata keeps it there. */
function discards(removal: Removal): boolean {
  return removal.scope !== 'meta'
}

/** Remembers, for each prose block a rule discarded text from for the first time, the block as it stood before. */
function noteRestorePoints(before: Document, after: Document, prose: ReadonlyMap<number, Block>, points: Map<number, RestorePoint>): void {
  let blocksBefore: Map<number, Block> | undefined
  for (const removal of after.removals.slice(before.removals.length)) {
    if (!discards(removal) || !prose.has(removal.blockIndex) || points.has(removal.blockIndex)) continue
    blocksBefore ??= new Map(before.blocks.map((b) => [b.index, b]))
    const block = blocksBefore.get(removal.blockIndex)
    if (block) points.set(removal.blockIndex, { block, removalsBefore: before.removals.length })
  }
}

/** Prose characters each rule discarded, largest first (rule id breaks ties). */
function discardedProseByRule(removals: readonly Removal[], prose: ReadonlyMap<number, Block>): Map<string, number> {
  const byRule = new Map<string, number>()
  for (const r of removals) if (discards(r) && prose.has(r.blockIndex)) byRule.set(r.ruleId, (byRule.get(r.ruleId) ?? 0) + r.chars)
  return new Map([...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
}

/**
 * Puts the prose blocks back as they stood before their first discarding rule and drops that
 * removal and every later one of the same block. (A later move to metadata of such a block keeps
 * its metadata field; the text is then in both places, never lost.)
 */
function restoreProse(ruled: Document, points: ReadonlyMap<number, RestorePoint>, removalsAtStart: number, issue: DocumentIssue): Document {
  const blocks = ruled.blocks.map((block) => points.get(block.index)?.block ?? block)
  const removals = ruled.removals.filter((r, position) => {
    if (position < removalsAtStart) return true
    const point = points.get(r.blockIndex)
    return point === undefined || position < point.removalsBefore
  })
  return withChanges(ruled, { blocks, removals, issues: [...ruled.issues, issue] })
}

function describeValve(byRule: ReadonlyMap<string, number>, discarded: number, proseChars: number, blocks: number, maxShare: number): string {
  const entries = [...byRule]
  const named = entries.slice(0, NAMED_RULES).map(([id, chars]) => `${id} ${chars}`)
  const more = entries.length > NAMED_RULES ? `, and ${entries.length - NAMED_RULES} more rules` : ''
  return (
    `the rules would have removed ${discarded} of ${proseChars} characters of prose (${percent(discarded / proseChars)}, more than ${percent(maxShare)}); ` +
    `put back the ${blocks} prose blocks they hit. Prose characters per rule: ${named.join(', ')}${more}`
  )
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}
