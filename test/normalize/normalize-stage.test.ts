import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { contentChars, createDocument, withChanges, type Block, type Document } from '../../src/core/document.js'
import { createNormalizeStage, type NormalizeOptions } from '../../src/stages/normalize/normalize-stage.js'
import { createSegmentStage } from '../../src/stages/segment/segment-stage.js'

const KEEP: NormalizeOptions = { quotes: 'keep', dashes: 'keep', repairMojibake: true }
const normalize = createNormalizeStage(KEEP)
const segment = createSegmentStage()

const sharedText = (name: string): string =>
  readFileSync(new URL(`../../../shared/badinputs/text/${name}`, import.meta.url), 'utf8')

/** A segmented text document. */
const textDoc = (raw: string, meta?: Document['meta']): Document =>
  segment.run(createDocument({ id: 'doc', source: { format: 'text' }, raw, ...(meta ? { meta } : {}) }))

/** A segmented HTML document. */
const htmlDoc = (raw: string): Document => segment.run(createDocument({ id: 'page', source: { format: 'html' }, raw }))

const ruleIds = (doc: Document): string[] => doc.edits.map((e) => e.ruleId).sort()

describe('createNormalizeStage', () => {
  it('is named normalize', () => {
    expect(normalize.name).toBe('normalize')
  })

  it('records one edit per rule that changed something, with the stage and a positive count', () => {
    const out = normalize.run(textDoc('Tom &amp; Jerry\ncafÃ© zero\u200Bwidth\nspaced   out'))
    expect(ruleIds(out)).toEqual(['normalize/control-chars', 'normalize/html-entities', 'normalize/mojibake', 'normalize/whitespace'])
    for (const edit of out.edits) {
      expect(edit.stage).toBe('normalize')
      expect(edit.count).toBeGreaterThan(0)
    }
    expect(out.blocks.map((b) => b.text)).toEqual(['Tom & Jerry', 'café zerowidth', 'spaced out'])
  })

  it('records no edit for clean text and returns the same blocks', () => {
    const input = textDoc('Clean line one.\nClean line two.')
    const out = normalize.run(input)
    expect(out.edits).toEqual([])
    expect(out.blocks).toEqual(input.blocks)
  })

  const accountingCases: [string, () => Document][] = [
    ['entities, mojibake and invisibles', () => textDoc('Tom &amp; Jerry &#x2019;\ncafÃ© â€™ \u200B\u200B\n\u200B\nfine')],
    ['the shared bidi/zero-width file', () => textDoc(sharedText('bidi-zero-width.txt'))],
    ['the shared control-chars file', () => textDoc(sharedText('control-chars.txt'))],
    ['the shared mojibake file', () => textDoc(sharedText('mojibake-double-encoded.txt'))],
    ['an HTML page with entities and invisible characters', () => htmlDoc('<p>a &amp;amp; b\u200B</p><p>&nbsp;</p><p>x  y</p>')],
    ['decomposed accents and doubled quotes', () => textDoc('cafe\u0301\n"“Tehran\n""As he said')],
  ]
  for (const [name, make] of accountingCases) {
    it(`keeps the character accounting exact for ${name}: chars in = chars out + Σ charsDelta`, () => {
      const input = make()
      const charsIn = input.blocks.filter((b) => b.label === 'content').reduce((n, b) => n + b.text.length, 0)
      const out = createNormalizeStage({ quotes: 'straight', dashes: 'ascii', repairMojibake: true }).run(input)
      const charsOut = out.blocks.filter((b) => b.label === 'content').reduce((n, b) => n + b.text.length, 0)
      const newEdits = out.edits.slice(input.edits.length)
      expect(newEdits.length).toBeGreaterThan(0)
      expect(charsIn).toBe(contentChars(input))
      expect(charsIn).toBe(charsOut + newEdits.reduce((n, e) => n + e.charsDelta, 0))
    })
  }

  it('relabels a block that normalization empties as boilerplate, with a normalize/empty-block removal', () => {
    const out = normalize.run(textDoc('Real line.\n\u200B\u200B\u2060\nAnother line.'))
    const emptied = out.blocks[1] as Block
    expect(emptied.text).toBe('')
    expect(emptied.label).toBe('boilerplate')
    expect(emptied.decidedBy).toMatchObject({ stage: 'normalize', ruleId: 'normalize/empty-block' })
    expect(out.removals).toEqual([
      expect.objectContaining({ stage: 'normalize', ruleId: 'normalize/empty-block', blockIndex: 1, scope: 'block' }),
    ])
    expect(out.blocks.filter((b) => b.label === 'content').map((b) => b.text)).toEqual(['Real line.', 'Another line.'])
  })

  it('warns W_CONTROL_CHARS when it removes control characters', () => {
    const out = normalize.run(textDoc(sharedText('control-chars.txt')))
    const warning = out.issues.find((i) => i.code === 'W_CONTROL_CHARS')
    expect(warning).toMatchObject({ stage: 'normalize', severity: 'warning' })
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([])
    for (const b of out.blocks) expect(b.text).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/)
    expect(out.blocks.map((b) => b.text)).toContain('The city council approved a new budget for public libraries on Tuesday, officials said.')
  })

  it('does not warn about control characters in clean text', () => {
    expect(normalize.run(textDoc('Nothing hidden here.')).issues).toEqual([])
  })

  it('keeps the Persian ZWNJ of the shared bidi file while removing the override characters', () => {
    const out = normalize.run(textDoc(sharedText('bidi-zero-width.txt')))
    const text = out.blocks.map((b) => b.text).join('\n')
    expect(text).toContain('\u200C')
    expect(text).not.toMatch(/[\u202E\u202C\u200B\uFEFF]/)
  })

  it('repairs the accented words, the em dash and the Arabic words of the shared mojibake file', () => {
    const out = normalize.run(textDoc(sharedText('mojibake-double-encoded.txt')))
    expect(out.blocks[0]?.text).toMatch(/^café résumé — أعلنت وزارة /)
    expect(out.blocks[0]?.text).not.toMatch(/[ÃØ]/)
  })

  it('repairs a mojibake letter whose second byte is 0x85 ("Ù\\u0085" for م), which the text splitter does not take for a NEL line break', () => {
    const out = normalize.run(textDoc(sharedText('mojibake-double-encoded.txt')))
    expect(out.blocks).toHaveLength(1)
    expect(out.blocks[0]?.text).toBe('café résumé — أعلنت وزارة التعليم')
    expect(out.issues.map((i) => [i.code, i.severity])).toEqual([['W_MOJIBAKE_SUSPECTED', 'warning']])
    expect(out.issues[0]?.message).toBe('repaired 21 characters of UTF-8 that had been read as latin-1 or windows-1252')
  })

  it('leaves mojibake alone when repairMojibake is off', () => {
    const out = createNormalizeStage({ ...KEEP, repairMojibake: false }).run(textDoc('cafÃ©'))
    expect(out.blocks[0]?.text).toBe('cafÃ©')
    expect(ruleIds(out)).not.toContain('normalize/mojibake')
  })

  it('does not decode entities again in an HTML document, whose parser already decoded them', () => {
    const out = normalize.run(htmlDoc('<p>double: &amp;lt;script&amp;gt;</p>'))
    expect(out.blocks[0]?.text).toBe('double: &lt;script&gt;')
    expect(ruleIds(out)).not.toContain('normalize/html-entities')
  })

  it('decodes the same entities in a text document', () => {
    expect(normalize.run(textDoc('double: &lt;script&gt;')).blocks[0]?.text).toBe('double: <script>')
  })

  it('collapses doubled quotes in blocks: "“Tehran and ""As', () => {
    const out = normalize.run(textDoc('"“Tehran is ready,” he said.\n""As we said," she wrote.'))
    expect(out.blocks.map((b) => b.text)).toEqual(['“Tehran is ready,” he said.', '"As we said," she wrote.'])
    expect(ruleIds(out)).toContain('normalize/doubled-quotes')
  })

  it('keeps curly quotes and dashes under the keep policy', () => {
    const out = normalize.run(textDoc('“Yes” – it’s done'))
    expect(out.blocks[0]?.text).toBe('“Yes” – it’s done')
  })

  it('straightens quotes and dashes under the straight and ascii policies', () => {
    const out = createNormalizeStage({ quotes: 'straight', dashes: 'ascii', repairMojibake: true }).run(textDoc('“Yes” – it’s done'))
    expect(out.blocks[0]?.text).toBe(`"Yes" - it's done`)
    expect(ruleIds(out)).toEqual(['normalize/ascii-dashes', 'normalize/straight-quotes'])
  })

  it('normalizes metadata values and drops values that end up empty', () => {
    const input = textDoc('Body line.', { title: '  Tom &amp; Jerry\u200B ', author: 'JosÃ©', place: '\u200B' })
    const out = normalize.run(input)
    expect(out.meta).toEqual({ title: 'Tom & Jerry', author: 'José' })
  })

  it('keeps the words of a multi-line metadata value apart', () => {
    expect(normalize.run(textDoc('Body line.', { title: 'Line one\nLine two' })).meta.title).toBe('Line one Line two')
  })

  it('does not decode entities again in the metadata of an HTML document', () => {
    const page = htmlDoc('<html><head><title>AT&amp;amp;T  results</title></head><body><p>Body.</p></body></html>')
    expect(page.meta.title).toBe('AT&amp;T results')
    expect(normalize.run(page).meta.title).toBe('AT&amp;T results')
  })

  it('leaves blocks that are not content untouched', () => {
    const input = textDoc('Tom &amp; Jerry\nkept &amp; changed')
    const marked = withChanges(input, {
      blocks: input.blocks.map((b, i) => (i === 0 ? { ...b, label: 'boilerplate' as const } : b)),
    })
    const out = normalize.run(marked)
    expect(out.blocks.map((b) => b.text)).toEqual(['Tom &amp; Jerry', 'kept & changed'])
  })

  it('appends to edits, removals and issues that earlier stages recorded', () => {
    const input = withChanges(textDoc('a &amp; b'), {
      edits: [{ stage: 'earlier', ruleId: 'earlier/rule', count: 1, charsDelta: 0 }],
      issues: [{ stage: 'earlier', code: 'W_SOMETHING', message: 'x', severity: 'warning' }],
    })
    const out = normalize.run(input)
    expect(out.edits[0]?.ruleId).toBe('earlier/rule')
    expect(out.edits.map((e) => e.ruleId)).toContain('normalize/html-entities')
    expect(out.issues[0]?.code).toBe('W_SOMETHING')
  })

  it('leaves the input document untouched', () => {
    const input = textDoc('cafÃ© &amp; \u200B')
    const snapshot = JSON.stringify(input)
    normalize.run(input)
    expect(JSON.stringify(input)).toBe(snapshot)
  })

  it('passes a rejected document through unchanged', () => {
    const empty = textDoc('')
    expect(empty.issues[0]?.code).toBe('E_EMPTY')
    expect(normalize.run(empty)).toBe(empty)
  })
})
