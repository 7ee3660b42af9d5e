import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import { readInputs } from '../../src/readers/read-inputs.js'
import { BADINPUTS, SEEDS, codes, collect, removeTree, tempTree } from './helpers.js'

const roots: string[] = []
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTree))
})

describe('readInputs', () => {
  it('reads the seeds folder as 5 text documents named after their files', async () => {
    const batch = await readInputs([SEEDS])
    const docs = await collect(batch.documents)
    const names = (await readdir(SEEDS)).filter((n) => n.endsWith('.txt')).sort()
    expect(docs).toHaveLength(5)
    expect(docs.map((d) => d.id)).toEqual(names.map((n) => n.replace(/\.txt$/, '')))
    expect(docs.every((d) => d.source.format === 'text' && d.raw.length > 0 && d.issues.length === 0)).toBe(true)
  })

  it('yields files in listing order and JSONL records in line order, reporting skipped files', async () => {
    const root = await tempTree({
      'b.jsonl': '{"id":"r1","text":"x"}\n{"id":"r2","text":"y"}\n',
      'a.txt': 'alpha',
      'c/page.html.gz': gzipSync('<p>page</p>'),
      'c/readme.md': '# not input',
    })
    roots.push(root)
    const batch = await readInputs([root])
    const docs = await collect(batch.documents)
    expect(docs.map((d) => d.id)).toEqual(['a', 'r1', 'r2', 'page'])
    expect(batch.files.map((f) => f.file)).toEqual(['a.txt', 'b.jsonl', 'c/page.html.gz'])
    expect(batch.skipped.map((s) => path.relative(root, s.path))).toEqual(['c/readme.md'])
  })

  it('gives the same documents in the same order on every run', async () => {
    const run = async () => (await collect((await readInputs([path.join(BADINPUTS, 'jsonl'), path.join(BADINPUTS, 'gz')])).documents)).map((d) => [d.id, codes(d)])
    expect(await run()).toEqual(await run())
  })

  it('keeps going past bad files: every hostile text file becomes exactly one document', async () => {
    const batch = await readInputs([path.join(BADINPUTS, 'text')])
    const docs = await collect(batch.documents)
    expect(docs.map((d) => d.source.file)).toEqual(batch.files.map((f) => f.file))
    expect(docs.find((d) => d.id === 'binary-png-as-txt')?.issues.map((i) => i.code)).toEqual(['E_BINARY'])
  })

  it('fails with a UsageError before reading anything when an input path is missing', async () => {
    await expect(readInputs([SEEDS, path.join(SEEDS, 'missing-folder')])).rejects.toBeInstanceOf(UsageError)
  })

  it('rejects an impossible maxDocumentBytes before reading anything', async () => {
    await expect(readInputs([SEEDS], { maxDocumentBytes: 0 })).rejects.toThrow(UsageError)
    await expect(readInputs([SEEDS], { maxDocumentBytes: 1.5 })).rejects.toThrow('maxDocumentBytes: expected a positive integer, got 1.5')
  })
})
