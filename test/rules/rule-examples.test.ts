import { describe, expect, it } from 'vitest'
import { createDocument, documentText, type Document } from '../../src/core/document.js'
import { createBoilerplateStage } from '../../src/stages/boilerplate/boilerplate-stage.js'
import { createSegmentStage } from '../../src/stages/segment/segment-stage.js'
import { shippedConfig } from '../support/config.js'

const config = shippedConfig()
const segment = createSegmentStage()
const boilerplate = createBoilerplateStage(config.rules, config.pipeline.boilerplate)

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** What one rule took from a document: the original text of its removed blocks and its cut spans. */
function removedBy(ruleId: string, before: Document, after: Document): string {
  return after.removals
    .filter((r) => r.ruleId === ruleId)
    .map((r) => (r.scope === 'span' ? r.excerpt : (before.blocks[r.blockIndex]?.text ?? '')))
    .join('\n')
}

describe('every shipped rule passes its own examples', () => {
  it('ships rules, and every rule has at least one example', () => {
    expect(config.rules.length).toBeGreaterThan(10)
    for (const rule of config.rules) expect(rule.spec.examples.length, rule.spec.id).toBeGreaterThan(0)
  })

  for (const rule of config.rules) {
    rule.spec.examples.forEach((example, n) => {
      it(`${rule.spec.id}, example ${n + 1}`, () => {
        const input = createDocument({
          id: `${rule.spec.id}#${n + 1}`,
          source: { format: example.html !== undefined ? 'html' : 'text', ...(example.url ? { url: example.url } : {}) },
          raw: example.html ?? example.text ?? '',
        })
        const segmented = segment.run(input)
        const cleaned = boilerplate.run(segmented)
        const kept = squash(documentText(cleaned))
        const removed = squash(removedBy(rule.spec.id, segmented, cleaned))
        for (const snippet of example.removes) {
          expect(removed, `"${snippet}" should be removed by ${rule.spec.id}`).toContain(squash(snippet))
          expect(kept, `"${snippet}" should not be in the kept text`).not.toContain(squash(snippet))
        }
        for (const snippet of example.keeps) expect(kept, `"${snippet}" should be kept`).toContain(squash(snippet))
        for (const [field, value] of Object.entries(example.meta ?? {})) {
          expect(cleaned.meta[field as keyof typeof cleaned.meta], `meta.${field}`).toBe(value)
        }
      })
    })
  }
})
