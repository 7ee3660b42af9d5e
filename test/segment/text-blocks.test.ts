import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { segmentText } from '../../src/stages/segment/text-blocks.js'

const texts = (raw: string): string[] => segmentText(raw).map((b) => b.text)

describe('segmentText', () => {
  it('makes one block per non-blank line and skips blank and whitespace-only lines', () => {
    expect(texts('first line\n\n   \nsecond line\n\t\nthird line\n')).toEqual(['first line', 'second line', 'third line'])
  })

  it('numbers blocks in order and marks them as content text lines', () => {
    const blocks = segmentText('a\nb\n\nc')
    expect(blocks.map((b) => b.index)).toEqual([0, 1, 2])
    for (const b of blocks) {
      expect(b.kind).toBe('text-line')
      expect(b.label).toBe('content')
    }
  })

  it('trims each line and gives offsets that point at the trimmed text in the raw input', () => {
    const raw = '  Title here  \r\n\r\n\tBody text, with a comma.\u00A0\nlast'
    const blocks = segmentText(raw)
    expect(blocks.map((b) => b.text)).toEqual(['Title here', 'Body text, with a comma.', 'last'])
    for (const b of blocks) {
      expect(b.start).toBeTypeOf('number')
      expect(raw.slice(b.start, b.end)).toBe(b.text)
    }
  })

  it('marks breakBefore on a line that follows one or more blank lines, and only there', () => {
    const blocks = segmentText('one\ntwo\n\nthree\n\n\n\nfour\nfive')
    expect(blocks.map((b) => [b.text, b.breakBefore])).toEqual([
      ['one', false],
      ['two', false],
      ['three', true],
      ['four', true],
      ['five', false],
    ])
  })

  it('marks breakBefore on a first line preceded by blank lines, then resets it for the next line', () => {
    const blocks = segmentText('\n\nfirst\nsecond')
    expect(blocks.map((b) => [b.text, b.breakBefore])).toEqual([
      ['first', true],
      ['second', false],
    ])
  })

  it('splits on CRLF, bare CR, LF, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR alike', () => {
    const raw = 'crlf\r\ncr\rlf\nnel\u0085ls\u2028ps\u2029end'
    const blocks = segmentText(raw)
    expect(blocks.map((b) => b.text)).toEqual(['crlf', 'cr', 'lf', 'nel', 'ls', 'ps', 'end'])
    for (const b of blocks) expect(raw.slice(b.start, b.end)).toBe(b.text)
  })

  it('does not split at a NEL that follows a latin-1 letter: that is the 0x85 byte of mojibake', () => {
    expect(texts('Ø§ÙØªØ¹ÙÙÙ\u0085 end\nnext')).toEqual(['Ø§ÙØªØ¹ÙÙÙ\u0085 end', 'next'])
    expect(texts('plain\u0085next')).toEqual(['plain', 'next'])
  })

  it('treats CRLF as one line break, so it does not count as a blank line', () => {
    const blocks = segmentText('a\r\nb\r\n\r\nc')
    expect(blocks.map((b) => [b.text, b.breakBefore])).toEqual([
      ['a', false],
      ['b', false],
      ['c', true],
    ])
  })

  it('keeps the last line when the text does not end with a newline', () => {
    expect(texts('first\nlast line without newline')).toEqual(['first', 'last line without newline'])
  })

  it('keeps every line of the shared mixed-newlines file, with offsets into the raw text', () => {
    const raw = readFileSync(new URL('../../../shared/badinputs/text/mixed-newlines.txt', import.meta.url), 'utf8')
    const blocks = segmentText(raw)
    expect(blocks.map((b) => b.text)).toEqual(['crlf line', 'lf line', 'old-mac cr line', 'line after cr', 'line after LS', 'line after NEL'])
    for (const b of blocks) expect(raw.slice(b.start, b.end)).toBe(b.text)
  })

  it('keeps the only line of the shared no-trailing-newline file, up to its last character', () => {
    const raw = readFileSync(new URL('../../../shared/badinputs/text/no-trailing-newline.txt', import.meta.url), 'utf8')
    expect(texts(raw)).toEqual(['The city council approved a new budget for public libraries on Tuesday, officials said.'])
    expect(segmentText(raw)[0]?.end).toBe(raw.length)
  })

  it('returns no blocks for empty or whitespace-only text', () => {
    expect(segmentText('')).toEqual([])
    expect(segmentText(' \n\t\r\n\u00A0\u3000\n')).toEqual([])
  })
})
