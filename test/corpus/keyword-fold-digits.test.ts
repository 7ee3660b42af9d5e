import { describe, expect, it } from 'vitest'
import { ruleSchema, type RuleSpec } from '../../src/config/rule-schema.js'
import type { Block } from '../../src/core/document.js'
import { compileRule, foldDigitRuns } from '../../src/stages/boilerplate/compiled-rule.js'
import type { DetectorContext } from '../../src/stages/boilerplate/detectors/detector.js'

function rule(match: Record<string, unknown>): RuleSpec {
  return ruleSchema.parse({ id: 'test/fold-digits', description: 'A rule for the foldDigits tests.', match, action: 'drop-block' }) as RuleSpec
}

function matches(spec: RuleSpec, text: string): boolean {
  const block: Block = { index: 0, text, kind: 'text-line', breakBefore: false, label: 'content' }
  return compileRule(spec, 'test.yaml').match(block, {} as DetectorContext) !== null
}

describe('keyword rules with foldDigits', () => {
  it('match "3,048 $" with the keyword "0 $" only when digits fold', () => {
    expect(matches(rule({ keywords: ['0 $'], foldDigits: true }), '3,048 $')).toBe(true)
    expect(matches(rule({ keywords: ['0 $'], foldDigits: true, mode: 'exact' }), '1,234 $ / 2,500 $')).toBe(true)
    expect(matches(rule({ keywords: ['0 $'] }), '3,048 $')).toBe(false)
    expect(matches(rule({ keywords: ['0 $'], foldDigits: false }), '3,048 $')).toBe(false)
    expect(matches(rule({ keywords: ['0 $'] }), '0 $')).toBe(true)
  })

  it('fold the keywords as well as the text, in every mode', () => {
    expect(matches(rule({ keywords: ['Basket: 3 items'], foldDigits: true, mode: 'prefix' }), 'Basket: 12 items, 4,100 $')).toBe(true)
    expect(matches(rule({ keywords: ['page 1 of 9'], foldDigits: true, mode: 'contains' }), 'Back · Page 4 of 17 · Next')).toBe(true)
    expect(matches(rule({ keywords: ['© 2019 Example News'], foldDigits: true, mode: 'suffix' }), 'Contact · © 2025 Example News')).toBe(true)
    expect(matches(rule({ keywords: ['Basket: 3 items'], foldDigits: true }), 'Basket: many items')).toBe(false)
  })

  it('is refused by the schema without keywords', () => {
    const result = ruleSchema.safeParse({ id: 'test/x', description: 'A rule for the foldDigits tests.', match: { pattern: '^x', foldDigits: true }, action: 'drop-block' })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.message)).toContain('foldDigits applies to keywords only')
    expect(ruleSchema.safeParse({ id: 'test/x', description: 'A rule for the foldDigits tests.', match: { keywords: ['x'], foldDigits: 'yes' }, action: 'drop-block' }).success).toBe(false)
  })

  it('folds grouped numbers to one "0" but leaves digits inside words and separate words alone', () => {
    expect(foldDigitRuns('3 048')).toBe('0')
    expect(foldDigitRuns('page 1 of 12')).toBe('page 0 of 0')
    expect(foldDigitRuns('mp3 0 player')).toBe('mp0 0 player')
    expect(foldDigitRuns('covid19 2 3')).toBe('covid0 0')
  })
})
