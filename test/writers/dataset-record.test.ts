import { describe, expect, it } from 'vitest'
import { createDocument } from '../../src/core/document.js'
import type { Document, Removal } from '../../src/core/document.js'
import { CSV_COLUMNS, toCsvRow, toDatasetRecord, toRejectRecord } from '../../src/writers/dataset-record.js'
import { RULES_HASH, contentBlock, textDocument } from './support.js'

function removal(ruleId: string, blockIndex: number, chars: number): Removal {
  return { stage: 'boilerplate', ruleId, blockIndex, chars, excerpt: 'x'.repeat(Math.min(chars, 10)), scope: 'block' }
}

function labelledArticle(): Document {
  const doc = textDocument('doc-1', ['First paragraph.', 'Second paragraph.'], {
    source: { file: 'news/feed.jsonl', line: 7, url: 'https://example.org/a' },
    meta: {
      title: 'A title',
      date: '2024-03-01',
      dateline: 'PARIS',
      author: 'A. Writer',
      site: 'example.org',
      htmlLang: 'fr',
    },
  })
  return {
    ...doc,
    blocks: [
      contentBlock(0, 'First paragraph.'),
      contentBlock(1, 'Donate now!', 'boilerplate'),
      contentBlock(2, 'Second paragraph.'),
      contentBlock(3, 'Share this', 'boilerplate'),
    ],
    labels: { lang: 'en', genre: 'news', topics: ['politics', 'economy'] },
    removals: [
      removal('share/buttons', 3, 10),
      removal('donations/appeal', 1, 11),
      removal('donations/appeal', 1, 4),
    ],
    issues: [
      { stage: 'normalize', code: 'W_MOJIBAKE', message: 'repaired', severity: 'warning' },
      { stage: 'classify', code: 'W_LOW_QUALITY', message: 'short', severity: 'warning' },
    ],
  }
}

describe('toDatasetRecord', () => {
  it('lists the fields in the documented order', () => {
    expect(Object.keys(toDatasetRecord(labelledArticle(), { rules: RULES_HASH }))).toEqual([
      'id',
      'url',
      'source',
      'format',
      'title',
      'date',
      'lang',
      'genre',
      'topics',
      'text',
      'chars',
      'meta',
      'removed',
      'warnings',
      'rules',
    ])
  })

  it('carries the hash of the rule set it was given, unchanged', () => {
    const other = 'f'.repeat(64)
    expect(toDatasetRecord(labelledArticle(), { rules: RULES_HASH }).rules).toBe(RULES_HASH)
    expect(toDatasetRecord(labelledArticle(), { rules: other }).rules).toBe(other)
  })

  it('takes the text from the content blocks only and counts its characters', () => {
    const record = toDatasetRecord(labelledArticle(), { rules: RULES_HASH })
    expect(record.text).toBe('First paragraph.\nSecond paragraph.')
    expect(record.chars).toBe(record.text.length)
  })

  it('names the source as file:line for a JSONL input and as the file alone otherwise', () => {
    expect(toDatasetRecord(labelledArticle(), { rules: RULES_HASH }).source).toBe('news/feed.jsonl:7')
    const page = textDocument('p', ['x'], { source: { file: 'pages/a.html', format: 'html' } })
    expect(toDatasetRecord(page, { rules: RULES_HASH }).source).toBe('pages/a.html')
    expect(toDatasetRecord(page, { rules: RULES_HASH }).format).toBe('html')
  })

  it('fills missing values with null so a bare document has the same keys as a labelled one', () => {
    const bare = toDatasetRecord(createDocument({ id: 'bare', source: { format: 'text' }, raw: '' }), { rules: RULES_HASH })
    expect(bare).toEqual({
      id: 'bare',
      url: null,
      source: null,
      format: 'text',
      title: null,
      date: null,
      lang: null,
      genre: null,
      topics: [],
      text: '',
      chars: 0,
      meta: {},
      removed: {},
      warnings: [],
      rules: RULES_HASH,
    })
    expect(Object.keys(bare)).toEqual(Object.keys(toDatasetRecord(labelledArticle(), { rules: RULES_HASH })))
  })

  it('keeps only the present side metadata under meta, leaving title, date and htmlLang out', () => {
    expect(toDatasetRecord(labelledArticle(), { rules: RULES_HASH }).meta).toEqual({
      dateline: 'PARIS',
      author: 'A. Writer',
      site: 'example.org',
    })
  })

  it('summarises removals per rule with sorted keys, counting each block once', () => {
    const { removed } = toDatasetRecord(labelledArticle(), { rules: RULES_HASH })
    expect(Object.keys(removed)).toEqual(['donations/appeal', 'share/buttons'])
    expect(removed['donations/appeal']).toEqual({ blocks: 1, chars: 15 })
    expect(removed['share/buttons']).toEqual({ blocks: 1, chars: 10 })
  })

  it('keeps a rule id named __proto__ as an ordinary key instead of changing the prototype', () => {
    const doc = { ...labelledArticle(), removals: [removal('__proto__', 1, 3)] }
    const record = toDatasetRecord(doc, { rules: RULES_HASH })
    expect(Object.getPrototypeOf(record.removed)).toBe(Object.prototype)
    expect(JSON.parse(JSON.stringify(record)).removed).toEqual(JSON.parse('{"__proto__":{"blocks":1,"chars":3}}'))
  })

  it('lists the codes of warnings but not of errors', () => {
    const doc = labelledArticle()
    const withError: Document = {
      ...doc,
      issues: [...doc.issues, { stage: 'read', code: 'E_BAD', message: 'bad', severity: 'error' }],
    }
    expect(toDatasetRecord(withError, { rules: RULES_HASH }).warnings).toEqual(['W_MOJIBAKE', 'W_LOW_QUALITY'])
  })

  it('carries extra fields through only when the document has some', () => {
    const withExtra = createDocument({ id: 'e', source: { format: 'text' }, raw: 'x', extra: { lang_hint: 'de' } })
    expect(toDatasetRecord(withExtra, { rules: RULES_HASH }).extra).toEqual({ lang_hint: 'de' })
    expect('extra' in toDatasetRecord(labelledArticle(), { rules: RULES_HASH })).toBe(false)
  })
})

