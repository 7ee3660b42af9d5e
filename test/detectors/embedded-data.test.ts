import { describe, expect, it } from 'vitest'
import type { Span } from '../../src/stages/boilerplate/detectors/detector.js'
import { detectEmbeddedData, findDataSpans } from '../../src/stages/boilerplate/detectors/embedded-data.js'
import { loneBlock } from './support.js'

/** The text with the spans cut out, as the drop-span action leaves it (spaces squashed). */
function cut(text: string, spans: readonly Span[]): string {
  let out = ''
  let from = 0
  for (const s of spans) {
    out += text.slice(from, s.start) + ' '
    from = s.end
  }
  return (out + text.slice(from)).replace(/\s+/g, ' ').trim()
}

/** The text of each span; a span may also take the whitespace after a blob, which does not matter to the cut. */
const pieces = (text: string): string[] => findDataSpans(text).map((s) => text.slice(s.start, s.end).trimEnd())

describe('detectEmbeddedData', () => {
  it('cuts a JSON array of objects out of prose and leaves the prose', () => {
    const blob = '[{"id":"18","title":"Earlier story one"},{"id":"19","title":"Earlier story two"}]'
    const text = `The minister arrived on Monday. ${blob} He left on Tuesday.`
    expect(pieces(text)).toEqual([blob])
    expect(cut(text, findDataSpans(text))).toBe('The minister arrived on Monday. He left on Tuesday.')
  })

  it('returns spans and a reason through the detector interface, and null for plain prose', () => {
    const text = 'Before {"a":"one","b":"two","c":"three"} after'
    const match = detectEmbeddedData(...loneBlock(text))
    expect(match?.spans).toHaveLength(1)
    expect(match?.reason).toMatch(/1 data blob/)
    expect(detectEmbeddedData(...loneBlock('The talks went well, officials said.'))).toBeNull()
  })

  it('takes a PHP var_dump string together with its string(N) " prefix and its closing quote', () => {
    const blob = '[{"id":"18","title":"Earlier story one","pic":"/a.jpg"} ,{"id":"19","title":"Earlier story two","pic":"/b.jpg"}]'
    const dump = `string(120) "${blob}"`
    const text = `The minister arrived on Monday. ${dump}`
    expect(pieces(text)).toEqual([dump])
    expect(cut(text, findDataSpans(text))).toBe('The minister arrived on Monday.')
  })

  it('takes PHP print_r output', () => {
    const text = 'Debug: Array ( [a] => 1 [b] => 2 ) and the story goes on.'
    expect(pieces(text)).toEqual(['Array ( [a] => 1 [b] => 2 )'])
    expect(cut(text, findDataSpans(text))).toBe('Debug: and the story goes on.')
  })

  it('takes nested print_r output as one span', () => {
    const dump = 'Array ( [0] => Array ( [id] => 18 [title] => One ) [1] => Array ( [id] => 19 [title] => Two ) )'
    expect(pieces(`Before ${dump} after`)).toEqual([dump])
  })

  it('takes a JavaScript assignment with its var keyword, name and semicolon', () => {
    const text = 'Officials said the plan is ready. var config = {"section":"politics","tags":["a","b"],"id":12}; More details will follow next week.'
    expect(pieces(text)).toEqual(['var config = {"section":"politics","tags":["a","b"],"id":12};'])
    expect(cut(text, findDataSpans(text))).toBe('Officials said the plan is ready. More details will follow next week.')
  })

  it('takes a window.x = {...} assignment', () => {
    const text = 'Intro. window.__DATA__ = {"page":"home","user":{"id":1,"name":"x"}}; Outro.'
    expect(cut(text, findDataSpans(text))).toBe('Intro. Outro.')
  })

  it('does not take braces in prose, {which began in May}', () => {
    expect(findDataSpans('He said the talks {which began in May} were going well.')).toEqual([])
  })

  it('does not take a short JSON-like snippet or a quoted list in brackets', () => {
    expect(findDataSpans('The field {"a":1} was empty.')).toEqual([])
    expect(findDataSpans('They chanted ["yes", "no", "maybe", "perhaps", "never"] all night.')).toEqual([])
  })

  it('takes two separate blobs in one block', () => {
    const a = '{"id":"1","title":"First","pic":"/a.jpg"}'
    const b = '{"id":"2","title":"Second","pic":"/b.jpg"}'
    expect(pieces(`One ${a} two ${b} three`)).toEqual([a, b])
  })

  it('takes a long blob cut off at the end of the text, up to the end', () => {
    const items = Array.from({ length: 8 }, (_, i) => `{"id":"${i}","title":"Story number ${i}"}`).join(',')
    const truncated = `[${items},{"id":"8","tit`
    const text = `The report was published. ${truncated}`
    const spans = findDataSpans(text)
    expect(spans).toEqual([{ start: text.indexOf('['), end: text.length }])
  })

  it('does not take a short unclosed opener at the end of the text', () => {
    expect(findDataSpans('He typed {"a": 1, "b": 2 and stopped')).toEqual([])
  })

  it('finishes on 200,000 characters of repeated {" openers', { timeout: 5_000 }, () => {
    expect(findDataSpans('{"'.repeat(100_000))).toEqual([])
  })

  it('finishes on 200,000 characters of deeply nested brackets that are not data', { timeout: 5_000 }, () => {
    expect(findDataSpans('['.repeat(100_000) + ']'.repeat(100_000))).toEqual([])
  })

  it('finishes on thousands of nested print_r openers that never close', { timeout: 5_000 }, () => {
    expect(findDataSpans('Array ( [x] => '.repeat(20_000))).toBeInstanceOf(Array)
  })
})
