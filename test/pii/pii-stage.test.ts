import { describe, expect, it } from 'vitest'
import { contentChars, documentText, withChanges } from '../../src/core/document.js'
import { createPiiStage } from '../../src/stages/pii/pii-stage.js'
import { makeDocument } from '../classify/make-document.js'

const paragraphs = [
  'Contact the press office at press@example.org or +44 20 7946 0958.',
  'The server at 203.0.113.9 logged the request on 2024-01-15 for $1,299.99.',
  { text: 'Footer: webmaster@example.org, call 0212 506 06 42', label: 'boilerplate' as const },
]

describe('the pii stage', () => {
  it('counts matches per kind in the kept text only and leaves the text alone by default', () => {
    const doc = makeDocument(paragraphs)
    const out = createPiiStage({ detect: true, mask: false }).run(doc)
    expect(out.labels.pii).toEqual({ email: 1, phone: 1, ip: 1 })
    expect(out.blocks).toBe(doc.blocks)
    expect(out.edits).toEqual([])
  })

  it('masks matches in content blocks and records one edit per kind with its characters', () => {
    const doc = makeDocument(paragraphs)
    const out = createPiiStage({ detect: true, mask: true }).run(doc)
    expect(documentText(out)).toBe(
      'Contact the press office at [EMAIL] or [PHONE].\nThe server at [IP] logged the request on 2024-01-15 for $1,299.99.',
    )
    expect(out.blocks[2]?.text).toBe('Footer: webmaster@example.org, call 0212 506 06 42')
    expect(out.edits).toEqual([
      { stage: 'pii', ruleId: 'pii/email', count: 1, charsDelta: 'press@example.org'.length - '[EMAIL]'.length },
      { stage: 'pii', ruleId: 'pii/phone', count: 1, charsDelta: '+44 20 7946 0958'.length - '[PHONE]'.length },
      { stage: 'pii', ruleId: 'pii/ip', count: 1, charsDelta: '203.0.113.9'.length - '[IP]'.length },
    ])
    const edited = out.edits.reduce((sum, e) => sum + e.charsDelta, 0)
    expect(contentChars(doc)).toBe(contentChars(out) + edited)
    expect(out.labels.pii).toEqual({ email: 1, phone: 1, ip: 1 })
  })

  it('reports zero counts for a text without matches', () => {
    const out = createPiiStage({ detect: true, mask: true }).run(makeDocument(['Version 2.10.1 ships on 15.01.2024 at 10:30.']))
    expect(out.labels.pii).toEqual({ email: 0, phone: 0, ip: 0 })
    expect(out.edits).toEqual([])
  })

  it('masks without labels when detection is off, and does nothing when both are off', () => {
    const doc = makeDocument(paragraphs)
    const masked = createPiiStage({ detect: false, mask: true }).run(doc)
    expect(masked.labels.pii).toBeUndefined()
    expect(documentText(masked)).toContain('[EMAIL]')
    expect(createPiiStage({ detect: false, mask: false }).run(doc)).toBe(doc)
  })

  it('passes rejected documents through untouched', () => {
    const doc = withChanges(makeDocument(paragraphs), { dropped: { stage: 'boilerplate', code: 'E_EMPTY_AFTER_RULES', reason: 'x' } })
    expect(createPiiStage({ detect: true, mask: true }).run(doc)).toBe(doc)
  })
})
