import { describe, expect, it } from 'vitest'
import { toJsonLine } from '../../src/writers/safe-json-line.js'
import { splitLinesLikePython } from './support.js'

describe('toJsonLine', () => {
  it('escapes LINE SEPARATOR, PARAGRAPH SEPARATOR and NEL so Python sees one line', () => {
    const value = { text: 'a\u2028b\u2029c\u0085d' }
    const line = toJsonLine(value)
    expect(line).toBe('{"text":"a\\u2028b\\u2029c\\u0085d"}')
    expect(splitLinesLikePython(line)).toEqual([line])
    expect(JSON.parse(line)).toEqual(value)
  })

  it('leaves no character Python splits lines on, whatever the control characters in the value', () => {
    const value = { text: 'v\u000bf\u000cfs\u001cgs\u001drs\u001ecr\rlf\ncrlf\r\nnul\u0000' }
    const line = toJsonLine(value)
    expect(splitLinesLikePython(line)).toEqual([line])
    expect(JSON.parse(line)).toEqual(value)
  })

  it('writes lone surrogates as \\udXXX escapes that survive UTF-8 and parse back to the same string', () => {
    const value = { text: 'high \ud800 low \udfff reversed \udc00\ud800' }
    const line = toJsonLine(value)
    expect(line).toContain('\\ud800')
    expect(line).toContain('\\udfff')
    expect(line).toContain('\\udc00\\ud800')
    expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line)
    expect(JSON.parse(line)).toEqual(value)
  })

  it('keeps well-formed astral characters as they are', () => {
    expect(toJsonLine('flag 🇮🇷')).toBe('"flag 🇮🇷"')
  })

  it('escapes line breaks in keys as well as in values', () => {
    const line = toJsonLine({ 'k\u2028': 1 })
    expect(line).toBe('{"k\\u2028":1}')
  })

  it('refuses a value that JSON cannot represent instead of writing "undefined"', () => {
    expect(() => toJsonLine(undefined)).toThrow(TypeError)
  })
})
