import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js'
import { sitePackSchema } from '../../src/config/site-pack.js'
import { ruleSchema } from '../../src/config/rule-schema.js'
import { addDocument, createBlockFrequency } from '../../src/corpus/block-frequency.js'
import { learnRepeatedBlocks, REPEATED_BLOCK_DEFAULTS, type LearnedSite } from '../../src/corpus/learn-repeated-blocks.js'
import { siteOf } from '../../src/corpus/site-of.js'
import { sitePackFromLearned } from '../../src/corpus/site-pack-from-learned.js'
import { createDocument, documentText } from '../../src/core/document.js'
import { runRuleExamples } from '../../src/rules/run-rule-examples.js'
import { createBoilerplateStage } from '../../src/stages/boilerplate/boilerplate-stage.js'
import { createSegmentStage, selectorRulesOf } from '../../src/stages/segment/segment-stage.js'
import { ruleYaml, SHIPPED_DIR, tempConfig } from '../config/support.js'
import { BASKET_LINE, generatedSite, MENU_LINE } from './generated-site.js'

const SITE = 'news.example.org'
const RULE_ID = 'corpus/repeated-blocks-news-example-org'

function learnedSite(): LearnedSite {
  const summary = createBlockFrequency()
  for (const page of generatedSite(21)) addDocument(summary, siteOf({ source: { url: page.url } }), page.blocks)
  const site = learnRepeatedBlocks(summary)[0]
  if (site === undefined) throw new Error('nothing learned')
  return site
}

const DEFAULTS = { 'defaults.yaml': 'rules:\n' + ruleYaml('promo/subscribe') }

/** Runs the config's rules over a scraped-text page from `url`; returns the kept lines. */
function keptLines(config: LoadedConfig, url: string, lines: readonly string[]): string[] {
  const doc = createDocument({ id: 'p', source: { format: 'text', url }, raw: lines.join('\n') })
  const segmented = createSegmentStage({ selectors: selectorRulesOf(config.rules) }).run(doc)
  return documentText(createBoilerplateStage(config.rules, config.pipeline.boilerplate).run(segmented)).split('\n')
}

