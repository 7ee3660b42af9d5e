import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createDocument } from '../../src/core/document.js'
import { openDocumentSpill } from '../../src/run/document-spill.js'
import { tempDir } from '../support/run-cli.js'

const doc = (id: string, raw: string) => createDocument({ id, source: { format: 'text' }, raw })

describe('document spill', () => {
  it('gives back every document in id order, equal ids ordered by content, and leaves no file behind', async () => {
    const dir = tempDir()
    const spill = await openDocumentSpill(dir)
    const big = 'x'.repeat(3 << 20)
    const added = [doc('b', 'two'), doc('a', big), doc('c', 'ü three'), doc('b', 'one')]
    for (const d of added) await spill.add(d)
    const back = []
    for await (const { entry, doc: d } of spill.inIdOrder()) back.push([entry.index, d.id, d.raw.length])
    expect(back.map(([, id]) => id)).toEqual(['a', 'b', 'b', 'c'])
    expect(back[0]).toEqual([1, 'a', big.length])
    await spill.discard()
    expect(readdirSync(dir)).toEqual([])
  })

  it('orders documents that share an id the same way whichever was added first', async () => {
    const order = async (docs: ReturnType<typeof doc>[]): Promise<string[]> => {
      const spill = await openDocumentSpill(tempDir())
      for (const d of docs) await spill.add(d)
      const raws: string[] = []
      for await (const { doc: d } of spill.inIdOrder()) raws.push(d.raw)
      await spill.discard()
      return raws
    }
    expect(await order([doc('s', 'one'), doc('s', 'two')])).toEqual(await order([doc('s', 'two'), doc('s', 'one')]))
  })

  it('orders them by what they were made from, so stage timings that differ between runs change nothing', async () => {
    const timed = (line: number, ms: number) => ({ ...createDocument({ id: 'same', source: { format: 'text', file: 'a.jsonl', line }, raw: 'same text' }), trace: [{ stage: 'segment', ms, charsIn: 9, charsOut: 9 }] })
    const digests = async (docs: ReturnType<typeof timed>[]): Promise<string[]> => {
      const spill = await openDocumentSpill(tempDir())
      const entries = []
      for (const d of docs) entries.push((await spill.add(d)).digest)
      await spill.discard()
      return entries
    }
    expect(await digests([timed(1, 0.5), timed(2, 0.7)])).toEqual(await digests([timed(1, 9.1), timed(2, 0.2)]))
  })
})
