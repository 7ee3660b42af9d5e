import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js'
import { createDocument, documentText } from '../../src/core/document.js'
import { createBoilerplateStage } from '../../src/stages/boilerplate/boilerplate-stage.js'
import { createSegmentStage, selectorRulesOf } from '../../src/stages/segment/segment-stage.js'
import { configError, ruleYaml, tempConfig } from './support.js'

const DEFAULTS = {
  'defaults.yaml':
    'rules:\n' +
    ruleYaml('promo/subscribe', 'match:\n      keywords: [subscribe now]\n    action: drop-block') +
    ruleYaml('promo/sponsored', 'match:\n      keywords: [sponsored]\n    action: drop-block'),
}

const PAGE = ['Subscribe now', 'Sponsored', 'Read more', 'The council approved the budget on Tuesday after a long debate.'].join('\n')

/** Runs the config's rules over PAGE as a scraped-text document from `url`; returns the kept lines. */
function keptLines(config: LoadedConfig, url?: string): string[] {
  const doc = createDocument({ id: 'p', source: { format: 'text', ...(url ? { url } : {}) }, raw: PAGE })
  const segmented = createSegmentStage({ selectors: selectorRulesOf(config.rules) }).run(doc)
  return documentText(createBoilerplateStage(config.rules, config.pipeline.boilerplate).run(segmented)).split('\n')
}

function withPack(pack: string): ReturnType<typeof tempConfig> {
  return tempConfig({ rules: DEFAULTS, sites: { 'news.example.org.yaml': pack } }, ['rules'])
}

describe('site packs', () => {
  it('add rules that apply on their site and its subdomains only', () => {
    const config = loadConfig(withPack('rules:\n' + ruleYaml('news-example/read-more', 'match:\n      keywords: [read more]\n    action: drop-block')).pipelineFile)
    expect(keptLines(config, 'https://news.example.org/a')).not.toContain('Read more')
    expect(keptLines(config, 'https://www.m.news.example.org/a')).not.toContain('Read more')
    expect(keptLines(config, 'https://example.org/a')).toContain('Read more')
    expect(keptLines(config)).toContain('Read more')
  })

  it('disable default rules on their site and nowhere else', () => {
    const config = loadConfig(withPack('disable: [promo/sponsored]\n').pipelineFile)
    expect(keptLines(config, 'https://news.example.org/a')).toContain('Sponsored')
    expect(keptLines(config, 'https://other.example.com/a')).not.toContain('Sponsored')
    expect(keptLines(config, 'https://news.example.org/a')).not.toContain('Subscribe now')
  })

  it('override a default rule on their site, as <id>@<site>, leaving it unchanged elsewhere', () => {
    const config = loadConfig(withPack('override:\n  - id: promo/subscribe\n    match:\n      keywords: [read more]\n').pipelineFile)
    const ids = config.rules.map((r) => r.spec.id)
    expect(ids).toContain('promo/subscribe@news.example.org')
    expect(keptLines(config, 'https://news.example.org/a')).toEqual(['Subscribe now', 'The council approved the budget on Tuesday after a long debate.'])
    expect(keptLines(config, 'https://elsewhere.example.net/')).toContain('Read more')
    expect(keptLines(config, 'https://elsewhere.example.net/')).not.toContain('Subscribe now')
  })

  it('report every problem of a pack at once, naming the pack file, the entry and the reason', () => {
    const pack = [
      'site: other.example.org',
      'disable: [promo/nope]',
      'override:',
      '  - id: promo/missing',
      'rules:',
      ruleYaml('news-example/scoped', 'match:\n      keywords: [x]\n    action: drop-block\n    scope: { sites: [example.com] }'),
    ].join('\n')
    const problems = configError(withPack(pack).pipelineFile).problems
    expect(problems.every((p) => p.file.endsWith('news.example.org.yaml'))).toBe(true)
    expect(problems.map((p) => p.where)).toEqual(['site'])
    const fixed = configError(withPack(pack.replace('site: other.example.org', 'site: news.example.org')).pipelineFile).problems
    expect(fixed.map((p) => p.where)).toEqual(['disable promo/nope', 'override promo/missing', 'rule news-example/scoped.scope'])
    expect(fixed[0]?.message).toMatch(/no default rule has the id promo\/nope/)
  })

  it('refuse a pack whose file name is not a domain', () => {
    const cfg = tempConfig({ rules: DEFAULTS, sites: { 'My Site.yaml': 'disable: [promo/sponsored]\n' } }, ['rules'])
    expect(configError(cfg.pipelineFile).problems[0]?.message).toMatch(/named after its site/)
  })

  it('are part of the rule set hash and listed with their sha256 among the rule files', () => {
    const cfg = withPack('disable: [promo/sponsored]\n')
    const before = loadConfig(cfg.pipelineFile)
    const packFile = cfg.ruleFile('sites', 'news.example.org.yaml')
    const listed = before.ruleFileHashes.find((f) => f.file === packFile)
    expect(listed?.sha256).toBe(createHash('sha256').update(readFileSync(packFile)).digest('hex'))
    writeFileSync(packFile, 'disable: [promo/subscribe]\n')
    const after = loadConfig(cfg.pipelineFile)
    expect(after.ruleSetHash).not.toBe(before.ruleSetHash)
    expect(after.hash).not.toBe(before.hash)
  })

  it('ship an example pack that loads and whose examples run on its site', () => {
    const shipped = loadConfig()
    expect(shipped.sitePackFiles.some((f) => f.endsWith('example.org.yaml'))).toBe(true)
    const added = shipped.rules.find((r) => r.spec.id === 'example-org/newsletter-box')
    expect(added?.spec.scope).toEqual({ sites: ['example.org'] })
    expect(added?.spec.examples[0]?.url).toBe('https://example.org/')
  })

  it('apply to a saved page without a source URL through the address the page declares (canonical, else og:url)', () => {
    const config = loadConfig(withPack('rules:\n' + ruleYaml('news-example/read-more', 'match:\n      keywords: [read more]\n    action: drop-block')).pipelineFile)
    const page = (head: string): string =>
      `<html><head>${head}</head><body><p>Read more</p><p>The council approved the budget on Tuesday after a long debate.</p></body></html>`
    const kept = (head: string): string => {
      const doc = createDocument({ id: 'p', source: { format: 'html' }, raw: page(head) })
      const segmented = createSegmentStage({ selectors: selectorRulesOf(config.rules) }).run(doc)
      return documentText(createBoilerplateStage(config.rules, config.pipeline.boilerplate).run(segmented))
    }
    expect(kept('<link rel="canonical" href="https://news.example.org/2024/budget">')).not.toContain('Read more')
    expect(kept('<meta property="og:url" content="https://news.example.org/a">')).not.toContain('Read more')
    expect(kept('<link rel="canonical" href="/relative/path"><meta property="og:url" content="javascript:alert(1)">')).toContain('Read more')
    expect(kept('<link rel="canonical" href="https://elsewhere.example.net/a">')).toContain('Read more')
  })
})
