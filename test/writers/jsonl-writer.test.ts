import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toDatasetRecord } from '../../src/writers/dataset-record.js'
import { openJsonlWriter } from '../../src/writers/jsonl-writer.js'
import { RULES_HASH, listFiles, readFixtureDocuments, splitLinesLikePython, useTempDir } from './support.js'

const tempDir = useTempDir()

function pythonAvailable(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

async function writeUnicodeFixture(): Promise<{ path: string; texts: string[]; records: number }> {
  const fixture = await readFixtureDocuments('unicode-edge.jsonl')
  const path = join(await tempDir(), 'dataset.jsonl')
  const writer = await openJsonlWriter(path)
  for (const { doc } of fixture) await writer.write(toDatasetRecord(doc, { rules: RULES_HASH }))
  const info = await writer.commit()
  return { path, texts: fixture.map(({ fields }) => fields.text!), records: info.records }
}

describe('openJsonlWriter', () => {
  it('writes one JSON record a line and counts them', async () => {
    const path = join(await tempDir(), 'out.jsonl')
    const writer = await openJsonlWriter<{ n: number }>(path)
    await writer.write({ n: 1 })
    await writer.write({ n: 2 })
    expect((await writer.commit()).records).toBe(2)
    expect(await readFile(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n')
  })

  it('reads the unicode fixture back one record per line in Node with the same texts', async () => {
    const { path, texts, records } = await writeUnicodeFixture()
    const lines = (await readFile(path, 'utf8')).split('\n').slice(0, -1)
    expect(records).toBe(texts.length)
    expect(lines.map((line) => JSON.parse(line).text)).toEqual(texts)
  })

  it('reads the unicode fixture back one record per line under Python splitlines rules', async () => {
    const { path, texts } = await writeUnicodeFixture()
    const lines = splitLinesLikePython(await readFile(path, 'utf8'))
    expect(lines.map((line) => JSON.parse(line).text)).toEqual(texts)
  })

  it.skipIf(!pythonAvailable())('reads the unicode fixture back line by line in real Python', async () => {
    const { path, texts } = await writeUnicodeFixture()
    const script = [
      'import json, sys',
      'lines = open(sys.argv[1], encoding="utf-8").read().splitlines()',
      'print(json.dumps([json.loads(l)["text"] for l in lines]))',
    ].join('\n')
    const readByPython = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }))
    expect(readByPython).toEqual(texts)
  })

  it('keeps lone surrogates as escapes so the file is valid UTF-8', async () => {
    const { path } = await writeUnicodeFixture()
    const bytes = await readFile(path)
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toContain('lone \\ud800 high surrogate')
  })

  it('leaves no file behind when aborted', async () => {
    const dir = await tempDir()
    const writer = await openJsonlWriter(join(dir, 'out.jsonl'))
    await writer.write({ n: 1 })
    await writer.abort()
    expect(await listFiles(dir)).toEqual([])
  })
})
