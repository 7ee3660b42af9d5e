import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { duplicateEntry } from '../../src/corpus/duplicate-entry.js'
import { readSignaturesFile, writeSignaturesFile, type PublishedSignature } from '../../src/corpus/signatures-file.js'
import { ConfigError } from '../../src/core/errors.js'
import { tempDir } from '../support/run-cli.js'

const settings = { shingleWords: 5, permutations: 128 }
const published = (id: string, text: string, run: string): PublishedSignature => ({ entry: { ...duplicateEntry(id, text), published: true }, run })

describe('signatures file', () => {
  const history = [
    published('b', 'the council voted on the budget for the new bridge over the river', 'r2'),
    published('a', 'farmers at the market said the winter storm closed the railway station', 'r1'),
  ]

  it('reads back what it wrote, sorted by id, and writes the same bytes for the same history', async () => {
    const dir = tempDir()
    const file = join(dir, 'nested', 'published.jsonl')
    await writeSignaturesFile(file, history, settings)
    const back = await readSignaturesFile(file, settings)
    expect(back.map((p) => p.entry.id)).toEqual(['a', 'b'])
    expect(back[1]).toEqual(history[0])
    const again = join(dir, 'again.jsonl')
    await writeSignaturesFile(again, [...history].reverse(), settings)
    expect(readFileSync(again)).toEqual(readFileSync(file))
  })

  it('treats a missing file as an empty history', async () => {
    expect(await readSignaturesFile(join(tempDir(), 'none.jsonl'), settings)).toEqual([])
  })

  it('refuses other settings, a foreign file and a damaged line, naming the line', async () => {
    const dir = tempDir()
    const file = join(dir, 'published.jsonl')
    await writeSignaturesFile(file, history, settings)
    await expect(readSignaturesFile(file, { shingleWords: 4, permutations: 128 })).rejects.toThrow(/published\.jsonl:1: .*4-word shingles/)
    const lines = readFileSync(file, 'utf8').split('\n')
    writeFileSync(file, [lines[0], lines[1], '{"id": "c", "chars": 3', ''].join('\n'))
    await expect(readSignaturesFile(file, settings)).rejects.toThrow(/published\.jsonl:3: not a JSON line/)
    writeFileSync(file, [lines[0], JSON.stringify({ ...JSON.parse(lines[1] as string), key: 'xyz' }), ''].join('\n'))
    await expect(readSignaturesFile(file, settings)).rejects.toThrow(/:2: key must be 64 hex digits/)
    writeFileSync(file, '{"id":"a"}\n')
    await expect(readSignaturesFile(file, settings)).rejects.toBeInstanceOf(ConfigError)
  })
})
