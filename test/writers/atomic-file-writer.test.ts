import { createHash } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OutputError } from '../../src/core/errors.js'
import { openAtomicFileWriter } from '../../src/writers/atomic-file-writer.js'
import { listFiles, sha256OfFile, useTempDir } from './support.js'

const tempDir = useTempDir()

describe('openAtomicFileWriter', () => {
  it('writes to a partial file beside the final path and publishes it only on commit', async () => {
    const dir = await tempDir()
    const writer = await openAtomicFileWriter(join(dir, 'out.jsonl'))
    await writer.writeRecord('{"a":1}\n')

    const during = await listFiles(dir)
    expect(during).toHaveLength(1)
    expect(during[0]).toMatch(/^out\.jsonl\.partial-[0-9a-f]+$/)
    expect(join(dir, during[0]!)).toBe(writer.tempPath)

    await writer.commit()
    expect(await listFiles(dir)).toEqual(['out.jsonl'])
    expect(await readFile(join(dir, 'out.jsonl'), 'utf8')).toBe('{"a":1}\n')
  })

  it('reports bytes, records and a sha256 that match the file on disk', async () => {
    const dir = await tempDir()
    const writer = await openAtomicFileWriter(join(dir, 'out.csv'))
    await writer.writeText('header\r\n')
    await writer.writeRecord('é,1\r\n')
    await writer.writeRecord('ü,2\r\n')
    const info = await writer.commit()

    const onDisk = await readFile(join(dir, 'out.csv'))
    expect(info).toEqual({
      path: join(dir, 'out.csv'),
      bytes: onDisk.length,
      sha256: await sha256OfFile(join(dir, 'out.csv')),
      records: 2,
    })
  })

  it('waits for the stream to drain and keeps every byte when chunks exceed the buffer', async () => {
    const dir = await tempDir()
    const writer = await openAtomicFileWriter(join(dir, 'big.txt'))
    const chunk = `${'x'.repeat(64 * 1024 - 1)}\n`
    const expected = createHash('sha256')
    for (let i = 0; i < 64; i++) {
      await writer.writeRecord(chunk)
      expected.update(chunk)
    }
    const info = await writer.commit()
    expect(info.bytes).toBe(64 * chunk.length)
    expect(info.records).toBe(64)
    expect(info.sha256).toBe(expected.digest('hex'))
    expect(await sha256OfFile(join(dir, 'big.txt'))).toBe(info.sha256)
  })

  it('holds back a write larger than the stream buffer until the stream has drained', async () => {
    const dir = await tempDir()
    const writer = await openAtomicFileWriter(join(dir, 'big.txt'))
    let settled = false
    const pending = writer.writeRecord('x'.repeat(1024 * 1024)).then(() => {
      settled = true
    })
    for (let i = 0; i < 10; i++) await Promise.resolve()
    expect(settled).toBe(false)
    await pending
    expect(settled).toBe(true)
    expect((await writer.commit()).bytes).toBe(1024 * 1024)
  })

  it('removes the partial file on abort and never creates the final file', async () => {
    const dir = await tempDir()
    const writer = await openAtomicFileWriter(join(dir, 'out.jsonl'))
    await writer.writeRecord('{"a":1}\n')
    await writer.abort()
    expect(await listFiles(dir)).toEqual([])
  })

  it('keeps the published file when abort comes after commit', async () => {
    const dir = await tempDir()
    const writer = await openAtomicFileWriter(join(dir, 'out.jsonl'))
    await writer.writeRecord('{"a":1}\n')
    await writer.commit()
    await writer.abort()
    expect(await listFiles(dir)).toEqual(['out.jsonl'])
  })

  it('replaces an older file at the final path in one step', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'out.jsonl'), 'old\n')
    const writer = await openAtomicFileWriter(join(dir, 'out.jsonl'))
    await writer.writeRecord('new\n')
    expect(await readFile(join(dir, 'out.jsonl'), 'utf8')).toBe('old\n')
    await writer.commit()
    expect(await readFile(join(dir, 'out.jsonl'), 'utf8')).toBe('new\n')
  })

  it('fails with an OutputError naming the path when the directory cannot hold files', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'not-a-dir'), '')
    const target = join(dir, 'not-a-dir', 'out.jsonl')
    const attempt = openAtomicFileWriter(target)
    await expect(attempt).rejects.toBeInstanceOf(OutputError)
    await expect(attempt).rejects.toThrow(target)
  })

  it('rejects writes and a second commit after the file was published', async () => {
    const dir = await tempDir()
    const writer = await openAtomicFileWriter(join(dir, 'out.jsonl'))
    await writer.commit()
    await expect(writer.writeRecord('late\n')).rejects.toBeInstanceOf(OutputError)
    await expect(writer.commit()).rejects.toThrow(join(dir, 'out.jsonl'))
    expect(await readFile(join(dir, 'out.jsonl'), 'utf8')).toBe('')
  })

  it('fails the commit with an OutputError when the directory vanished meanwhile', async () => {
    const parent = await tempDir()
    const dir = join(parent, 'gone')
    await mkdir(dir)
    const writer = await openAtomicFileWriter(join(dir, 'out.jsonl'))
    await writer.writeRecord('x\n')
    await rm(dir, { recursive: true })
    await expect(writer.commit()).rejects.toThrow(OutputError)
    expect(await listFiles(parent)).toEqual([])
  })
})
