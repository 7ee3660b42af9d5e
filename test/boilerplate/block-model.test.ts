import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDocument, documentText, type Document } from '../../src/core/document.js'
import { createBoilerplateStage } from '../../src/stages/boilerplate/boilerplate-stage.js'
import { applyBlockModel, MODEL_RULE_ID } from '../../src/stages/boilerplate/model/apply-block-model.js'
import { FEATURE_COUNT, FEATURE_NAMES, documentFeatureVectors } from '../../src/stages/boilerplate/model/block-feature-vector.js'
import { loadBlockModel, scoreBlocks, type BlockModel } from '../../src/stages/boilerplate/model/block-model.js'
import { trainFormatModel, type GoldPage } from '../../src/stages/boilerplate/model/train-block-model.js'
import { createSegmentStage } from '../../src/stages/segment/segment-stage.js'
import { ConfigError } from '../../src/core/errors.js'
import { shippedConfig } from '../support/config.js'
import { tempDir } from '../support/run-cli.js'

const config = shippedConfig()
const model = config.blockModel as BlockModel
const segment = createSegmentStage()

const PROSE = [
  'The regional parliament approved the new water law on Thursday after a debate that lasted most of the week, with members of both large parties voting in favour.',
  'Farmers had warned that the law would raise their costs, but the final text gives them five years to adapt and a fund to pay for new irrigation systems.',
  'The environment minister said the law was overdue and that the region had lost a third of its groundwater reserves in the last twenty years.',
]
const MENU = '<nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li><li><a href="/b">Business</a></li><li><a href="/s">Sport</a></li></ul></nav>'

function page(body: string): Document {
  return segment.run(createDocument({ id: 'p', source: { format: 'html' }, raw: `<html><body>${body}</body></html>` }))
}

describe('the block classifier', () => {
  it('computes one value per named feature for every block', () => {
    const doc = page(`${MENU}<article>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>`)
    const vectors = documentFeatureVectors(doc.blocks)
    expect(vectors).toHaveLength(doc.blocks.length)
    for (const v of vectors) {
      expect(v).toHaveLength(FEATURE_COUNT)
      expect(v.every(Number.isFinite)).toBe(true)
    }
    expect(FEATURE_COUNT).toBe(FEATURE_NAMES.length)
  })

  it('ships a model that scores article prose as content and a link menu as boilerplate', () => {
    const doc = page(`<div class="menu">${MENU}</div><article>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>`)
    const scores = scoreBlocks(model.formats.html, doc.blocks)
    const prose = doc.blocks.filter((b) => PROSE.includes(b.text)).map((b) => scores.probabilities[b.index] as number)
    const menu = doc.blocks.filter((b) => b.text === 'Home').map((b) => scores.probabilities[b.index] as number)
    expect(Math.min(...prose)).toBeGreaterThan(model.formats.html.threshold)
    expect(Math.max(...menu)).toBeLessThan(model.formats.html.threshold)
  })

  it('records each removal with its rule id, score and strongest features', () => {
    const doc = page(`${MENU}<article>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>`)
    const out = applyBlockModel(model, doc, 80)
    const removed = out.blocks.filter((b) => b.decidedBy?.ruleId === MODEL_RULE_ID)
    expect(removed.length).toBeGreaterThan(0)
    expect(removed[0]?.decidedBy?.reason).toMatch(/^p\(content\)=0\.\d\d < [\d.]+; strongest: .+=.+ \(-\d/)
    expect(out.removals.filter((r) => r.ruleId === MODEL_RULE_ID)).toHaveLength(removed.length)
    for (const text of PROSE) expect(documentText(out)).toContain(text)
  })

  it('keeps the best-scoring blocks, with a warning, when it would empty a page', () => {
    const pessimist: BlockModel = {
      ...model,
      formats: { ...model.formats, html: { ...model.formats.html, context: { ...model.formats.html.context, bias: -50 } } },
    }
    const out = applyBlockModel(pessimist, page(`${MENU}<p>${PROSE[0]}</p>`), 80)
    expect(documentText(out).length).toBeGreaterThan(0)
    expect(out.issues.map((i) => i.code)).toContain('W_MODEL_KEPT_BEST')
  })

  it('runs after the rules in the boilerplate stage, judging only what they left', () => {
    const stage = createBoilerplateStage(config.rules, config.pipeline.boilerplate, model)
    const out = stage.run(page(`<footer>Copyright 2024</footer>${PROSE.map((p) => `<p>${p}</p>`).join('')}`))
    const footer = out.blocks.find((b) => b.text === 'Copyright 2024')
    expect(footer?.decidedBy?.ruleId).toBe('page-structure/landmarks')
  })

  it('refuses a model file whose features do not match, naming the file', () => {
    const broken = { ...model, formats: { ...model.formats, text: { ...model.formats.text, local: { ...model.formats.text.local, weights: [1] } } } }
    const file = join(tempDir(), 'model.json')
    writeFileSync(file, JSON.stringify(broken))
    expect(() => loadBlockModel(file)).toThrow(ConfigError)
    expect(() => loadBlockModel(file)).toThrow(/model\.json/)
  })
})

describe('training the block classifier', () => {
  const pages: GoldPage[] = Array.from({ length: 12 }, (_, i) => ({
    id: `page-${i}`,
    raw: ['Home', 'News', 'Sport', 'Contact', ...PROSE.map((p) => `${p} (${i})`), 'Share this', 'Copyright Example'].join('\n'),
    gold: PROSE.map((p) => `${p} (${i})`).join('\n'),
  }))
  const stages = { segment, boilerplate: createBoilerplateStage(config.rules, config.pipeline.boilerplate) }

  it('gives the same model for the same pages, bit for bit', () => {
    const first = trainFormatModel(pages, 'text', stages, false)
    const second = trainFormatModel(pages, 'text', stages, false)
    expect(JSON.stringify(second.model)).toBe(JSON.stringify(first.model))
  })

  it('learns to score the gold paragraphs of its training pages above the page furniture', () => {
    const trained = trainFormatModel(pages, 'text', stages, false)
    const probe = segment.run(createDocument({ id: 'probe', source: { format: 'text' }, raw: pages[0]?.raw ?? '' }))
    const scores = scoreBlocks(trained.model, probe.blocks)
    const prose = probe.blocks.filter((b) => b.text.startsWith('The ')).map((b) => scores.probabilities[b.index] as number)
    const furniture = probe.blocks.filter((b) => ['Share this', 'Copyright Example'].includes(b.text)).map((b) => scores.probabilities[b.index] as number)
    expect(furniture).toHaveLength(2)
    expect(Math.min(...prose)).toBeGreaterThan(Math.max(...furniture))
  })
})
