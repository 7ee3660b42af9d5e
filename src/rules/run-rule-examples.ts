import type { LoadedConfig } from '../config/load-config.js'
import type { RuleExample } from '../config/rule-schema.js'
import { createDocument, documentText, type Document, type MetaField } from '../core/document.js'
import type { RuleEngineOptions } from '../stages/boilerplate/apply-rule.js'
import { createBoilerplateStage } from '../stages/boilerplate/boilerplate-stage.js'
import type { CompiledRule } from '../stages/boilerplate/compiled-rule.js'
import { createSegmentStage, selectorRulesOf } from '../stages/segment/segment-stage.js'
import { textAround } from './text-around.js'

/**
 * One way an example failed. For snippets, `expected` is the snippet (whitespace squashed) and
 * `actual` the text around it where it was found: in the kept text (`not-removed`) or in what
 * `removedBy` removed (`removed-by-other`, `not-kept`); `actual` is undefined when the snippet
 * is neither in the kept text nor in any removal. For `meta`, the expected and actual values.
 */
export type ExampleFailure =
  | {
      /** `removes` snippet still in the kept text, or found nowhere. */
      readonly kind: 'not-removed'
      readonly snippet: string
      readonly expected: string
      readonly actual: string | undefined
    }
  | {
      /** `removes` snippet gone from the kept text, but taken by another rule than the example's. */
      readonly kind: 'removed-by-other'
      readonly snippet: string
      readonly expected: string
      readonly actual: string
      readonly removedBy: string
    }
  | {
      /** `keeps` snippet missing from the kept text; `removedBy` names the rule that took it, when one did. */
      readonly kind: 'not-kept'
      readonly snippet: string
      readonly expected: string
      readonly actual: string | undefined
      readonly removedBy?: string
    }
  | {
      /** A `meta` field the rules did not set to the expected value. */
      readonly kind: 'meta'
      readonly field: string
      readonly expected: string
      readonly actual: string | undefined
    }

/** The outcome of one example of one rule. */
export interface RuleExampleResult {
  readonly ruleId: string
  /** The rule file the rule and its example live in. */
  readonly file: string
  /** 1-based position of the example in the rule's `examples`. */
  readonly example: number
  readonly passed: boolean
  readonly failures: readonly ExampleFailure[]
}

/** Which examples to run. */
export interface RunRuleExamplesOptions {
  /** Only the examples of these rules (the whole rule set still runs on them); ids not in the config select nothing. */
  readonly ruleIds?: readonly string[]
}

/** Characters of context shown on each side of a snippet in a failure. */
const CONTEXT_CHARS = 40

/**
 * Runs every rule's `examples` as a real run would (segment stage, then the whole rule set of the
 * boilerplate stage, without the block model) and checks each: `removes` snippets were removed
 * by that very rule and are not in the kept text, `keeps` snippets are in the kept text, `meta`
 * fields hold the expected values (whitespace squashed before comparing). A disabled rule's
 * examples run with that rule switched on, so a rule can be checked before it is enabled.
 * Pure: no I/O; one result per example, in rule-file order.
 */
export function runRuleExamples(config: LoadedConfig, options: RunRuleExamplesOptions = {}): RuleExampleResult[] {
  const wanted = options.ruleIds === undefined ? undefined : new Set(options.ruleIds)
  const engineOptions = config.pipeline.boilerplate
  let enabledSet: ExampleRunner | undefined
  const results: RuleExampleResult[] = []
  for (const rule of config.rules) {
    if (wanted !== undefined && !wanted.has(rule.spec.id)) continue
    if (rule.spec.examples.length === 0) continue
    const run = rule.spec.enabled
      ? (enabledSet ??= exampleRunner(config.rules, engineOptions))
      : exampleRunner(withRuleEnabled(config.rules, rule), engineOptions)
    rule.spec.examples.forEach((example, n) => {
      const failures = checkExample(rule.spec.id, example, run(exampleDocument(rule.spec.id, example, n + 1)))
      results.push({ ruleId: rule.spec.id, file: rule.file, example: n + 1, passed: failures.length === 0, failures })
    })
  }
  return results
}

