import { createHash, randomBytes } from 'node:crypto'
import { open, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { Document } from '../core/document.js'
import { OutputError } from '../core/errors.js'
import { compareIds } from '../corpus/survivor-rule.js'

/** Where one spilled document sits, and what orders it. */
export interface SpillEntry {
  /** Position in the order documents were added. */
  readonly index: number
  readonly id: string
  /** sha1 (hex) of what the document was made from (id, source, raw): orders documents that share an id. */
  readonly digest: string
}

/**
 * Processed documents parked on disk, one JSON line each in input order, until the whole batch
 * is known (duplicates can only be decided then), read back in id order so the dataset never
 * depends on input order or timing. Memory holds the index (id, offset, length) only; the
 * documents stay in the file, which a rerun after a crash can resume from.
 */
export interface DocumentSpill {
  /** Appends a processed document and returns its index entry. */
  add(doc: Document): Promise<SpillEntry>
  /**
   * Yields every document with its entry, sorted by id (UTF-16 code units), documents that
   * share an id by their digest, so the order is the same for any input order.
   */
  inIdOrder(): AsyncGenerator<{ readonly entry: SpillEntry; readonly doc: Document }>
  /** Closes and deletes the spill file; safe to call more than once. */
  discard(): Promise<void>
}

const FLUSH_BYTES = 1 << 20

/** True for the name of a spill file (`.decruft-spill-<12 hex>.jsonl`), e.g. one a dead run left. */
export function isSpillFileName(name: string): boolean {
  return /^\.decruft-spill-[0-9a-f]{12}\.jsonl$/.test(name)
}

/**
 * Opens a spill file in `dir` (the output folder, so it is on the disk the run writes to), named
 * `.decruft-spill-<random>.jsonl`. Every I/O failure becomes an `OutputError` naming the file.
 */
export async function openDocumentSpill(dir: string): Promise<DocumentSpill> {
  const path = join(dir, `.decruft-spill-${randomBytes(6).toString('hex')}.jsonl`)
  const fail = (action: string, cause: unknown): OutputError =>
    new OutputError(`cannot ${action} the spill file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  let handle: FileHandle | undefined
  try {
    handle = await open(path, 'wx+')
  } catch (error) {
    throw fail('create', error)
  }
  const entries: SpillEntry[] = []
  const offsets: number[] = []
  const lengths: number[] = []
  let pending: Buffer[] = []
  let pendingBytes = 0
  let written = 0

  async function flush(): Promise<void> {
    if (pendingBytes === 0 || handle === undefined) return
    const chunk = Buffer.concat(pending, pendingBytes)
    pending = []
    pendingBytes = 0
    try {
      let done = 0
      while (done < chunk.length) done += (await handle.write(chunk, done, chunk.length - done, written + done)).bytesWritten
    } catch (error) {
      throw fail('write', error)
    }
    written += chunk.length
  }

  return {
    async add(doc) {
      if (handle === undefined) throw fail('write', new Error('the spill is closed'))
      const line = Buffer.from(`${JSON.stringify(doc)}\n`, 'utf8')
      const entry: SpillEntry = { index: entries.length, id: doc.id, digest: inputDigest(doc) }
      entries.push(entry)
      offsets.push(written + pendingBytes)
      lengths.push(line.length)
      pending.push(line)
      pendingBytes += line.length
      if (pendingBytes >= FLUSH_BYTES) await flush()
      return entry
    },
    async *inIdOrder() {
      await flush()
      const order = [...entries].sort((a, b) => compareIds(a.id, b.id) || compareIds(a.digest, b.digest))
      let buffer = Buffer.alloc(64 * 1024)
      for (const entry of order) {
        const length = lengths[entry.index] as number
        if (buffer.length < length) buffer = Buffer.alloc(Math.max(length, buffer.length * 2))
        if (handle === undefined) throw fail('read', new Error('the spill is closed'))
        try {
          let done = 0
          const offset = offsets[entry.index] as number
          while (done < length) {
            const { bytesRead } = await handle.read(buffer, done, length - done, offset + done)
            if (bytesRead === 0) throw new Error('unexpected end of file')
            done += bytesRead
          }
        } catch (error) {
          throw fail('read', error)
        }
        yield { entry, doc: JSON.parse(buffer.toString('utf8', 0, length)) as Document }
      }
    },
    async discard() {
      const open = handle
      handle = undefined
      await open?.close().catch(() => undefined)
      await rm(path, { force: true })
    },
  }
}

/**
 * A digest of what a document was made from (id, source and raw content), which fixes
 * everything the pipeline makes of it; not of the processed document, whose stage timings
 * differ from run to run and would make the order of documents sharing an id random.
 */
function inputDigest(doc: Document): string {
  const { file = '', line = 0, url = '' } = doc.source
  return createHash('sha1').update(`${doc.id}\0${file}\0${line}\0${url}\0`).update(doc.raw).digest('hex')
}
