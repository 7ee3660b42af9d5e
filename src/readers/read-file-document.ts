import { readFile, stat } from 'node:fs/promises'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { createDocument, type Document, type DocumentIssue } from '../core/document.js'
import { decodeBytes } from './decode-bytes.js'
import { errorDocument } from './error-document.js'
import type { DocumentFile } from './list-input-files.js'
import { readError } from './read-issues.js'
import { resolveReaderOptions, type ReaderOptions } from './reader-options.js'

const gunzipAsync = promisify(gunzip)

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function tooLarge(file: DocumentFile, what: string, maxDocumentBytes: number): DocumentIssue {
  return readError('E_TOO_LARGE', `${file.file}: ${what} more than maxDocumentBytes (${maxDocumentBytes})`)
}

/** Reads the file's bytes, gunzipped for `.gz`, or returns the issue that stopped it. */
async function readFileBytes(file: DocumentFile, maxDocumentBytes: number): Promise<{ bytes: Buffer } | { issue: DocumentIssue }> {
  let bytes: Buffer
  try {
    const stats = await stat(file.openPath ?? file.path)
    if (!stats.isFile()) return { issue: readError('E_READ', `${file.file}: not a regular file`) }
    if (stats.size > maxDocumentBytes) return { issue: tooLarge(file, `file is ${stats.size} bytes,`, maxDocumentBytes) }
    bytes = await readFile(file.openPath ?? file.path)
  } catch (error) {
    return { issue: readError('E_READ', `${file.file}: cannot read (${describeError(error)})`) }
  }
  if (!file.gzip) return { bytes }
  try {
    return { bytes: await gunzipAsync(bytes, { maxOutputLength: maxDocumentBytes }) }
  } catch (error) {
    if (error instanceof RangeError) return { issue: tooLarge(file, 'gunzipped content is', maxDocumentBytes) }
    return { issue: readError('E_GZIP', `${file.file}: corrupt gzip (${describeError(error)})`) }
  }
}

/**
 * Reads one text or HTML file into one Document (`raw` = decoded text, decode issues attached; see
 * `decodeBytes`). Never throws for a bad file: an unreadable file is an `E_READ` document, a file
 * or gunzipped content over `maxDocumentBytes` is `E_TOO_LARGE`, a corrupt gzip is `E_GZIP`,
 * all with empty `raw`, so the file is reported as a reject instead of vanishing.
 */
export async function readFileDocument(file: DocumentFile, options?: Partial<ReaderOptions>): Promise<Document> {
  const { maxDocumentBytes } = resolveReaderOptions(options)
  const source = { file: file.file, format: file.kind }
  const read = await readFileBytes(file, maxDocumentBytes)
  if ('issue' in read) return errorDocument(file.id, source, read.issue)
  const { text, issues } = decodeBytes(read.bytes, { html: file.kind === 'html' })
  return createDocument({ id: file.id, source, raw: text, issues })
}
