import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { hasError, type Document } from '../../src/core/document.js'
import { listInputFiles, type JsonlFile } from '../../src/readers/list-input-files.js'
import { readJsonlFile } from '../../src/readers/read-jsonl-file.js'
import type { ReaderOptions } from '../../src/readers/reader-options.js'
import { BADINPUTS, codes, collect, removeTree, tempTree } from './helpers.js'

const roots: string[] = []
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTree))
})

async function jsonlFile(absolute: string): Promise<JsonlFile> {
  const [file] = (await listInputFiles([absolute])).files
  if (!file || file.kind !== 'jsonl') throw new Error(`${absolute} not listed as JSONL`)
  return file
}

async function readBadInput(relative: string): Promise<Document[]> {
  return collect(readJsonlFile(await jsonlFile(path.join(BADINPUTS, relative))))
}

async function readContent(name: string, content: string | Uint8Array, options?: Partial<ReaderOptions>): Promise<Document[]> {
  const root = await tempTree({ [name]: content })
  roots.push(root)
  return collect(readJsonlFile(await jsonlFile(path.join(root, name)), options))
}

const good = (docs: Document[]) => docs.filter((d) => !hasError(d)).map((d) => d.id)
const errors = (docs: Document[]) => docs.filter(hasError).map((d) => [d.source.line, codes(d).at(-1)])

