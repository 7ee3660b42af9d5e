import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createDocument, type Document } from '../../src/core/document.js'
import { createSegmentStage } from '../../src/stages/segment/segment-stage.js'

const stage = createSegmentStage()
const doc = (raw: string, format: 'html' | 'text', meta?: Document['meta']): Document =>
  createDocument({ id: 'd1', source: { format }, raw, ...(meta ? { meta } : {}) })
const shared = (name: string): string =>
  readFileSync(new URL(`../../../shared/badinputs/html/${name}`, import.meta.url), 'utf8')

describe('createSegmentStage', () => {
  it('is named segment', () => {
    expect(stage.name).toBe('segment')
  })

  it('turns scraped text into one block per line', () => {
    const out = stage.run(doc('Headline\n\nFirst paragraph.\nSecond paragraph.', 'text'))
    expect(out.blocks.map((b) => b.text)).toEqual(['Headline', 'First paragraph.', 'Second paragraph.'])
    expect(out.issues).toEqual([])
  })

  it('reports an empty text as one E_EMPTY error issue from the segment stage', () => {
    const out = stage.run(doc('', 'text'))
    expect(out.blocks).toEqual([])
    expect(out.issues).toHaveLength(1)
    expect(out.issues[0]).toMatchObject({ stage: 'segment', code: 'E_EMPTY', severity: 'error' })
  })

  it('reports a whitespace-only text as E_EMPTY', () => {
    expect(stage.run(doc(' \r\n\t\n', 'text')).issues.map((i) => i.code)).toEqual(['E_EMPTY'])
  })

  it('reports a page with no body text as E_EMPTY, keeping what its head declares', () => {
    const out = stage.run(doc(shared('title-only.html'), 'html'))
    expect(out.issues.map((i) => i.code)).toEqual(['E_EMPTY'])
    expect(out.meta.title).toBe('Only a title')
  })

  it('reports a frameset page as E_EMPTY', () => {
    expect(stage.run(doc(shared('frameset-no-body.html'), 'html')).issues.map((i) => i.code)).toEqual(['E_EMPTY'])
  })

  it('segments a page and merges its metadata, letting metadata the document already carries win', () => {
    const html = '<html lang="en"><head><title>Page title</title></head><body><p>Body.</p></body></html>'
    const out = stage.run(doc(html, 'html', { title: 'Title from the record' }))
    expect(out.blocks.map((b) => b.text)).toEqual(['Body.'])
    expect(out.meta).toMatchObject({ title: 'Title from the record', htmlLang: 'en' })
  })

  it('leaves the input document untouched', () => {
    const input = doc('one\ntwo', 'text')
    const snapshot = JSON.stringify(input)
    const out = stage.run(input)
    expect(out).not.toBe(input)
    expect(JSON.stringify(input)).toBe(snapshot)
  })

  it('passes a document that already has an error through unchanged', () => {
    const failed = createDocument({
      id: 'bad',
      source: { format: 'text' },
      raw: 'some text',
      issues: [{ stage: 'read', code: 'E_BINARY', message: 'binary', severity: 'error' }],
    })
    expect(stage.run(failed)).toBe(failed)
  })
})
