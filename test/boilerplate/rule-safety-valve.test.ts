import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ruleSchema } from '../../src/config/rule-schema.js'
import { contentChars, createDocument, documentText, type Document } from '../../src/core/document.js'
import { createPipeline } from '../../src/core/pipeline.js'
import { RULES_REMOVED_NEARLY_ALL } from '../../src/stages/boilerplate/apply-rules-with-safety-valve.js'
import { createBoilerplateStage } from '../../src/stages/boilerplate/boilerplate-stage.js'
import { compileRule } from '../../src/stages/boilerplate/compiled-rule.js'
import type { BlockModel } from '../../src/stages/boilerplate/model/block-model.js'
import { createSegmentStage, selectorRulesOf } from '../../src/stages/segment/segment-stage.js'
import { segmentText } from '../../src/stages/segment/text-blocks.js'
import { shippedConfig } from '../support/config.js'
import { SHARED } from '../support/run-cli.js'
import { WATER_LAW_PROSE } from '../support/sample-prose.js'

const ENGINE = { minProseCharsBeforeDropFromHere: 100, excerptChars: 40 }

function rule(spec: Record<string, unknown>) {
  return compileRule(ruleSchema.parse({ description: 'a rule written for this test', ...spec }), 'test.yaml')
}

function textDoc(text: string): Document {
  const doc = createDocument({ id: 't', source: { format: 'text' }, raw: text })
  return { ...doc, blocks: segmentText(text) }
}

/** Six sentences of prose, well over the valve's 500 characters. */
const PROSE = WATER_LAW_PROSE
const FURNITURE = ['Advertisement', 'Share this article', 'Advertisement']
const ADS = rule({ id: 'test/ads', match: { keywords: ['advertisement', 'share this article'] }, action: 'drop-block' })
/** A bad rule: "ends with a full stop" matches every sentence of every article. */
const EVERY_SENTENCE = rule({ id: 'test/every-sentence', match: { pattern: '\\.$' }, action: 'drop-block', priority: 60 })

