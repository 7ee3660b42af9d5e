import { describe, expect, it } from 'vitest'
import { createDocument, type Document } from '../../src/core/document.js'
import { measureHtmlStructure } from '../../src/stages/segment/measure-html-structure.js'
import { createSegmentStage } from '../../src/stages/segment/segment-stage.js'

const doc = (raw: string, format: 'html' | 'text'): Document => createDocument({ id: 'd1', source: { format }, raw })
const nested = (depth: number): string => `<html><body>${'<div>'.repeat(depth)}deep text${'</div>'.repeat(depth)}<p>sibling after deep</p></body></html>`
const errorCodes = (out: Document): string[] => out.issues.filter((i) => i.severity === 'error').map((i) => i.code)

describe('measureHtmlStructure', () => {
  it('counts nesting with the end tags browsers imply, so unclosed paragraphs and list items stay shallow', () => {
    const page = `<html><body><ul>${'<li>item'.repeat(500)}</ul>${'<p>para'.repeat(500)}</body></html>`
    const structure = measureHtmlStructure(page, { maxDepth: 100, maxElements: 10_000 })
    expect(structure.maxDepth).toBeLessThan(10)
    expect(structure.elements).toBe(1_003)
    expect(structure.exceeded).toBeUndefined()
  })

  it('stops at the first element past a limit, so the scan of a pathological page stays short', () => {
    const deep = measureHtmlStructure(`<div>`.repeat(100_000), { maxDepth: 50, maxElements: 1_000_000 })
    expect(deep).toEqual({ maxDepth: 51, elements: 51, exceeded: 'depth' })
    const wide = measureHtmlStructure('<p>x</p>'.repeat(100_000), { maxDepth: 50, maxElements: 1_000 })
    expect(wide.exceeded).toBe('elements')
    expect(wide.elements).toBe(1_001)
  })
})

describe('the segment stage limits', () => {
  it('splits a page nested up to maxHtmlDepth and refuses one nested deeper with E_TOO_DEEP', () => {
    const stage = createSegmentStage({ limits: { maxHtmlDepth: 300 } })
    const within = stage.run(doc(nested(250), 'html'))
    expect(errorCodes(within)).toEqual([])
    expect(within.blocks.map((b) => b.text)).toEqual(['deep text', 'sibling after deep'])
    const beyond = stage.run(doc(nested(400), 'html'))
    expect(errorCodes(beyond)).toEqual(['E_TOO_DEEP'])
    expect(beyond.issues[0]?.message).toContain('limits.maxHtmlDepth (300)')
    expect(beyond.blocks).toEqual([])
  })

  it('refuses never-closed elements by the same depth limit', () => {
    const out = createSegmentStage({ limits: { maxHtmlDepth: 300 } }).run(doc(`<body>${'<div><span>'.repeat(1_000)}text`, 'html'))
    expect(errorCodes(out)).toEqual(['E_TOO_DEEP'])
  })

  it('refuses a page with more elements than maxHtmlElements with E_TOO_MANY_ELEMENTS', () => {
    const page = `<body>${'<p>one paragraph of text</p>'.repeat(2_000)}</body>`
    expect(errorCodes(createSegmentStage({ limits: { maxHtmlElements: 5_000 } }).run(doc(page, 'html')))).toEqual([])
    const out = createSegmentStage({ limits: { maxHtmlElements: 1_000 } }).run(doc(page, 'html'))
    expect(errorCodes(out)).toEqual(['E_TOO_MANY_ELEMENTS'])
  })

  it('refuses text with a line longer than maxLineChars, naming the line, whatever ends the lines', () => {
    const stage = createSegmentStage({ limits: { maxLineChars: 100 } })
    for (const newline of ['\n', '\r\n', '\r']) {
      const text = ['Short first line.', 'Second line.', 'x'.repeat(101), 'Last line.'].join(newline)
      const out = stage.run(doc(text, 'text'))
      expect(errorCodes(out)).toEqual(['E_TOO_LARGE'])
      expect(out.issues[0]?.message).toBe('line 3 has 101 characters, over limits.maxLineChars (100)')
    }
    const fits = stage.run(doc(`Short line.\n${'x'.repeat(100)}`, 'text'))
    expect(errorCodes(fits)).toEqual([])
  })

  it('applies the line limit to scraped text only: a page on one long line is normal', () => {
    const page = `<body><p>${'word '.repeat(100)}</p></body>`
    expect(errorCodes(createSegmentStage({ limits: { maxLineChars: 100 } }).run(doc(page, 'html')))).toEqual([])
  })
})
