import { createHash, randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { open, rename, rm } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { finished } from 'node:stream/promises'
import { OutputError } from '../core/errors.js'

/** What a published output file holds: where it is, its size and checksum, and how many records it has. */
export interface FileInfo {
  readonly path: string
  readonly bytes: number
  readonly sha256: string
  readonly records: number
}

/** A writer of one kind of record into one output file, published only on commit. */
export interface RecordWriter<T> {
  write(record: T): Promise<void>
  commit(): Promise<FileInfo>
  abort(): Promise<void>
}

/**
 * A file being written beside its final path. Readers never see a half-written file: the content
 * goes to a temporary file that `commit()` renames into place and `abort()` deletes.
 */
export interface AtomicFileWriter {
  /** The path the file gets on commit. */
  readonly path: string
  /** The temporary file the content goes to until commit. */
  readonly tempPath: string
  /** Appends one record's text (including its line ending) and counts it as a record. */
  writeRecord(chunk: string): Promise<void>
  /** Appends text that is not a record, such as a CSV header. */
  writeText(chunk: string): Promise<void>
  /** Flushes to disk (fsync), closes and renames the file into place. */
  commit(): Promise<FileInfo>
  /** Discards the temporary file; does nothing after a commit. */
  abort(): Promise<void>
}

/** True for the name of an atomic writer's temporary file (`<name>.partial-<12 hex>`), e.g. one a dead run left. */
export function isPartialFileName(name: string): boolean {
  return /\.partial-[0-9a-f]{12}$/.test(name)
}

/**
 * Opens `<finalPath>.partial-<random>` in the same directory (so the final rename stays on one
 * file system and is atomic) and returns a writer that hashes and counts bytes as they go out.
 * Every I/O failure becomes an `OutputError` naming the final path.
 */
export async function openAtomicFileWriter(finalPath: string): Promise<AtomicFileWriter> {
  const tempPath = join(dirname(finalPath), `${basename(finalPath)}.partial-${randomBytes(6).toString('hex')}`)
  const fail = (action: string, cause: unknown): OutputError =>
    new OutputError(`cannot ${action} ${finalPath}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    })

  let handle: FileHandle
  try {
    handle = await open(tempPath, 'wx')
  } catch (err) {
    throw fail('create', err)
  }
  const stream = handle.createWriteStream({ flush: true })
  let streamError: unknown
  stream.on('error', (err) => {
    streamError ??= err
  })

  const hash = createHash('sha256')
  let bytes = 0
  let records = 0
  let state: 'open' | 'committing' | 'committed' | 'aborted' = 'open'
  let committing: Promise<FileInfo> | undefined
  const aborted = new AbortController()

  async function append(chunk: string): Promise<void> {
    if (state !== 'open') throw new OutputError(`cannot write ${finalPath}: the writer is ${state}`)
    if (streamError !== undefined) throw fail('write', streamError)
    const buffer = Buffer.from(chunk, 'utf8')
    hash.update(buffer)
    bytes += buffer.length
    if (!stream.write(buffer)) {
      try {
        await once(stream, 'drain', { signal: aborted.signal })
      } catch (err) {
        throw fail('write', err)
      }
    }
  }

  async function discard(): Promise<void> {
    aborted.abort()
    stream.destroy()
    await finished(stream).catch(() => undefined)
    await rm(tempPath, { force: true })
  }

  async function publish(): Promise<FileInfo> {
    try {
      if (streamError !== undefined) throw streamError
      stream.end()
      await finished(stream)
      await rename(tempPath, finalPath)
    } catch (err) {
      state = 'aborted'
      await discard().catch(() => undefined)
      throw fail('commit', err)
    }
    state = 'committed'
    return { path: finalPath, bytes, sha256: hash.digest('hex'), records }
  }

  return {
    path: finalPath,
    tempPath,
    async writeRecord(chunk) {
      await append(chunk)
      records += 1
    },
    writeText: append,
    commit() {
      if (state !== 'open') return Promise.reject(new OutputError(`cannot commit ${finalPath}: the writer is ${state}`))
      state = 'committing'
      committing = publish()
      return committing
    },
    async abort() {
      if (state === 'committing') await committing?.catch(() => undefined)
      if (state === 'committed' || state === 'aborted') return
      state = 'aborted'
      try {
        await discard()
      } catch (err) {
        throw fail('remove the temporary file of', err)
      }
    },
  }
}