/** A document before and after the rules. */
interface RuleOutcome {
  readonly before: Document
  readonly after: Document
}

type ExampleRunner = (input: Document) => RuleOutcome

/** The segment and boilerplate stages of a rule set, as one function. */
function exampleRunner(rules: readonly CompiledRule[], engineOptions: RuleEngineOptions): ExampleRunner {
  const segment = createSegmentStage({ selectors: selectorRulesOf(rules) })
  const boilerplate = createBoilerplateStage(rules, engineOptions)
  return (input) => {
    const before = segment.run(input)
    return { before, after: boilerplate.run(before) }
  }
}

/** The rule set with one disabled rule switched on. */
function withRuleEnabled(rules: readonly CompiledRule[], target: CompiledRule): CompiledRule[] {
  return rules.map((rule) => (rule === target ? { ...rule, spec: { ...rule.spec, enabled: true } } : rule))
}

function exampleDocument(ruleId: string, example: RuleExample, n: number): Document {
  return createDocument({
    id: `${ruleId}#${n}`,
    source: { format: example.html !== undefined ? 'html' : 'text', ...(example.url ? { url: example.url } : {}) },
    raw: example.html ?? example.text ?? '',
  })
}

function checkExample(ruleId: string, example: RuleExample, { before, after }: RuleOutcome): ExampleFailure[] {
  const kept = squash(documentText(after))
  const removed = removedTextByRule(before, after)
  const failures: ExampleFailure[] = []
  for (const raw of example.removes) {
    const snippet = squash(raw)
    const inKept = textAround(kept, snippet, CONTEXT_CHARS)
    if (inKept !== undefined) {
      failures.push({ kind: 'not-removed', snippet: raw, expected: snippet, actual: inKept })
      continue
    }
    if (removed.get(ruleId)?.includes(snippet)) continue
    const other = findRemoval(removed, snippet)
    failures.push(
      other === undefined
        ? { kind: 'not-removed', snippet: raw, expected: snippet, actual: undefined }
        : { kind: 'removed-by-other', snippet: raw, expected: snippet, actual: other.around, removedBy: other.ruleId },
    )
  }
  for (const raw of example.keeps) {
    const snippet = squash(raw)
    if (kept.includes(snippet)) continue
    const removal = findRemoval(removed, snippet)
    failures.push(
      removal === undefined
        ? { kind: 'not-kept', snippet: raw, expected: snippet, actual: undefined }
        : { kind: 'not-kept', snippet: raw, expected: snippet, actual: removal.around, removedBy: removal.ruleId },
    )
  }
  for (const [field, value] of Object.entries(example.meta ?? {})) {
    const actual = after.meta[field as MetaField]
    if (actual !== value) failures.push({ kind: 'meta', field, expected: value, actual })
  }
  return failures
}

/**
 * What each rule took from a document, whitespace squashed: the original text of the blocks it
 * removed or moved to metadata, and the excerpts of the spans it cut; in removal order.
 */
function removedTextByRule(before: Document, after: Document): Map<string, string> {
  const parts = new Map<string, string[]>()
  for (const removal of after.removals) {
    const text = removal.scope === 'span' ? removal.excerpt : (before.blocks[removal.blockIndex]?.text ?? '')
    const list = parts.get(removal.ruleId) ?? []
    list.push(text)
    parts.set(removal.ruleId, list)
  }
  return new Map([...parts].map(([ruleId, texts]) => [ruleId, squash(texts.join('\n'))]))
}

/** The first rule whose removed text holds the snippet, with the text around it. */
function findRemoval(removed: ReadonlyMap<string, string>, snippet: string): { ruleId: string; around: string } | undefined {
  for (const [ruleId, text] of removed) {
    const around = textAround(text, snippet, CONTEXT_CHARS)
    if (around !== undefined) return { ruleId, around }
  }
  return undefined
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
