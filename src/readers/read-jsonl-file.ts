import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { pipeline, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { Document, DocumentIssue } from '../core/document.js'
import { isBlankText } from './decode-bytes.js'
import { decodeUtf8 } from './decode-utf8.js'
import { BOM_LENGTH, detectBom } from './detect-bom.js'
import { errorDocument, lineErrorDocument, type JsonlLocation } from './error-document.js'
import { jsonlRecordToDocument } from './jsonl-record-to-document.js'
import { repeatedTopLevelKeys } from './repeated-top-level-keys.js'
import type { JsonlFile } from './list-input-files.js'
import { readLines, type LineRead } from './read-lines.js'
import { readError, readWarning } from './read-issues.js'
import { MIN_INFLATION_CAP_BYTES, resolveReaderOptions, type ReaderOptions } from './reader-options.js'
import { sniffBinary } from './sniff-binary.js'

/** Longest JSON.parse message kept in an `E_JSON_PARSE` issue (V8 quotes part of the line). */
const MAX_PARSE_MESSAGE = 160

/** The file's content is not UTF-8 JSONL at all; reading stops with this one issue. */
class UnreadableContent extends Error {
  constructor(readonly issue: DocumentIssue) {
    super(issue.message)
  }
}

/** Rejects content that cannot be line-split as UTF-8: binary data or UTF-16. */
function checkStartOfContent(file: JsonlFile, firstChunk: Uint8Array): void {
  const bom = detectBom(firstChunk)
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    throw new UnreadableContent(readError('E_UNSUPPORTED_ENCODING', `${file.file}: ${bom.toUpperCase()} JSONL is not supported; convert it to UTF-8`))
  }
  const binary = bom ? undefined : sniffBinary(firstChunk)
  if (binary) throw new UnreadableContent(readError('E_BINARY', `${file.file}: binary content: ${binary}`))
}

/** A `.jsonl.gz` inflated past its cap: reading stops there (a likely gzip bomb). */
class InflationLimit extends Error {
  constructor(readonly cap: number) {
    super(`inflated past ${cap} bytes`)
  }
}

/** The file's bytes as a stream, gunzipped for `.gz` up to its inflation cap, checked at the start. */
async function* contentBytes(file: JsonlFile, maxGzipRatio: number): AsyncGenerator<Uint8Array> {
  const raw = createReadStream(file.openPath ?? file.path)
  // Errors of either stream surface when the gunzip output is iterated, so the callback has nothing to add.
  const stream: Readable = file.gzip ? pipeline(raw, createGunzip(), () => {}) : raw
  const cap = file.gzip ? Math.max(MIN_INFLATION_CAP_BYTES, maxGzipRatio * (await stat(file.openPath ?? file.path)).size) : Infinity
  let inflated = 0
  let first = true
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (first) checkStartOfContent(file, chunk)
    first = false
    inflated += chunk.length
    if (inflated > cap) {
      stream.destroy()
      throw new InflationLimit(cap)
    }
    yield chunk
  }
}

/** The document for one line, or undefined for a blank line (blank and whitespace-only lines are skipped). */
function lineToDocument(file: JsonlFile, read: LineRead, maxDocumentBytes: number): Document | undefined {
  const at: JsonlLocation = { file: file.file, line: read.line }
  if (read.kind === 'too-long') {
    const message = `${file.file}: line ${read.line} is ${read.byteLength} bytes, more than maxDocumentBytes (${maxDocumentBytes})`
    return lineErrorDocument(at, readError('E_TOO_LARGE', message))
  }
  let bytes = read.bytes
  if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1)
  if (read.line === 1 && detectBom(bytes) === 'utf-8') bytes = bytes.subarray(BOM_LENGTH['utf-8'])
  const { text, issues } = decodeUtf8(bytes)
  if (isBlankText(text)) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, MAX_PARSE_MESSAGE)
    return lineErrorDocument(at, readError('E_JSON_PARSE', `${file.file}: line ${read.line}: invalid JSON (${reason})`), { earlierIssues: issues })
  }
  const repeated = repeatedTopLevelKeys(text)
  const keyIssues = repeated.length > 0 ? [readWarning('W_DUPLICATE_KEY', `${file.file}: line ${read.line}: key ${repeated.map((k) => JSON.stringify(k.slice(0, 60))).join(', ')} appears more than once; the last value is used`)] : []
  return jsonlRecordToDocument(value, at, [...issues, ...keyIssues])
}

/** The one error document for a file whose stream broke or whose content is not JSONL. */
function streamErrorDocument(file: JsonlFile, error: unknown, line: number): Document {
  if (error instanceof UnreadableContent) return errorDocument(file.file, { file: file.file, format: 'text' }, error.issue)
  const code = error instanceof Error && 'code' in error ? String(error.code) : ''
  const reason = error instanceof Error ? error.message : String(error)
  const kept = `the ${line - 1} line(s) before it were read`
  if (error instanceof InflationLimit) {
    return lineErrorDocument({ file: file.file, line }, readError('E_DECOMPRESS_LIMIT', `${file.file}: gunzipped past ${error.cap} bytes (limits.maxGzipRatio) at line ${line}, a likely gzip bomb; ${kept}`))
  }
  const issue = code.startsWith('Z_')
    ? readError('E_GZIP', `${file.file}: corrupt gzip at line ${line} (${reason}); ${kept}`)
    : readError('E_READ', `${file.file}: cannot read at line ${line} (${reason}); ${kept}`)
  return lineErrorDocument({ file: file.file, line }, issue)
}

/**
 * Streams a `.jsonl` or `.jsonl.gz` file as Documents, one per non-blank line, in line order,
 * never holding more than one line (at most `maxDocumentBytes`) in memory. A UTF-8 BOM on line 1
 * and CRLF endings are accepted. Bad lines become line-error documents (`E_JSON_PARSE`,
 * `E_TOO_LARGE`, schema codes from `jsonlRecordToDocument`) and reading goes on. A corrupt gzip
 * (`E_GZIP`), inflation past `maxGzipRatio` (`E_DECOMPRESS_LIMIT`) or an I/O failure (`E_READ`) ends the file with one error document at the line where
 * it broke; complete lines before it are kept, the partial line is part of that error. Binary or
 * UTF-16 content is one `E_BINARY` / `E_UNSUPPORTED_ENCODING` document for the whole file.
 */
export async function* readJsonlFile(file: JsonlFile, options?: Partial<ReaderOptions>): AsyncGenerator<Document> {
  const { maxDocumentBytes, maxGzipRatio } = resolveReaderOptions(options)
  let lastLine = 0
  try {
    for await (const read of readLines(contentBytes(file, maxGzipRatio), maxDocumentBytes)) {
      lastLine = read.line
      const document = lineToDocument(file, read, maxDocumentBytes)
      if (document) yield document
    }
  } catch (error) {
    yield streamErrorDocument(file, error, lastLine + 1)
  }
}