describe('the rule-share safety valve', () => {
  it('puts back the prose a drop-block rule matched everywhere, and warns naming the rule and its characters', () => {
    const doc = textDoc([FURNITURE[0], ...PROSE.slice(0, 3), FURNITURE[1], ...PROSE.slice(3), FURNITURE[2]].join('\n'))
    const out = createBoilerplateStage([ADS, EVERY_SENTENCE], ENGINE).run(doc)
    expect(documentText(out)).toBe(PROSE.join('\n'))
    expect(out.issues.map((i) => [i.code, i.severity])).toEqual([[RULES_REMOVED_NEARLY_ALL, 'warning']])
    const proseChars = PROSE.join('').length
    const message = out.issues[0]?.message ?? ''
    expect(message).toContain(`test/every-sentence ${proseChars}`)
    expect(message).toContain(`${proseChars} of ${proseChars} characters of prose`)
    // the furniture stays removed by its own rule; the bad rule's removals leave provenance
    expect(out.removals.map((r) => r.ruleId)).toEqual(['test/ads', 'test/ads', 'test/ads'])
    expect(out.blocks.filter((b) => PROSE.includes(b.text)).every((b) => b.label === 'content' && b.decidedBy === undefined)).toBe(true)
    expect(contentChars(doc)).toBe(contentChars(out) + out.removals.reduce((n, r) => n + r.chars, 0))
  })

  it('leaves a document alone when the rules remove only the furniture', () => {
    const doc = textDoc([FURNITURE[0], ...PROSE, ...FURNITURE.slice(1)].join('\n'))
    const out = createBoilerplateStage([ADS], ENGINE).run(doc)
    expect(documentText(out)).toBe(PROSE.join('\n'))
    expect(out.issues).toEqual([])
    expect(out.removals).toHaveLength(3)
  })

  it('lets the rules take most of the prose as long as they stay under the share', () => {
    const lastTwo = rule({ id: 'test/last-two', match: { pattern: '(summer|amendments)\\.$' }, action: 'drop-block' })
    const out = createBoilerplateStage([lastTwo], ENGINE).run(textDoc(PROSE.join('\n')))
    expect(out.issues).toEqual([])
    expect(out.removals.map((r) => r.ruleId)).toEqual(['test/last-two', 'test/last-two'])
  })

  it('restores a block as it stood before the discarding rule, keeping an earlier move to metadata', () => {
    const dateline = rule({ id: 'test/dateline', match: { pattern: '^(?P<dateline>[A-Z]+ \\(Reuters\\)) - ' }, action: 'move-to-meta', priority: 10 })
    const first = `BERLIN (Reuters) - ${PROSE[0]}`
    const out = createBoilerplateStage([dateline, EVERY_SENTENCE], ENGINE).run(textDoc([first, ...PROSE.slice(1)].join('\n')))
    expect(out.meta.dateline).toBe('BERLIN (Reuters)')
    expect(documentText(out)).toBe(PROSE.join('\n'))
    expect(out.removals.map((r) => [r.ruleId, r.scope])).toEqual([['test/dateline', 'meta']])
    expect(out.issues.map((i) => i.code)).toEqual([RULES_REMOVED_NEARLY_ALL])
  })

  it('catches a selector that matches the page wrapper, names the rule, and hands the prose to the block classifier', () => {
    const wrapper = rule({ id: 'test/wrapper', match: { selector: 'div.page-wrap' }, action: 'drop-block' })
    const html = `<html><body><div class="page-wrap"><nav><a href="/">Home</a> <a href="/w">World</a></nav><article>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article><footer>(c) 2024 Example News</footer></div></body></html>`
    const doc = createSegmentStage({ selectors: selectorRulesOf([wrapper]) }).run(createDocument({ id: 'h', source: { format: 'html' }, raw: html }))
    const out = createBoilerplateStage([wrapper], ENGINE, shippedConfig().blockModel as BlockModel).run(doc)
    for (const p of PROSE) expect(documentText(out)).toContain(p)
    const proseChars = PROSE.join('').length
    expect(out.issues.find((i) => i.code === RULES_REMOVED_NEARLY_ALL)?.message).toMatch(new RegExp(`per rule: test/wrapper ${proseChars}$`))
    // the menu and the footer stay removed by the rule; the prose blocks are judged by the model, which keeps them
    expect(out.removals.filter((r) => r.ruleId === 'test/wrapper').map((r) => r.excerpt)).toEqual(['Home World', '(c) 2024 Example News'])
    expect(out.removals.filter((r) => PROSE.includes(out.blocks[r.blockIndex]?.text ?? ''))).toEqual([])
  })

  it('does not count reader comments: a thread the page marks as comments, or that a comments/ rule removes, is not the article', () => {
    const furniture = rule({ id: 'test/comment-class', match: { features: { tokens: ['comment'] } }, action: 'drop-block' })
    const html = `<html><body><article><h1>Water law passed</h1><p>${PROSE[0]}</p></article><section id="thread">${PROSE.slice(1).map((p) => `<div class="comment"><p>${p}</p></div>`).join('')}</section></body></html>`
    const page = createDocument({ id: 'c', source: { format: 'html' }, raw: html })
    const out = createBoilerplateStage([furniture], ENGINE).run(createSegmentStage().run(page))
    expect(documentText(out)).toContain(PROSE[0])
    expect(documentText(out)).not.toContain(PROSE[1])
    expect(out.issues).toEqual([])
    // the same bad pattern as a comments/ rule removes comments by design: no valve, the rules decide
    const thread = rule({ id: 'comments/every-sentence', match: { pattern: '\\.$' }, action: 'drop-block' })
    expect(createBoilerplateStage([thread], ENGINE).run(textDoc(PROSE.join('\n'))).issues.map((i) => i.code)).toEqual(['E_EMPTY_AFTER_RULES'])
  })

  it('does not apply below its prose minimum: a short document the rules empty is still rejected', () => {
    const out = createBoilerplateStage([EVERY_SENTENCE], ENGINE).run(textDoc(PROSE.slice(0, 2).join('\n')))
    expect(out.issues.map((i) => i.code)).toEqual(['E_EMPTY_AFTER_RULES'])
  })

  it('is switched off by a share of 1 and tuned by its options', () => {
    const doc = textDoc(PROSE.join('\n'))
    expect(createBoilerplateStage([EVERY_SENTENCE], { ...ENGINE, maxRuleProseRemovedShare: 1 }).run(doc).issues.map((i) => i.code)).toEqual(['E_EMPTY_AFTER_RULES'])
    const short = textDoc(PROSE.slice(0, 2).join('\n'))
    const out = createBoilerplateStage([EVERY_SENTENCE], { ...ENGINE, minProseCharsForRuleShareValve: 100 }).run(short)
    expect(out.issues.map((i) => i.code)).toEqual([RULES_REMOVED_NEARLY_ALL])
  })

  it('leaves the shared all-furniture page to the rules: rejected E_EMPTY_AFTER_RULES once its blocks are removed', () => {
    // The page has no prose (only an ad box, a menu and a footer), so the valve never applies.
    const raw = readFileSync(join(SHARED, 'badinputs/html/empty-body-after-cleaning.html'), 'utf8')
    const out = createPipeline(shippedConfig()).processDocument(createDocument({ id: 'empty-body', source: { format: 'html' }, raw }))
    expect(out.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['E_EMPTY_AFTER_RULES'])
    expect(out.issues.map((i) => i.code)).not.toContain(RULES_REMOVED_NEARLY_ALL)
  })
})
