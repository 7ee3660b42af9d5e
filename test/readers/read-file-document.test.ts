import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { hasError } from '../../src/core/document.js'
import { listInputFiles, type DocumentFile } from '../../src/readers/list-input-files.js'
import { readFileDocument } from '../../src/readers/read-file-document.js'
import { BADINPUTS, codes, removeTree, tempTree } from './helpers.js'

const roots: string[] = []
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTree))
})

/** Lists a temp tree with the given files and returns the one document file named `file`. */
async function listed(files: Record<string, string | Uint8Array>, file: string): Promise<DocumentFile> {
  const root = await tempTree(files)
  roots.push(root)
  const found = (await listInputFiles([root])).files.find((f) => f.file === file)
  if (!found || found.kind === 'jsonl') throw new Error(`${file} not listed as a document file`)
  return found
}

async function listedBadInput(relative: string): Promise<DocumentFile> {
  const [file] = (await listInputFiles([path.join(BADINPUTS, relative)])).files
  if (!file || file.kind === 'jsonl') throw new Error(`${relative} not listed as a document file`)
  return file
}

describe('readFileDocument', () => {
  it('reads a text file into one document with its id, source and decoded text', async () => {
    const doc = await readFileDocument(await listed({ 'news/story.txt': 'Headline\n\nBody' }, 'news/story.txt'))
    expect(doc.id).toBe('story')
    expect(doc.source).toEqual({ file: 'news/story.txt', format: 'text' })
    expect(doc.raw).toBe('Headline\n\nBody')
    expect(doc.issues).toEqual([])
  })

  it('gunzips an .html.gz file and marks it as html', async () => {
    const doc = await readFileDocument(await listed({ 'page.html.gz': gzipSync('<p>Hi</p>') }, 'page.html.gz'))
    expect(doc.source.format).toBe('html')
    expect(doc.raw).toBe('<p>Hi</p>')
  })

  it('refuses a file larger than maxDocumentBytes before reading it', async () => {
    const doc = await readFileDocument(await listed({ 'big.txt': 'x'.repeat(101) }, 'big.txt'), { maxDocumentBytes: 100 })
    expect(codes(doc)).toEqual(['E_TOO_LARGE'])
    expect(doc.raw).toBe('')
    expect(doc.issues[0]?.message).toContain('big.txt')
  })

  it('stops gunzipping at maxDocumentBytes even when the compressed file is small', async () => {
    const file = await listed({ 'bomb.txt.gz': gzipSync('x'.repeat(100_000)) }, 'bomb.txt.gz')
    const doc = await readFileDocument(file, { maxDocumentBytes: 1000 })
    expect(codes(doc)).toEqual(['E_TOO_LARGE'])
    expect(doc.raw).toBe('')
  })

  it('turns a corrupt gzip into an E_GZIP document naming the file', async () => {
    const truncated = gzipSync('some text that is long enough').subarray(0, 20)
    const doc = await readFileDocument(await listed({ 'cut.txt.gz': truncated }, 'cut.txt.gz'))
    expect(codes(doc)).toEqual(['E_GZIP'])
    expect(doc.issues[0]?.message).toContain('cut.txt.gz')
  })

  it('does not gunzip twice: gzip inside gzip is binary', async () => {
    const doc = await readFileDocument(await listed({ 'twice.txt.gz': gzipSync(gzipSync('text')) }, 'twice.txt.gz'))
    expect(codes(doc)).toEqual(['E_BINARY'])
  })

  it('turns an I/O error into an E_READ document naming the file, without throwing', async () => {
    const file = await listed({ 'gone.txt': 'x' }, 'gone.txt')
    await rm(file.path)
    const doc = await readFileDocument(file)
    expect(codes(doc)).toEqual(['E_READ'])
    expect(doc.issues[0]?.message).toContain('gone.txt')
    expect(doc.id).toBe('gone')
  })

  it('yields the PNG saved as .txt as an E_BINARY document rather than dropping it', async () => {
    const doc = await readFileDocument(await listedBadInput('text/binary-png-as-txt.txt'))
    expect(doc.id).toBe('binary-png-as-txt')
    expect(codes(doc)).toEqual(['E_BINARY'])
    expect(hasError(doc)).toBe(true)
  })

  it('yields the empty file as an E_EMPTY document', async () => {
    expect(codes(await readFileDocument(await listedBadInput('text/empty.txt')))).toEqual(['E_EMPTY'])
  })

  it('flags each invalid UTF-8 fixture with W_INVALID_UTF8 and keeps its text', async () => {
    for (const name of ['invalid-utf8-lone-continuation', 'invalid-utf8-truncated-at-eof', 'latin1-byte-in-utf8']) {
      const doc = await readFileDocument(await listedBadInput(`text/${name}.txt`))
      expect(codes(doc)).toEqual(['W_INVALID_UTF8'])
      expect(doc.raw.length).toBeGreaterThan(20)
    }
  })

  it('reads the UTF-8 BOM fixture without a leading U+FEFF', async () => {
    const doc = await readFileDocument(await listedBadInput('text/utf8-bom.txt'))
    const bytes = await readFile(path.join(BADINPUTS, 'text/utf8-bom.txt'))
    expect(doc.raw.startsWith('\uFEFF')).toBe(false)
    expect(doc.raw).toBe(bytes.subarray(3).toString('utf8'))
  })
})

describe('readFileDocument on legacy charsets', () => {
  it('honours the meta charset of an HTML file', async () => {
    const doc = await readFileDocument(await listedBadInput('html/meta-charset-1256.html'))
    expect(doc.source.format).toBe('html')
    expect(codes(doc)).toEqual([])
    expect(doc.raw).toContain('أعلنت وزارة التعليم')
  })

  it('guesses the charset of an undeclared windows-1256 text file', async () => {
    const doc = await readFileDocument(await listedBadInput('text/cp1256-arabic-nodecl.txt'))
    expect(codes(doc)).toEqual(['W_CHARSET_GUESSED'])
    expect(doc.raw).not.toContain('\uFFFD')
  })
})
