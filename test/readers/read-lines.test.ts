import { describe, expect, it } from 'vitest'
import { readLines, type LineRead } from '../../src/readers/read-lines.js'
import { collect } from './helpers.js'

async function* chunksOf(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part)
}

const summary = (reads: LineRead[]) =>
  reads.map((r) => (r.kind === 'line' ? `${r.line}:${r.bytes.toString()}` : `${r.line}:too-long(${r.byteLength})`))

describe('readLines', () => {
  it('joins lines that are split across chunks and numbers them from 1', async () => {
    expect(summary(await collect(readLines(chunksOf('ab', 'c\nd', 'e\n\nf\n'), 100)))).toEqual(['1:abc', '2:de', '3:', '4:f'])
  })

  it('yields a last line that has no newline', async () => {
    expect(summary(await collect(readLines(chunksOf('a\nlast'), 100)))).toEqual(['1:a', '2:last'])
  })

  it('keeps the CR of a CRLF ending for the caller to strip', async () => {
    expect(summary(await collect(readLines(chunksOf('a\r\nb\r\n'), 100)))).toEqual(['1:a\r', '2:b\r'])
  })

  it('reports a line over the limit by size only and goes on with the next line', async () => {
    const reads = await collect(readLines(chunksOf('ok\n', 'x'.repeat(6), 'x'.repeat(6), '\nafter\n'), 10))
    expect(summary(reads)).toEqual(['1:ok', '2:too-long(12)', '3:after'])
  })

  it('passes a stream error on after the complete lines before it', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('one\ntw')
      throw new Error('stream broke')
    }
    const seen: string[] = []
    await expect(async () => {
      for await (const read of readLines(failing(), 100)) seen.push(summary([read])[0]!)
    }).rejects.toThrow('stream broke')
    expect(seen).toEqual(['1:one'])
  })
})
