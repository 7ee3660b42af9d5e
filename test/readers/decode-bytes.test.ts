import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../../src/readers/decode-bytes.js'
import { BADINPUTS, manifestEntries } from './helpers.js'

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))))

const codesOf = (result: ReturnType<typeof decodeBytes>) => result.issues.map((i) => i.code)

describe('decodeBytes', () => {
  it('decodes plain UTF-8 without any issue', () => {
    expect(decodeBytes(bytes('Grüße, سلام'))).toEqual({ text: 'Grüße, سلام', issues: [] })
  })

  it('strips a leading UTF-8 BOM but keeps a U+FEFF in the middle of the text', () => {
    const result = decodeBytes(bytes([0xef, 0xbb, 0xbf], 'a\uFEFFb'))
    expect(result.text).toBe('a\uFEFFb')
    expect(result.issues).toEqual([])
  })

  it('decodes UTF-16LE and UTF-16BE by their BOM and flags W_DECODED_UTF16', () => {
    const le = decodeBytes(bytes([0xff, 0xfe], [...Buffer.from('hé ز', 'utf16le')]))
    const be = decodeBytes(bytes([0xfe, 0xff], [...Buffer.from('hé ز', 'utf16le').swap16()]))
    expect(le.text).toBe('hé ز')
    expect(be.text).toBe('hé ز')
    expect(codesOf(le)).toEqual(['W_DECODED_UTF16'])
    expect(be.issues[0]?.message).toContain('UTF-16BE')
  })

  it('rejects as E_EMPTY a file whose only content cannot be decoded: a UTF-16 BOM and a lone surrogate', () => {
    const result = decodeBytes(bytes([0xff, 0xfe, 0x00, 0xd8]))
    expect(result.text).toBe('\uFFFD')
    expect(codesOf(result)).toEqual(['W_DECODED_UTF16', 'E_EMPTY'])
    expect(result.issues[1]?.message).toBe('no text: nothing but whitespace and undecodable bytes (U+FFFD)')
    expect(codesOf(decodeBytes(bytes([0xff, 0xfe], [...Buffer.from('ok \uFFFD', 'utf16le')])))).toEqual(['W_DECODED_UTF16'])
  })

  it('replaces invalid UTF-8 with U+FFFD and counts only the replacements it made', () => {
    const result = decodeBytes(bytes('a', [0xff], 'b\uFFFDc', [0xfe]))
    expect(result.text).toBe('a\uFFFDb\uFFFDc\uFFFD')
    expect(codesOf(result)).toEqual(['W_INVALID_UTF8'])
    expect(result.issues[0]?.message).toContain('2 byte sequence(s)')
    expect(result.issues[0]?.severity).toBe('warning')
  })

  it('never decodes an overlong encoding of "/" into a slash', () => {
    const result = decodeBytes(bytes('..', [0xc0, 0xaf], 'etc'))
    expect(result.text).not.toContain('/')
    expect(result.text).toContain('\uFFFD')
  })

  it.each([
    ['PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x41]],
    ['PDF document', [...Buffer.from('%PDF-1.7\nhello')]],
    ['gzip data', [0x1f, 0x8b, 0x08, 0x00, 0x41]],
    ['ZIP archive', [0x50, 0x4b, 0x03, 0x04, 0x41]],
  ])('rejects a %s by its signature as E_BINARY with empty text', (name, signature) => {
    const result = decodeBytes(Uint8Array.from(signature))
    expect(result.text).toBe('')
    expect(codesOf(result)).toEqual(['E_BINARY'])
    expect(result.issues[0]?.message).toContain(name)
  })

  it('rejects UTF-16 without a BOM as binary because half its bytes are NUL', () => {
    expect(codesOf(decodeBytes(Buffer.from('The city council approved', 'utf16le')))).toEqual(['E_BINARY'])
  })

  it('keeps text with a few NUL and control bytes', () => {
    const result = decodeBytes(bytes('first line', [0], 'with NUL\n\x1b[31mred\x1b[0m\n'))
    expect(result.issues).toEqual([])
    expect(result.text).toContain('\0')
  })

  it.each([
    ['empty input', bytes()],
    ['a lone UTF-8 BOM', bytes([0xef, 0xbb, 0xbf])],
    ['spaces, tabs, newlines, NBSP and ideographic space', bytes(' \t\r\n\u00A0\u3000\n')],
  ])('flags %s as E_EMPTY', (_name, input) => {
    const result = decodeBytes(input)
    expect(codesOf(result)).toEqual(['E_EMPTY'])
    expect(result.issues[0]?.severity).toBe('error')
  })
})

describe('decodeBytes on the shared hostile inputs', async () => {
  const decodeCodes = new Set(['E_BINARY', 'E_EMPTY', 'W_INVALID_UTF8', 'W_DECODED_UTF16', 'W_CHARSET_GUESSED', 'W_CHARSET_MISMATCH'])
  const decodeFixture = async (file: string) =>
    decodeBytes(await readFile(path.join(BADINPUTS, file)), { html: file.startsWith('html/') })
  const entries = [...(await manifestEntries('text')), ...(await manifestEntries('html'))]
  // An HTML page without visible text is judged empty after segmentation, not from its bytes.
  const isHtmlEmptiness = (e: { path: string; code: string }) => e.path.startsWith('html/') && e.code === 'E_EMPTY'
  const expectingDecodeCode = entries.filter((e) => decodeCodes.has(e.code) && !isHtmlEmptiness(e))

  it('finds fixtures for every decode code in the manifest', () => {
    expect(new Set(expectingDecodeCode.map((e) => e.code))).toEqual(decodeCodes)
  })

  it.each(expectingDecodeCode.map((e) => [e.path, e.code]))('gives %s the code %s', async (file, code) => {
    const result = await decodeFixture(file)
    expect(result.issues.map((i) => i.code)).toContain(code)
  })

  it.each(entries.filter((e) => e.expect === 'accept').map((e) => [e.path]))(
    'decodes %s without an error',
    async (file) => {
      const result = await decodeFixture(file)
      expect(result.issues.filter((i) => i.severity === 'error')).toEqual([])
    },
  )

  it('keeps the UTF-16 BOM files free of NUL characters', async () => {
    const result = decodeBytes(await readFile(path.join(BADINPUTS, 'text/utf16le-bom.txt')))
    expect(result.text).not.toContain('\0')
    expect(result.text).toMatch(/[\u0600-\u06FF]/)
  })

  it('keeps the ZWNJ of the UTF-16BE Persian text', async () => {
    const result = decodeBytes(await readFile(path.join(BADINPUTS, 'text/utf16be-bom.txt')))
    expect(result.text).toContain('\u200C')
  })
})
