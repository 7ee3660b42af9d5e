import type { Document } from '../../core/document.js'
import { contentChars, isRejected, withChanges } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import type { RuleEngineOptions } from './apply-rule.js'
import { applyRulesWithSafetyValve, RULE_SAFETY_VALVE_DEFAULTS, type RuleSafetyValveOptions } from './apply-rules-with-safety-valve.js'
import type { CompiledRule } from './compiled-rule.js'
import { applyBlockModel } from './model/apply-block-model.js'
import type { BlockModel } from './model/block-model.js'

/**
 * The boilerplate stage: applies the enabled rules one after another, lowest priority number
 * first (file order breaks ties), so later rules see what earlier ones decided (a title found
 * by one rule lets another drop its repeats); then, when given, the block classifier judges
 * what the rules left. Every decision is recorded in `removals` with its rule id. When the rules
 * would discard nearly all of a document's prose, the safety valve puts it back and flags the
 * document (`W_RULES_REMOVED_NEARLY_ALL`); valve options left out take their defaults.
 */
export function createBoilerplateStage(
  rules: readonly CompiledRule[],
  options: RuleEngineOptions & Partial<RuleSafetyValveOptions>,
  model?: BlockModel,
): Stage {
  const valve: RuleSafetyValveOptions = {
    maxRuleProseRemovedShare: options.maxRuleProseRemovedShare ?? RULE_SAFETY_VALVE_DEFAULTS.maxRuleProseRemovedShare,
    minProseCharsForRuleShareValve: options.minProseCharsForRuleShareValve ?? RULE_SAFETY_VALVE_DEFAULTS.minProseCharsForRuleShareValve,
  }
  const ordered = rules
    .map((rule, order) => ({ rule, order }))
    .filter(({ rule }) => rule.spec.enabled)
    .sort((a, b) => a.rule.spec.priority - b.rule.spec.priority || a.order - b.order)
    .map(({ rule }) => rule)
  return {
    name: 'boilerplate',
    run(doc: Document): Document {
      if (isRejected(doc)) return doc
      const before = contentChars(doc)
      const ruled = applyRulesWithSafetyValve(ordered, doc, options, valve)
      const cleaned = model ? applyBlockModel(model, ruled, options.excerptChars) : ruled
      if (before > 0 && contentChars(cleaned) === 0) {
        return withChanges(cleaned, {
          issues: [
            ...cleaned.issues,
            {
              stage: 'boilerplate',
              code: 'E_EMPTY_AFTER_RULES',
              severity: 'error',
              message: `the rules removed all ${before} characters; see removals for which rules`,
            },
          ],
        })
      }
      return cleaned
    },
  }
}