describe('sitePackFromLearned', () => {
  const learned = learnedSite()
  const text = sitePackFromLearned(learned, { learnedWith: REPEATED_BLOCK_DEFAULTS })

  it('renders a reviewable pack: header, one exact keyword rule folding digits, a comment per keyword, one example', () => {
    const lines = text.split('\n')
    expect(lines[0]).toBe('# yaml-language-server: $schema=../../schemas/site-pack.schema.json')
    expect(text).toMatch(/^# Learned by the corpus pass \(repeated blocks\) from 40 documents of news\.example\.org/m)
    expect(text).toMatch(/REVIEW BEFORE USE/)
    expect(text).not.toMatch(/20\d\d-\d\d-\d\d/)
    expect(text).toContain(`- "${MENU_LINE}" # 40 of 40 documents (100%), key `)
    expect(text).toMatch(/- "Basket: \d items, [\d,]+ \$" # 30 of 40 documents \(75%\), key [0-9a-f]{16}/)
    const pack = sitePackSchema.parse(parse(text))
    expect(pack.site).toBe(SITE)
    expect(pack.rules).toHaveLength(1)
    const rule = ruleSchema.parse(pack.rules[0])
    expect(rule.id).toBe(RULE_ID)
    expect(rule.match).toEqual({ mode: 'exact', foldDigits: true, keywords: learned.blocks.map((b) => b.sample) })
    expect(rule.examples).toHaveLength(1)
    expect(rule.examples[0]?.removes).toEqual([MENU_LINE])
    // Same list, same text.
    expect(sitePackFromLearned(learnedSite(), { learnedWith: REPEATED_BLOCK_DEFAULTS })).toBe(text)
  })

  it('loads with the config loader, and its rule removes the learned lines on the site only', () => {
    const config = loadConfig(tempConfig({ rules: DEFAULTS, sites: { [`${SITE}.yaml`]: text } }, ['rules']).pipelineFile)
    expect(config.rules.map((r) => r.spec.id)).toContain(RULE_ID)
    const page = [MENU_LINE, BASKET_LINE(2, '9,999'), 'The harbour reopened on Monday after the storm, the port authority said.']
    expect(keptLines(config, 'https://news.example.org/new-story', page)).toEqual([page[2]])
    expect(keptLines(config, 'https://www.news.example.org/other', page)).toEqual([page[2]])
    expect(keptLines(config, 'https://elsewhere.example.com/story', page)).toEqual(page)
    const examples = runRuleExamples(config, { ruleIds: [RULE_ID] })
    expect(examples).toHaveLength(1)
    expect(examples[0]?.passed, JSON.stringify(examples[0]?.failures)).toBe(true)
  })

  it('passes its example among the shipped rules too', () => {
    const shippedRules = Object.fromEntries(readdirSync(join(SHIPPED_DIR, 'rules')).map((f) => [f, readFileSync(join(SHIPPED_DIR, 'rules', f), 'utf8')]))
    const config = loadConfig(tempConfig({ rules: shippedRules, sites: { [`${SITE}.yaml`]: text } }, ['rules']).pipelineFile)
    const examples = runRuleExamples(config, { ruleIds: [RULE_ID] })
    expect(examples.map((e) => e.passed)).toEqual([true])
  })

  it('quotes awkward texts safely and gives blocks spanning lines an HTML example', () => {
    const awkward: LearnedSite = {
      site: 'shop.example.net',
      documents: 12,
      tooFewDocuments: false,
      droppedKeys: 0,
      blocks: [
        { key: '0000000000000001', sample: 'Cart:\n0 items', documents: 12, share: 1 },
        { key: '0000000000000002', sample: "yes", documents: 11, share: 11 / 12 },
        { key: '0000000000000003', sample: '# Sale: 50% off — "today" only #deals', documents: 10, share: 10 / 12 },
        { key: '0000000000000004', sample: '- [x] {a: 1}', documents: 9, share: 0.75 },
      ],
    }
    const pack = sitePackFromLearned(awkward)
    const config = loadConfig(tempConfig({ rules: DEFAULTS, sites: { 'shop.example.net.yaml': pack } }, ['rules']).pipelineFile)
    const rule = config.rules.find((r) => r.spec.id === 'corpus/repeated-blocks-shop-example-net')
    expect(rule?.spec.match.keywords).toEqual(awkward.blocks.map((b) => b.sample))
    expect(rule?.spec.priority).toBe(1000)
    // The example takes the first block that fits on a line.
    expect(rule?.spec.examples[0]?.text).toBe('This sentence stands for the text of an article, which the learned rule keeps.\nyes\n')
    expect(runRuleExamples(config, { ruleIds: [rule?.spec.id ?? ''] }).map((e) => e.passed)).toEqual([true])
    // A block that spans lines gets an HTML example, where it is one block.
    const multiLine = sitePackFromLearned({ ...awkward, blocks: awkward.blocks.slice(0, 1) })
    expect(parse(multiLine).rules[0].examples[0].html).toContain('<p>Cart:\n0 items</p>')
    const multiConfig = loadConfig(tempConfig({ rules: DEFAULTS, sites: { 'shop.example.net.yaml': multiLine } }, ['rules']).pipelineFile)
    expect(runRuleExamples(multiConfig, { ruleIds: [rule?.spec.id ?? ''] }).map((e) => e.passed)).toEqual([true])
  })

  it('refuses groups of files without URL and sites that learned nothing', () => {
    expect(() => sitePackFromLearned({ ...learned, site: '(files)/crawl' })).toThrow(/needs a domain/)
    expect(() => sitePackFromLearned({ ...learned, blocks: [] })).toThrow(/learned no repeated blocks/)
  })
})