describe('readJsonlFile on the shared hostile inputs', () => {
  it('keeps exactly ok-1, ok-2 and ok-3 from malformed-lines and reports each bad line once with its number', async () => {
    const docs = await readBadInput('jsonl/malformed-lines.jsonl')
    expect(good(docs)).toEqual(['ok-1', 'ok-2', 'ok-3'])
    expect(docs.filter(hasError).map((d) => d.source.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 18])
    expect(new Set(errors(docs).map(([, code]) => code))).toEqual(new Set(['E_JSON_PARSE', 'E_SCHEMA']))
  })

  it('names a line error by file and line, or by the record id when it was readable', async () => {
    const docs = await readBadInput('jsonl/malformed-lines.jsonl')
    const byLine = new Map(docs.map((d) => [d.source.line, d]))
    expect(byLine.get(2)?.id).toBe('malformed-lines.jsonl#L2')
    expect(byLine.get(2)?.source.file).toBe('malformed-lines.jsonl')
    expect(byLine.get(13)?.id).toBe('text-is-number')
  })

  it('rejects ids that JSON numbers cannot hold exactly and accepts the id 0', async () => {
    const docs = await readBadInput('jsonl/bigint-ids.jsonl')
    expect(errors(docs)).toEqual([
      [1, 'E_ID_UNSAFE_NUMBER'],
      [2, 'E_ID_UNSAFE_NUMBER'],
      [3, 'E_ID_UNSAFE_NUMBER'],
      [4, 'E_ID_UNSAFE_NUMBER'],
    ])
    expect(good(docs)).toEqual(['0'])
  })

  it('flags a record with a repeated key, naming the key, and keeps the last value as JSON.parse does', async () => {
    const docs = await readBadInput('jsonl/dup-keys.jsonl')
    expect(docs.map((d) => [d.id, d.raw])).toEqual([
      ['second-id', 'which id wins?'],
      ['dk-2', 'b'],
    ])
    expect(docs.map((d) => d.issues.map((i) => [i.code, i.severity]))).toEqual([[['W_DUPLICATE_KEY', 'warning']], [['W_DUPLICATE_KEY', 'warning']]])
    expect(docs[0]?.issues[0]?.message).toContain('line 1: key "id" appears more than once')
    expect(docs[1]?.issues[0]?.message).toContain('line 2: key "text" appears more than once')
  })

  it('reads proto-keys without polluting any prototype', async () => {
    const docs = await readBadInput('jsonl/proto-keys.jsonl')
    expect(good(docs)).toEqual(['proto-1', 'proto-2', 'proto-3', 'proto-4', '__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    for (const doc of docs) {
      if (doc.extra) expect(Object.getPrototypeOf(doc.extra)).toBe(Object.prototype)
    }
    const proto2 = docs[1]!.extra?.metadata as object
    expect(Object.getPrototypeOf(proto2)).toBe(Object.prototype)
    expect(Object.keys(proto2)).toEqual([])
    expect(docs.slice(0, 3).map((d) => codes(d))).toEqual([['W_UNSAFE_KEY_DROPPED'], ['W_UNSAFE_KEY_DROPPED'], ['W_UNSAFE_KEY_DROPPED']])
    expect(docs[3]!.extra).toEqual({ metadata: { hasOwnProperty: 'shadowed', toString: 'shadowed' } })
  })

  it('accepts CRLF line endings without a trailing CR in any field', async () => {
    const docs = await readBadInput('jsonl/crlf.jsonl')
    expect(good(docs)).toEqual(['crlf-1', 'crlf-2'])
    for (const doc of docs) expect(doc.raw).not.toMatch(/\r/)
  })

  it('strips the BOM before the first record', async () => {
    const docs = await readBadInput('jsonl/bom-first-line.jsonl')
    expect(good(docs)).toEqual(['bom-1', 'bom-2'])
    expect(docs[0]!.issues).toEqual([])
  })

  it('keeps the records before a truncated last line and reports line 3', async () => {
    const docs = await readBadInput('jsonl/truncated-last-line.jsonl')
    expect(good(docs)).toEqual(['trunc-1', 'trunc-2'])
    expect(errors(docs)).toEqual([[3, 'E_JSON_PARSE']])
  })

  it('reads a last record that has no final newline', async () => {
    expect(good(await readBadInput('jsonl/no-final-newline.jsonl'))).toEqual(['nfn-1', 'nfn-2-last-without-newline'])
  })

  it('rejects the too-deep record and keeps the records around it', async () => {
    const docs = await readBadInput('jsonl/deep-metadata.jsonl')
    expect(good(docs)).toEqual(['deep-ok', 'after-deep'])
    expect(errors(docs)).toEqual([[2, 'E_TOO_DEEP']])
  })

  it('keeps hostile ids verbatim except the empty and NUL ids', async () => {
    const docs = await readBadInput('jsonl/hostile-ids.jsonl')
    expect(errors(docs)).toEqual([
      [4, 'E_ID_INVALID'],
      [12, 'E_ID_INVALID'],
    ])
    expect(good(docs)).toContain('../../../../tmp/escaped')
    expect(good(docs)).toContain(' ')
    expect(good(docs)).toHaveLength(23)
  })

  it('rejects text given as array, object or boolean with "expected X, got Y"', async () => {
    const docs = await readBadInput('jsonl/wrong-shapes.jsonl')
    expect(errors(docs)).toEqual([
      [1, 'E_SCHEMA'],
      [2, 'E_SCHEMA'],
      [3, 'E_SCHEMA'],
    ])
    expect(docs[0]!.issues[0]!.message).toContain('got html: missing, text: array')
    expect(docs[4]!.extra).toEqual({ extra_field_1: 1, extra_field_2: 2 })
  })

  it('keeps the record before the cut of a truncated gzip and adds one E_GZIP error naming the file', async () => {
    const docs = await readBadInput('gz/truncated.jsonl.gz')
    expect(good(docs)).toEqual(['gz-1'])
    expect(errors(docs)).toEqual([[2, 'E_GZIP']])
    expect(docs[1]!.issues[0]!.message).toContain('truncated.jsonl.gz')
  })

  it('stops a .jsonl.gz that inflates past maxGzipRatio times its size with E_DECOMPRESS_LIMIT, keeping the lines before', async () => {
    const bomb = Buffer.concat([Buffer.from('{"id":"before","text":"kept"}\n{"id":"bomb","text":"'), Buffer.alloc(70 * 1024 * 1024, 0x61), Buffer.from('"}\n')])
    const compressed = gzipSync(bomb, { level: 9 })
    const docs = await readContent('bomb.jsonl.gz', compressed, { maxGzipRatio: 100 })
    expect(good(docs)).toEqual(['before'])
    expect(errors(docs)).toEqual([[2, 'E_DECOMPRESS_LIMIT']])
    expect(docs[1]!.issues[0]!.message).toContain('bomb.jsonl.gz: gunzipped past 67108864 bytes (limits.maxGzipRatio) at line 2')
    // The same bytes under a ratio that allows them are one record too large, not a bomb.
    expect(errors(await readContent('big.jsonl.gz', compressed, { maxGzipRatio: 100_000 }))).toEqual([[2, 'E_TOO_LARGE']])
  })

  it('reads every member of a multi-member gzip', async () => {
    expect(good(await readBadInput('gz/multi-member.jsonl.gz'))).toEqual(['member-1', 'member-2'])
  })

  it.each([['gz/not-gzip.jsonl.gz'], ['gz/bad-crc-trailer.jsonl.gz'], ['gz/trailing-garbage.jsonl.gz']])(
    'reports %s as one E_GZIP error',
    async (file) => {
      const docs = await readBadInput(file)
      expect(docs.map((d) => codes(d))).toEqual([['E_GZIP']])
    },
  )

  it('treats gzip inside gzip as binary instead of decompressing again', async () => {
    const docs = await readBadInput('gz/gzip-of-gzip.jsonl.gz')
    expect(docs.map((d) => [d.id, codes(d)])).toEqual([['gzip-of-gzip.jsonl.gz', ['E_BINARY']]])
  })
})

describe('readJsonlFile on generated input', () => {
  it('skips blank and whitespace-only lines but counts them in line numbers', async () => {
    const docs = await readContent('a.jsonl', '\n  \t\n{"id":"a","text":"x"}\n\u00a0\n{"id":"b","text":"y"}\n')
    expect(docs.map((d) => [d.id, d.source.line])).toEqual([
      ['a', 3],
      ['b', 5],
    ])
  })

  it('rejects a line longer than maxDocumentBytes and keeps its neighbours', async () => {
    const huge = `{"id":"huge","text":"${'x'.repeat(5000)}"}`
    const docs = await readContent('a.jsonl', `{"id":"before","text":"x"}\n${huge}\n{"id":"after","text":"y"}\n`, {
      maxDocumentBytes: 1000,
    })
    expect(good(docs)).toEqual(['before', 'after'])
    expect(errors(docs)).toEqual([[2, 'E_TOO_LARGE']])
    expect(docs[1]!.id).toBe('a.jsonl#L2')
  })

  it('flags invalid UTF-8 inside one record and still reads it', async () => {
    const line = Buffer.concat([Buffer.from('{"id":"a","text":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')])
    const [doc] = await readContent('a.jsonl', line)
    expect(doc!.raw).toBe('caf\uFFFD')
    expect(codes(doc!)).toEqual(['W_INVALID_UTF8'])
  })

  it('reads a gzipped JSONL file in line order', async () => {
    const docs = await readContent('a.jsonl.gz', gzipSync('{"id":"1","text":"x"}\n{"id":"2","html":"<p>y</p>","url":"https://e.org/"}\n'))
    expect(docs.map((d) => [d.id, d.source.format, d.source.url])).toEqual([
      ['1', 'text', undefined],
      ['2', 'html', 'https://e.org/'],
    ])
  })

  it('rejects UTF-16 JSONL as one E_UNSUPPORTED_ENCODING error', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"id":"a","text":"x"}\n', 'utf16le')])
    const docs = await readContent('a.jsonl', utf16)
    expect(docs.map((d) => codes(d))).toEqual([['E_UNSUPPORTED_ENCODING']])
  })

  it('yields nothing for an empty file', async () => {
    expect(await readContent('a.jsonl', '')).toEqual([])
  })

  it('stops reading when the consumer stops early', async () => {
    const root = await tempTree({ 'a.jsonl': '{"id":"a","text":"x"}\n'.repeat(10_000) })
    roots.push(root)
    const iterator = readJsonlFile(await jsonlFile(path.join(root, 'a.jsonl')))
    const first = await iterator.next()
    expect(first.value?.id).toBe('a')
    await iterator.return(undefined)
    expect((await iterator.next()).done).toBe(true)
  })
})
