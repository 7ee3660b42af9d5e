import { describe, expect, it } from 'vitest'
import { jsonlRecordToDocument, MAX_RECORD_DEPTH } from '../../src/readers/jsonl-record-to-document.js'
import { readWarning } from '../../src/readers/read-issues.js'
import { codes } from './helpers.js'

const at = { file: 'batch/records.jsonl', line: 7 }
const fromJson = (json: string) => jsonlRecordToDocument(JSON.parse(json), at)

describe('jsonlRecordToDocument', () => {
  it('builds a text document with its location, url and the other fields in extra', () => {
    const doc = fromJson('{"id":"a","text":"Hello","url":"https://example.org/a","lang":"en"}')
    expect(doc.id).toBe('a')
    expect(doc.raw).toBe('Hello')
    expect(doc.source).toEqual({ file: 'batch/records.jsonl', line: 7, format: 'text', url: 'https://example.org/a' })
    expect(doc.extra).toEqual({ lang: 'en' })
    expect(doc.issues).toEqual([])
  })

  it('uses html when both html and text are strings and keeps text in extra', () => {
    const doc = fromJson('{"id":"a","html":"<p>Hi</p>","text":"Hi"}')
    expect(doc.source.format).toBe('html')
    expect(doc.raw).toBe('<p>Hi</p>')
    expect(doc.extra).toEqual({ text: 'Hi' })
  })

  it('turns a safe integer id into its decimal string', () => {
    expect(fromJson('{"id":42,"text":"x"}').id).toBe('42')
  })

  it.each([['9007199254740993'], ['1e400'], ['-0'], ['1.5']])('rejects the numeric id %s as E_ID_UNSAFE_NUMBER', (id) => {
    const doc = fromJson(`{"id":${id},"text":"x"}`)
    expect(codes(doc)).toEqual(['E_ID_UNSAFE_NUMBER'])
    expect(doc.id).toBe('batch/records.jsonl#L7')
  })

  it.each([['""'], ['"a\\u0000b"']])('rejects the id %s as E_ID_INVALID', (id) => {
    expect(codes(fromJson(`{"id":${id},"text":"x"}`))).toEqual(['E_ID_INVALID'])
  })

  it('says what it expected and what it got for a wrong content type, under the record id', () => {
    const doc = fromJson('{"id":"a","text":["x"]}')
    expect(codes(doc)).toEqual(['E_SCHEMA'])
    expect(doc.issues[0]?.message).toBe('expected html or text as a string, got html: missing, text: array')
    expect(doc.id).toBe('a')
    expect(doc.raw).toBe('')
  })

  it('rejects a record whose html is a string but whose text has the wrong type', () => {
    expect(codes(fromJson('{"id":"a","html":"<p>x</p>","text":5}'))).toEqual(['E_SCHEMA'])
  })

  it('rejects a url that is not a string', () => {
    const doc = fromJson('{"id":"a","text":"x","url":5}')
    expect(doc.issues[0]?.message).toBe('expected url as a string, got number')
  })

  it('rejects a value that is not an object', () => {
    expect(fromJson('[1,2]').issues[0]?.message).toBe('expected a JSON object, got array')
  })

  it('flags blank content as E_EMPTY but keeps the record readable', () => {
    const doc = fromJson('{"id":"a","text":" \\u00a0\\u3000 "}')
    expect(codes(doc)).toEqual(['E_EMPTY'])
    expect(doc.id).toBe('a')
  })

  it('replaces lone surrogates in the content and flags them', () => {
    const doc = fromJson('{"id":"a","text":"x\\ud800y"}')
    expect(doc.raw).toBe('x\uFFFDy')
    expect(codes(doc)).toEqual(['W_LONE_SURROGATE'])
  })

  it('drops __proto__, constructor and prototype keys at any depth and names them', () => {
    const doc = fromJson('{"id":"a","text":"x","__proto__":{"polluted":1},"meta":[{"constructor":{"prototype":{"polluted":1}}}]}')
    expect(codes(doc)).toEqual(['W_UNSAFE_KEY_DROPPED'])
    expect(doc.issues[0]?.message).toContain('__proto__')
    expect(doc.issues[0]?.message).toContain('meta[0].constructor')
    expect(doc.extra).toEqual({ meta: [{}] })
    expect(Object.getPrototypeOf(doc.extra)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('rejects a record nested deeper than the limit as E_TOO_DEEP', () => {
    const deep = '['.repeat(MAX_RECORD_DEPTH + 5) + ']'.repeat(MAX_RECORD_DEPTH + 5)
    expect(codes(fromJson(`{"id":"a","text":"x","meta":${deep}}`))).toEqual(['E_TOO_DEEP'])
  })

  it('keeps warnings found earlier on the line, also on error documents', () => {
    const warning = readWarning('W_INVALID_UTF8', 'invalid UTF-8: 1 byte sequence(s) replaced with U+FFFD')
    expect(codes(jsonlRecordToDocument({ id: 'a', text: 'x' }, at, [warning]))).toEqual(['W_INVALID_UTF8'])
    expect(codes(jsonlRecordToDocument(null, at, [warning]))).toEqual(['W_INVALID_UTF8', 'E_SCHEMA'])
  })
})
