import { createReadStream } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import { ConfigError, OutputError } from '../core/errors.js'
import { openAtomicFileWriter, type FileInfo } from '../writers/atomic-file-writer.js'
import type { DuplicateEntry } from './duplicate-entry.js'
import type { DuplicateOptions } from './duplicate-options.js'
import { SIGNATURE_SCHEME, signatureFromJson, signatureToJson } from './signature-json.js'
import { compareIds } from './survivor-rule.js'

/** The first line of a signatures file: what it is and how its signatures were made. */
export interface SignaturesHeader {
  readonly format: 'decruft-signatures'
  readonly scheme: number
  readonly shingleWords: number
  readonly permutations: number
}

/** A published document's entry and the run that published it. */
export interface PublishedSignature {
  readonly entry: DuplicateEntry
  readonly run: string
}

const FORMAT = 'decruft-signatures'
const EXACT_KEY = /^[0-9a-f]{64}$/

/**
 * Reads the signatures of documents earlier runs published (one JSON line each after a header
 * line). A missing file is an empty history (the first run). A file made with other shingle or
 * hash settings, or with a bad line, stops the run with a ConfigError naming file and line:
 * comparing signatures of different schemes would silently find nothing.
 */
export async function readSignaturesFile(path: string, options: Pick<DuplicateOptions, 'shingleWords' | 'permutations'>): Promise<PublishedSignature[]> {
  try {
    await stat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw new ConfigError([{ file: path, message: `cannot read the signatures file: ${(error as Error).message}` }])
  }
  const published: PublishedSignature[] = []
  const problem = (line: number, message: string): ConfigError => new ConfigError([{ file: path, line, message }])
  let lineNumber = 0
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  for await (const text of lines) {
    lineNumber++
    if (text.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw problem(lineNumber, 'not a JSON line; the signatures file is damaged (restore it, or move it away to start a new history)')
    }
    const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
    if (lineNumber === 1) {
      if (record['format'] !== FORMAT) throw problem(1, `not a decruft signatures file (its first line has no "format": "${FORMAT}")`)
      if (record['scheme'] !== SIGNATURE_SCHEME || record['shingleWords'] !== options.shingleWords || record['permutations'] !== options.permutations) {
        throw problem(
          1,
          `signatures were made with scheme ${String(record['scheme'])}, ${String(record['shingleWords'])}-word shingles and ${String(record['permutations'])} hashes; ` +
            `this run uses scheme ${SIGNATURE_SCHEME}, ${options.shingleWords}-word shingles and ${options.permutations} hashes. ` +
            'Use the settings of the file, or start a new signatures file.',
        )
      }
      continue
    }
    const { id, chars, key, sig, run } = record
    if (typeof id !== 'string' || id.length === 0) throw problem(lineNumber, 'id must be a non-empty string')
    if (typeof chars !== 'number' || !Number.isInteger(chars) || chars < 0) throw problem(lineNumber, 'chars must be a non-negative integer')
    if (typeof key !== 'string' || !EXACT_KEY.test(key)) throw problem(lineNumber, 'key must be 64 hex digits')
    if (typeof run !== 'string') throw problem(lineNumber, 'run must be a string')
    let signature
    try {
      signature = signatureFromJson(sig)
    } catch (error) {
      throw problem(lineNumber, (error as Error).message)
    }
    if (signature.hashes.length !== options.permutations || signature.shingleWords !== options.shingleWords) {
      throw problem(lineNumber, `signature has ${signature.hashes.length} hashes over ${signature.shingleWords}-word shingles, unlike the header`)
    }
    published.push({ entry: { id, chars, exactKey: key, signature, published: true }, run })
  }
  if (lineNumber === 0) throw new ConfigError([{ file: path, message: 'the signatures file is empty (no header line); move it away to start a new history' }])
  return published
}

/**
 * Writes a signatures file atomically: the header, then one line per published document sorted
 * by id, then run (the same history always gives the same bytes). Failures are OutputErrors.
 */
export async function writeSignaturesFile(
  path: string,
  published: readonly PublishedSignature[],
  options: Pick<DuplicateOptions, 'shingleWords' | 'permutations'>,
): Promise<FileInfo> {
  try {
    await mkdir(dirname(path), { recursive: true })
  } catch (error) {
    throw new OutputError(`cannot create the folder of ${path}: ${(error as Error).message}`, { cause: error })
  }
  const file = await openAtomicFileWriter(path)
  try {
    const header: SignaturesHeader = { format: FORMAT, scheme: SIGNATURE_SCHEME, shingleWords: options.shingleWords, permutations: options.permutations }
    await file.writeText(`${JSON.stringify(header)}\n`)
    const sorted = [...published].sort((a, b) => compareIds(a.entry.id, b.entry.id) || compareIds(a.run, b.run))
    for (const { entry, run } of sorted) {
      await file.writeRecord(`${JSON.stringify({ id: entry.id, chars: entry.chars, key: entry.exactKey, sig: signatureToJson(entry.signature), run })}\n`)
    }
    return await file.commit()
  } catch (error) {
    await file.abort()
    throw error instanceof OutputError ? error : new OutputError(`cannot write ${path}: ${(error as Error).message}`, { cause: error })
  }
}
