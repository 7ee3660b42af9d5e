import { readFile } from 'node:fs/promises'
import path from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../../src/readers/decode-bytes.js'
import { declaredHtmlCharset } from '../../src/readers/declared-html-charset.js'
import { BADINPUTS } from './helpers.js'

const fixture = (file: string) => readFile(path.join(BADINPUTS, file))
const decodeFixture = async (file: string) => decodeBytes(await fixture(file), { html: file.startsWith('html/') })
const codesOf = (result: ReturnType<typeof decodeBytes>) => result.issues.map((i) => i.code)
/** The page text between tags, to compare decoded content without markup. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '')

const ARABIC_HEADLINE = 'أعلنت وزارة التعليم اليوم عن خطة جديدة لتطوير المدارس الحكومية'

describe('decodeBytes with undeclared legacy charsets', () => {
  it('decodes the windows-1256 Arabic text as Arabic and flags W_CHARSET_GUESSED naming the charset', async () => {
    const result = await decodeFixture('text/cp1256-arabic-nodecl.txt')
    expect(result.text).toContain(ARABIC_HEADLINE)
    expect(result.text).not.toContain('\uFFFD')
    expect(codesOf(result)).toEqual(['W_CHARSET_GUESSED'])
    expect(result.issues[0]?.message).toMatch(/windows-1256 \(confidence \d+\)/)
    expect(result.issues[0]?.severity).toBe('warning')
  })

  it('decodes the windows-1256 Persian text with its ZWNJ and without U+FFFD', async () => {
    const result = await decodeFixture('text/cp1256-persian-nodecl.txt')
    expect(result.text).toContain('وزارت آموزش و پرورش')
    expect(result.text).toContain('\u200C')
    expect(result.text).not.toContain('\uFFFD')
    expect(codesOf(result)).toEqual(['W_CHARSET_GUESSED'])
    expect(result.issues[0]?.message).toContain('windows-1256')
  })

  it('decodes windows-1252 curly quotes, en dash, ellipsis and euro sign', async () => {
    const result = await decodeFixture('text/cp1252-smart-quotes.txt')
    expect(result.text).toBe('He said \u201Cno comment\u201D \u2013 and left\u2026 it costs 5\u20AC.\n')
    expect(codesOf(result)).toEqual(['W_CHARSET_GUESSED'])
    expect(result.issues[0]?.message).toContain('windows-1252')
  })

  it('decodes a windows-1256 string built in the test the same way iconv-lite encoded it', () => {
    const original = `${ARABIC_HEADLINE}، وقال متحدث باسم الوزارة إن التنفيذ يبدأ الشهر المقبل.\n`.repeat(3)
    const result = decodeBytes(iconv.encode(original, 'windows-1256'))
    expect(result.text).toBe(original)
    expect(codesOf(result)).toEqual(['W_CHARSET_GUESSED'])
  })

  it.each([
    'invalid-utf8-lone-continuation',
    'invalid-utf8-overlong-slash',
    'invalid-utf8-encoded-surrogate',
    'invalid-utf8-truncated-at-eof',
    'invalid-utf8-ff-fe-bytes',
    'latin1-byte-in-utf8',
  ])('keeps %s as UTF-8 with U+FFFD replacements and W_INVALID_UTF8', async (name) => {
    const result = await decodeFixture(`text/${name}.txt`)
    expect(codesOf(result)).toEqual(['W_INVALID_UTF8'])
    expect(result.text).toContain('\uFFFD')
  })

  it('keeps the valid UTF-8 accents of a file with one stray Latin-1 byte', async () => {
    const result = await decodeFixture('text/latin1-byte-in-utf8.txt')
    expect(result.text).toContain('Le café est ouvert.')
    expect(result.text).toContain('résumé')
  })

  it('keeps a short ASCII text with one stray high byte as UTF-8 rather than guessing', () => {
    const result = decodeBytes(Buffer.concat([Buffer.from('price list for today '), Buffer.from([0xa9]), Buffer.from(' shop\n')]))
    expect(codesOf(result)).toEqual(['W_INVALID_UTF8'])
  })
})

describe('decodeBytes on HTML charset declarations', () => {
  it.each(['html/meta-charset-1256.html', 'html/http-equiv-charset-1256.html'])(
    'decodes %s by its declared windows-1256 without warnings',
    async (file) => {
      const result = await decodeFixture(file)
      expect(result.issues).toEqual([])
      expect(textOf(result.text)).toContain(ARABIC_HEADLINE)
      expect(result.text).not.toContain('\uFFFD')
    },
  )

  it('detects the real charset when the meta says utf-8 but the bytes are windows-1256, and flags W_CHARSET_MISMATCH', async () => {
    const result = await decodeFixture('html/meta-lies-utf8-bytes-1256.html')
    expect(codesOf(result)).toEqual(['W_CHARSET_MISMATCH'])
    expect(result.issues[0]?.message).toContain('windows-1256')
    expect(result.text).not.toContain('\uFFFD')
    expect(textOf(result.text)).toContain(ARABIC_HEADLINE)
  })

  it.each(['html/no-charset-bytes-1256.html', 'html/charset-after-1024-bytes.html'])(
    'guesses windows-1256 for %s, which has no usable declaration, and flags W_CHARSET_GUESSED',
    async (file) => {
      const result = await decodeFixture(file)
      expect(codesOf(result)).toEqual(['W_CHARSET_GUESSED'])
      expect(result.issues[0]?.message).toContain('windows-1256')
      expect(textOf(result.text)).toContain(ARABIC_HEADLINE)
    },
  )

  it('lets a UTF-8 BOM win over a meta that declares windows-1256', async () => {
    const bytes = await fixture('html/bom-utf8-meta-says-1256.html')
    const result = decodeBytes(bytes, { html: true })
    expect(result.issues).toEqual([])
    expect(result.text).toBe(bytes.subarray(3).toString('utf8'))
  })

  it('ignores a meta charset when the bytes are not read as HTML', async () => {
    const result = decodeBytes(await fixture('html/meta-charset-1256.html'))
    expect(codesOf(result)).toEqual(['W_CHARSET_GUESSED'])
  })

  it('keeps a page that declares utf-8 and is valid UTF-8 without warnings', () => {
    const page = '<html><head><meta charset="UTF-8"></head><body><p>سلام Grüße</p></body></html>'
    expect(decodeBytes(Buffer.from(page), { html: true })).toEqual({ text: page, issues: [] })
  })
})

describe('declaredHtmlCharset', () => {
  const head = (markup: string) => Buffer.from(markup, 'latin1')

  it('reads meta charset and the http-equiv content form, case-insensitively', () => {
    expect(declaredHtmlCharset(head('<meta charset="Windows-1256">'))).toBe('windows-1256')
    expect(declaredHtmlCharset(head("<META http-equiv='Content-Type' content='text/html; charset=KOI8-R'>"))).toBe('koi8-r')
  })

  it('maps latin1 to windows-1252 and utf-16 to utf-8 like WHATWG', () => {
    expect(declaredHtmlCharset(head('<meta charset=iso-8859-1>'))).toBe('windows-1252')
    expect(declaredHtmlCharset(head('<meta charset="utf-16">'))).toBe('utf-8')
  })

  it('ignores unknown labels and declarations after the first 1024 bytes', () => {
    expect(declaredHtmlCharset(head('<meta charset="no-such-charset">'))).toBeUndefined()
    expect(declaredHtmlCharset(head(`<!--${' '.repeat(1024)}--><meta charset="windows-1256">`))).toBeUndefined()
  })
})
