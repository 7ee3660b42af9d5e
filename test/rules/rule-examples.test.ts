import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import { describeExampleFailure } from '../../src/rules/describe-example-failure.js'
import { runRuleExamples, type RuleExampleResult } from '../../src/rules/run-rule-examples.js'
import { shippedConfig } from '../support/config.js'
import { tempConfig } from '../config/support.js'

const config = shippedConfig()
const results = runRuleExamples(config)

/** A failed example's failures, one diff-like line each, as `decruft rules test` prints them. */
function failureMessage(result: RuleExampleResult): string {
  const lines = result.failures.flatMap((failure) => describeExampleFailure(failure, result.ruleId))
  return `${result.ruleId}, example ${result.example} (${result.file}):\n${lines.join('\n')}`
}

describe('every shipped rule passes its own examples', () => {
  it('ships rules, and every rule has at least one example', () => {
    expect(config.rules.length).toBeGreaterThan(10)
    for (const rule of config.rules) expect(rule.spec.examples.length, rule.spec.id).toBeGreaterThan(0)
  })

  it('runs one check per example of every rule', () => {
    const examples = config.rules.reduce((sum, rule) => sum + rule.spec.examples.length, 0)
    expect(results).toHaveLength(examples)
  })

  for (const result of results) {
    it(`${result.ruleId}, example ${result.example}`, () => {
      expect(result.passed, failureMessage(result)).toBe(true)
    })
  }
})

/** A rule set whose examples fail in every way an example can, to check what the runner reports. */
const FAILING_RULES = `rules:
  - id: custom/signature
    description: Signature lines under a post name who wrote it.
    match: { pattern: '^Posted by:' }
    action: drop-block
    priority: 5
    examples:
      - text: |
          The ministry denied the report on Tuesday, saying no talks were planned, officials said.
          Posted by: Anna
        removes: ["Posted by: Anna"]
      - text: |
          The ministry denied the report on Tuesday. Posted by: Anna, Leeds on 3 May.
          Posted by: Ben
        removes: ["Posted by: Anna", "Not in the example"]
        keeps: ["Posted by: Ben", "Not in the example either"]
        meta: { author: Anna }
  - id: custom/late
    description: A later rule that finds the same lines, too late.
    match: { keywords: [posted by], mode: prefix }
    action: drop-block
    priority: 50
    enabled: false
    examples:
      - text: |
          Posted by: Anna
          The ministry denied the report on Tuesday, saying no talks were planned, officials said.
        removes: ["Posted by: Anna"]
`

describe('runRuleExamples', () => {
  const failing = loadConfig(tempConfig({ rules: { 'custom.yaml': FAILING_RULES } }).pipelineFile, { withBlockModel: false })

  it('returns one result per example, 1-based, with the rule file; a passing example has no failures', () => {
    const results = runRuleExamples(failing)
    expect(results.map((r) => [r.ruleId, r.example, r.passed])).toEqual([
      ['custom/signature', 1, true],
      ['custom/signature', 2, false],
      ['custom/late', 1, false],
    ])
    expect(results[0]?.file).toMatch(/custom\.yaml$/)
    expect(results[0]?.failures).toEqual([])
  })

  it('says where each snippet ended up: kept (with the text around it), removed by which rule, or nowhere', () => {
    const [, second] = runRuleExamples(failing, { ruleIds: ['custom/signature'] })
    expect(second?.failures).toEqual([
      { kind: 'not-removed', snippet: 'Posted by: Anna', expected: 'Posted by: Anna', actual: '…ministry denied the report on Tuesday. Posted by: Anna, Leeds on 3 May.' },
      { kind: 'not-removed', snippet: 'Not in the example', expected: 'Not in the example', actual: undefined },
      { kind: 'not-kept', snippet: 'Posted by: Ben', expected: 'Posted by: Ben', actual: 'Posted by: Ben', removedBy: 'custom/signature' },
      { kind: 'not-kept', snippet: 'Not in the example either', expected: 'Not in the example either', actual: undefined },
      { kind: 'meta', field: 'author', expected: 'Anna', actual: undefined },
    ])
  })

  it('names the rule that removed a snippet before the example\'s own rule could (a disabled rule runs as if enabled)', () => {
    const [late] = runRuleExamples(failing, { ruleIds: ['custom/late'] })
    expect(late?.failures).toEqual([
      { kind: 'removed-by-other', snippet: 'Posted by: Anna', expected: 'Posted by: Anna', actual: 'Posted by: Anna', removedBy: 'custom/signature' },
    ])
    expect(late?.failures.flatMap((f) => describeExampleFailure(f, 'custom/late'))).toEqual(['- expected removed by custom/late: "Posted by: Anna"', '+ removed by custom/signature instead: "Posted by: Anna"'])
  })
})