describe('toRejectRecord', () => {
  it('takes the reason of a duplicate from the drop and names the survivor', () => {
    const doc: Document = {
      ...labelledArticle(),
      issues: [],
      dropped: { stage: 'dedup', code: 'D_DUPLICATE', reason: 'near duplicate', duplicateOf: 'doc-0' },
    }
    expect(toRejectRecord(doc, RULES_HASH)).toEqual({
      id: 'doc-1',
      source: 'news/feed.jsonl:7',
      stage: 'dedup',
      code: 'D_DUPLICATE',
      reason: 'near duplicate',
      duplicate_of: 'doc-0',
      errors: [],
      removed: toDatasetRecord(doc, { rules: RULES_HASH }).removed,
      rules: RULES_HASH,
    })
  })

  it('takes the reason of a failed document from its first error and lists every error', () => {
    const doc: Document = {
      ...labelledArticle(),
      issues: [
        { stage: 'normalize', code: 'W_MOJIBAKE', message: 'repaired', severity: 'warning' },
        { stage: 'read', code: 'E_EMPTY', message: 'no text', severity: 'error' },
        { stage: 'classify', code: 'E_TOO_LONG', message: 'over limit', severity: 'error' },
      ],
    }
    const reject = toRejectRecord(doc, RULES_HASH)
    expect(reject).toMatchObject({ stage: 'read', code: 'E_EMPTY', reason: 'no text' })
    expect(reject.errors).toEqual([
      { stage: 'read', code: 'E_EMPTY', message: 'no text' },
      { stage: 'classify', code: 'E_TOO_LONG', message: 'over limit' },
    ])
    expect('duplicate_of' in reject).toBe(false)
  })

  it('refuses a document that was neither dropped nor failed', () => {
    expect(() => toRejectRecord(labelledArticle(), RULES_HASH)).toThrow(/doc-1/)
  })
})

describe('toCsvRow', () => {
  it('flattens a record into the CSV columns with topics joined and removals summed', () => {
    const row = toCsvRow(toDatasetRecord(labelledArticle(), { rules: RULES_HASH }))
    expect(Object.keys(row)).toEqual([...CSV_COLUMNS])
    expect(row).toMatchObject({
      topics: 'politics; economy',
      removed_blocks: 2,
      removed_chars: 25,
      dateline: 'PARIS',
      author: 'A. Writer',
      credit: null,
      rules: RULES_HASH,
      text: 'First paragraph.\nSecond paragraph.',
    })
  })
})
