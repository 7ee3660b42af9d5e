import { describe, expect, it } from 'vitest'
import { ruleSchema } from '../../src/config/rule-schema.js'
import { createDocument, documentText, type Document } from '../../src/core/document.js'
import { createBoilerplateStage } from '../../src/stages/boilerplate/boilerplate-stage.js'
import { compileRule, RuleCompileError } from '../../src/stages/boilerplate/compiled-rule.js'
import { segmentHtml } from '../../src/stages/segment/html-blocks.js'
import { segmentText } from '../../src/stages/segment/text-blocks.js'

const ENGINE = { minProseCharsBeforeDropFromHere: 100, excerptChars: 40 }

function rule(spec: Record<string, unknown>) {
  return compileRule(ruleSchema.parse({ description: 'a rule written for this test', ...spec }), 'test.yaml')
}

function textDoc(text: string, url?: string): Document {
  const doc = createDocument({ id: 't', source: { format: 'text', ...(url ? { url } : {}) }, raw: text })
  return { ...doc, blocks: segmentText(text) }
}

const ARTICLE = [
  'The first paragraph of the article explains what happened in the city on Monday morning.',
  'The second paragraph adds the reactions of the residents and of the local council members.',
]

describe('the rule engine', () => {
  it('drops matching blocks and records one removal per block with the rule id and characters', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/ads', match: { keywords: ['advertisement'] }, action: 'drop-block' })], ENGINE)
    const out = stage.run(textDoc(['Advertisement', ...ARTICLE, 'ADVERTISEMENT'].join('\n')))
    expect(documentText(out)).toBe(ARTICLE.join('\n'))
    expect(out.removals.map((r) => [r.ruleId, r.blockIndex, r.chars])).toEqual([['test/ads', 0, 13], ['test/ads', 3, 13]])
    expect(out.blocks[0]?.decidedBy?.ruleId).toBe('test/ads')
  })

  it('drops everything from a section marker to the end', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/comments', match: { keywords: ['comments'], mode: 'prefix' }, action: 'drop-from-here' })], ENGINE)
    const out = stage.run(textDoc([...ARTICLE, 'Comments (2)', 'Great piece!', 'I disagree.'].join('\n')))
    expect(documentText(out)).toBe(ARTICLE.join('\n'))
    expect(out.removals).toHaveLength(3)
  })

  it('keeps the document and warns when a section marker comes before enough content (safety valve)', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/comments', match: { keywords: ['comments'], mode: 'prefix' }, action: 'drop-from-here' })], ENGINE)
    const out = stage.run(textDoc(['Comments', ...ARTICLE].join('\n')))
    expect(documentText(out)).toContain(ARTICLE[1])
    expect(out.issues.map((i) => i.code)).toEqual(['W_SAFETY_VALVE'])
  })

  it('does not count prose before an HTML page\'s main content container towards the safety valve', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/signature', match: { pattern: '^Posted by ' }, action: 'drop-from-here' })], ENGINE)
    const teasers = ['Elsewhere: the long story of how the old harbour became a market, told by the people who work there.', 'Also read: why the bus timetable changes every spring, and who decides what it looks like.']
    const body = ['The council approved the budget, after a long debate, with a narrow majority on Tuesday evening.', 'The mayor said, to some applause, that the plan would fund two schools, a library and a clinic.', 'Opposition members, who voted against, said they would ask for a review of the cuts in the spring.']
    const html = `<html><body><div class="sidebar">${teasers.map((t) => `<p>${t}</p>`).join('')}</div><div class="post"><p>Posted by Anna Keller on 3 May 2021</p>${body.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`
    const doc = createDocument({ id: 'h', source: { format: 'html' }, raw: html })
    const out = stage.run({ ...doc, blocks: segmentHtml(html).blocks })
    expect(documentText(out)).toContain(body[2])
    expect(out.issues.map((i) => i.code)).toEqual(['W_SAFETY_VALVE'])
  })

  it('applies minRun: only runs of consecutive matching blocks are removed', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/short', match: { detector: 'short-line' }, where: { maxWords: 3 }, minRun: 3, action: 'drop-block' })], ENGINE)
    const out = stage.run(textDoc(['Home', 'News', 'Sport', ARTICLE[0], 'A subheading', ARTICLE[1]].join('\n')))
    expect(documentText(out)).toBe([ARTICLE[0], 'A subheading', ARTICLE[1]].join('\n'))
  })

  it('cuts a span and keeps the rest of the block, counting only the cut characters', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/ref', match: { pattern: '\\[\\d+\\]' }, action: 'drop-span' })], ENGINE)
    const out = stage.run(textDoc('Water boils at 100 degrees [1] at sea level [2].'))
    expect(documentText(out)).toBe('Water boils at 100 degrees at sea level .')
    expect(out.removals.map((r) => [r.scope, r.chars])).toEqual([['span', 7]])
  })

  it('moves a matched line to metadata, with named groups filling fields', () => {
    const stage = createBoilerplateStage(
      [rule({ id: 'test/byline', match: { pattern: '^By (?P<author>[A-Z][a-z]+ [A-Z][a-z]+)$' }, action: 'move-to-meta' })],
      ENGINE,
    )
    const out = stage.run(textDoc(['By Jane Smith', ...ARTICLE].join('\n')))
    expect(out.meta.author).toBe('Jane Smith')
    expect(out.blocks[0]?.label).toBe('metadata')
    expect(out.removals[0]?.scope).toBe('meta')
  })

  it('applies a scoped rule only to documents from its sites', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/site', match: { keywords: ['advertisement'] }, scope: { sites: ['example.com'] }, action: 'drop-block' })], ENGINE)
    const text = ['Advertisement', ...ARTICLE].join('\n')
    expect(stage.run(textDoc(text, 'https://www.example.com/a')).removals).toHaveLength(1)
    expect(stage.run(textDoc(text, 'https://news.example.com/a')).removals).toHaveLength(1)
    expect(stage.run(textDoc(text, 'https://example.org/a')).removals).toHaveLength(0)
    expect(stage.run(textDoc(text)).removals).toHaveLength(0)
  })

  it('runs rules by priority, so a later rule sees what an earlier one decided', () => {
    const title = rule({ id: 'test/title', match: { detector: 'headline' }, action: 'move-to-meta', field: 'title', priority: 1 })
    const repeat = rule({ id: 'test/repeat', match: { detector: 'repeated-title' }, action: 'drop-block', priority: 2 })
    const out = createBoilerplateStage([repeat, title], ENGINE).run(textDoc(['Flood Hits City', 'Flood Hits City', ...ARTICLE].join('\n')))
    expect(out.removals.map((r) => r.ruleId)).toEqual(['test/title', 'test/repeat'])
  })

  it('rejects a document the rules empty completely, keeping the removals that explain it', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/all', match: { pattern: '.' }, action: 'drop-block' })], ENGINE)
    const out = stage.run(textDoc(ARTICLE.join('\n')))
    expect(out.issues.find((i) => i.severity === 'error')?.code).toBe('E_EMPTY_AFTER_RULES')
    expect(out.removals).toHaveLength(2)
  })

  it('skips disabled rules', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/off', match: { pattern: '.' }, action: 'drop-block', enabled: false })], ENGINE)
    expect(stage.run(textDoc(ARTICLE.join('\n'))).removals).toHaveLength(0)
  })

  it('refuses patterns the linear-time engine cannot run, and finishes catastrophic ones quickly', () => {
    expect(() => rule({ id: 'test/back', match: { pattern: '(a)\\1' }, action: 'drop-block' })).toThrow(RuleCompileError)
    const redos = createBoilerplateStage([rule({ id: 'test/redos', match: { pattern: '^(a+)+$' }, action: 'drop-block' })], ENGINE)
    const out = redos.run(textDoc(`${'a'.repeat(50_000)}!`))
    expect(out.removals).toHaveLength(0)
  })

  it('never changes the document it was given', () => {
    const stage = createBoilerplateStage([rule({ id: 'test/ads', match: { keywords: ['advertisement'] }, action: 'drop-block' })], ENGINE)
    const input = textDoc(['Advertisement', ...ARTICLE].join('\n'))
    const snapshot = JSON.stringify(input)
    stage.run(input)
    expect(JSON.stringify(input)).toBe(snapshot)
  })
})
