import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createDocument } from '../../src/core/document.js'
import type { Block, Document, DocumentMeta, DocumentSource } from '../../src/core/document.js'

/** A rule-set hash for records built in tests (the sha256 of "test rules"), as `LoadedConfig.ruleSetHash` would give. */
export const RULES_HASH = createHash('sha256').update('test rules').digest('hex')

/** Directory of the shared hostile JSONL inputs. */
export const BAD_JSONL_DIR = '/work/shared/badinputs/jsonl'

/** Gives each test a fresh temporary directory, removed after the test. */
export function useTempDir(): () => Promise<string> {
  const made: string[] = []
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'decruft-writers-'))
    made.push(dir)
    return dir
  }
}

/** A content block with the given text, as a text segmenter would make it. */
export function contentBlock(index: number, text: string, label: Block['label'] = 'content'): Block {
  return { index, text, kind: 'paragraph', breakBefore: index > 0, label }
}

/** A text document whose content blocks are the given paragraphs. */
export function textDocument(
  id: string,
  paragraphs: readonly string[],
  options: { meta?: DocumentMeta; source?: Partial<DocumentSource> } = {},
): Document {
  const doc = createDocument({
    id,
    source: { format: 'text', ...options.source },
    raw: paragraphs.join('\n\n'),
    ...(options.meta ? { meta: options.meta } : {}),
  })
  return { ...doc, blocks: paragraphs.map((text, index) => contentBlock(index, text)) }
}

/** One parsed line of a hostile JSONL fixture, turned into a Document the way a reader would. */
export async function readFixtureDocuments(name: string): Promise<{ doc: Document; fields: Record<string, string> }[]> {
  const content = await readFile(join(BAD_JSONL_DIR, name), 'utf8')
  return content
    .split('\n')
    .filter((line) => line !== '')
    .map((line, index) => {
      const fields = JSON.parse(line) as Record<string, string>
      const doc = textDocument(String(fields.id), [String(fields.text)], {
        source: { file: name, line: index + 1 },
        ...(fields.title === undefined ? {} : { meta: { title: fields.title } }),
      })
      return { doc, fields }
    })
}

/** Splits text the way Python's `str.splitlines()` does, so tests can check Python's view of a file. */
export function splitLinesLikePython(text: string): string[] {
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** A strict RFC 4180 reader: quoted fields with doubled quotes, CRLF or LF between records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  while (i < text.length) {
    const char = text[i]!
    if (cell === '' && char === '"') {
      i += 1
      for (;;) {
        const quoteAt = text.indexOf('"', i)
        if (quoteAt < 0) throw new Error(`unterminated quoted field at ${i}`)
        cell += text.slice(i, quoteAt)
        if (text[quoteAt + 1] === '"') {
          cell += '"'
          i = quoteAt + 2
        } else {
          i = quoteAt + 1
          break
        }
      }
      const next = text[i]
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new Error(`text after closing quote at ${i}`)
      }
      continue
    }
    if (char === ',') {
      row.push(cell)
      cell = ''
      i += 1
    } else if (char === '\r' || char === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else if (char === '"') {
      throw new Error(`quote inside an unquoted field at ${i}`)
    } else {
      cell += char
      i += 1
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

/** Hex sha256 of a file's bytes on disk. */
export async function sha256OfFile(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex')
}

/** Names of the files in a directory, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort()
}
