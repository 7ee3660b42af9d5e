import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Document } from '../../src/core/document.js'
import { OutputError } from '../../src/core/errors.js'
import { CSV_COLUMNS } from '../../src/writers/dataset-record.js'
import { OUTPUT_FILES, openOutputWriters } from '../../src/writers/output-writers.js'
import {
  RULES_HASH,
  listFiles,
  parseCsv,
  readFixtureDocuments,
  sha256OfFile,
  splitLinesLikePython,
  textDocument,
  useTempDir,
} from './support.js'

const tempDir = useTempDir()

const kept = textDocument('kept', ['=1+1 is arithmetic', 'Second paragraph.'])
const failed: Document = {
  ...textDocument('failed', ['']),
  issues: [{ stage: 'read', code: 'E_EMPTY', message: 'no text', severity: 'error' }],
}
const duplicate: Document = {
  ...textDocument('dup', ['=1+1 is arithmetic']),
  dropped: { stage: 'dedup', code: 'D_DUPLICATE', reason: 'exact duplicate', duplicateOf: 'kept' },
}

async function jsonLines(path: string): Promise<Record<string, unknown>[]> {
  return splitLinesLikePython(await readFile(path, 'utf8')).map((line) => JSON.parse(line))
}

describe('openOutputWriters', () => {
  it('cuts a text over csv maxCellChars in dataset.csv only, and returns the document with W_CSV_CELL_TRUNCATED', async () => {
    const dir = await tempDir()
    const outputs = await openOutputWriters(dir, { rules: RULES_HASH }, { bom: false, maxCellChars: 1_000 })
    const long = textDocument('long', ['A sentence of prose. '.repeat(100)])
    const written = await outputs.write(long)
    const short = await outputs.write(kept)
    const files = await outputs.commit()

    expect(short).toBe(kept)
    expect(written.issues.map((i) => [i.stage, i.code, i.severity])).toEqual([['write', 'W_CSV_CELL_TRUNCATED', 'warning']])
    expect(written.issues[0]?.message).toBe('dataset.csv cells cut to 1000 characters: text (2100); dataset.jsonl has them whole')
    const [record] = await jsonLines(files.dataset.path)
    expect((record?.text as string).length).toBe(2_100)
    expect(record?.warnings).toEqual(['W_CSV_CELL_TRUNCATED'])
    const rows = parseCsv(await readFile(files.csv.path, 'utf8'))
    const textCell = rows[1]?.[CSV_COLUMNS.indexOf('text')] ?? ''
    expect(textCell).toHaveLength(1_000)
    expect(textCell).toMatch(/\[… cut: 1000 of 2100 characters; full text in dataset\.jsonl\]$/)
  })

  it('starts dataset.csv with a UTF-8 byte order mark when asked, and only then', async () => {
    for (const bom of [true, false]) {
      const dir = await tempDir()
      const outputs = await openOutputWriters(dir, { rules: RULES_HASH }, { bom, maxCellChars: 32_767 })
      await outputs.write(kept)
      const files = await outputs.commit()
      const bytes = await readFile(files.csv.path)
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(bom)
      expect(bytes.toString('utf8').replace(/^\uFEFF/, '').startsWith('id,')).toBe(true)
    }
  })

  it('sends kept documents to the dataset and CSV and rejected ones to the rejects file', async () => {
    const dir = await tempDir()
    const outputs = await openOutputWriters(dir, { rules: RULES_HASH })
    for (const doc of [kept, failed, duplicate]) await outputs.write(doc)
    const files = await outputs.commit()

    expect((await jsonLines(files.dataset.path)).map((r) => r.id)).toEqual(['kept'])
    expect((await jsonLines(files.rejects.path)).map((r) => [r.id, r.code])).toEqual([
      ['failed', 'E_EMPTY'],
      ['dup', 'D_DUPLICATE'],
    ])
    expect(parseCsv(await readFile(files.csv.path, 'utf8')).map((row) => row[0])).toEqual(['id', 'kept'])
    expect([files.dataset.records, files.csv.records, files.rejects.records]).toEqual([1, 1, 2])
  })

  it('puts the rule-set hash on every dataset line, CSV row and reject line', async () => {
    const dir = await tempDir()
    const outputs = await openOutputWriters(dir, { rules: RULES_HASH })
    for (const doc of [kept, failed, duplicate]) await outputs.write(doc)
    const files = await outputs.commit()
    const csvRows = parseCsv(await readFile(files.csv.path, 'utf8')).slice(1)
    expect((await jsonLines(files.dataset.path)).map((r) => r.rules)).toEqual([RULES_HASH])
    expect(csvRows.map((row) => row[CSV_COLUMNS.indexOf('rules')])).toEqual([RULES_HASH])
    expect((await jsonLines(files.rejects.path)).map((r) => r.rules)).toEqual([RULES_HASH, RULES_HASH])
  })

  it('neutralises a formula in the CSV while the JSONL keeps the original text', async () => {
    const dir = await tempDir()
    const outputs = await openOutputWriters(dir, { rules: RULES_HASH })
    await outputs.write(kept)
    const files = await outputs.commit()
    const [record] = await jsonLines(files.dataset.path)
    const row = parseCsv(await readFile(files.csv.path, 'utf8'))[1]!
    expect(record!.text).toBe('=1+1 is arithmetic\nSecond paragraph.')
    expect(row[CSV_COLUMNS.indexOf('text')]).toBe("'=1+1 is arithmetic\nSecond paragraph.")
  })

  it('shows only partial files before commit and the three outputs after it', async () => {
    const dir = await tempDir()
    const outputs = await openOutputWriters(dir, { rules: RULES_HASH })
    await outputs.write(kept)
    const before = await listFiles(dir)
    expect(before).toHaveLength(3)
    expect(before.every((name) => name.includes('.partial-'))).toBe(true)
    await outputs.commit()
    expect(await listFiles(dir)).toEqual(Object.values(OUTPUT_FILES).sort())
  })

  it('reports file infos whose checksums and sizes match the files on disk', async () => {
    const dir = await tempDir()
    const outputs = await openOutputWriters(dir, { rules: RULES_HASH })
    for (const doc of [kept, failed]) await outputs.write(doc)
    const files = await outputs.commit()
    for (const info of Object.values(files)) {
      expect(info.sha256).toBe(await sha256OfFile(info.path))
      expect(info.bytes).toBe((await readFile(info.path)).length)
    }
  })

  it('leaves an empty directory when aborted', async () => {
    const dir = await tempDir()
    const outputs = await openOutputWriters(dir, { rules: RULES_HASH })
    await outputs.write(kept)
    await outputs.write(failed)
    await outputs.abort()
    expect(await listFiles(dir)).toEqual([])
  })

  it('creates a missing output directory', async () => {
    const dir = join(await tempDir(), 'nested', 'out')
    const outputs = await openOutputWriters(dir, { rules: RULES_HASH })
    await outputs.commit()
    expect(await listFiles(dir)).toEqual(Object.values(OUTPUT_FILES).sort())
  })

  it('fails with an OutputError naming the directory when it cannot be created', async () => {
    const parent = await tempDir()
    await writeFile(join(parent, 'file'), '')
    const dir = join(parent, 'file', 'out')
    const attempt = openOutputWriters(dir, { rules: RULES_HASH })
    await expect(attempt).rejects.toBeInstanceOf(OutputError)
    await expect(attempt).rejects.toThrow(dir)
  })

  it('carries the hostile fixtures through to files that read back record for record', async () => {
    const dir = await tempDir()
    const outputs = await openOutputWriters(dir, { rules: RULES_HASH })
    const fixture = [
      ...(await readFixtureDocuments('csv-hostile-fields.jsonl')),
      ...(await readFixtureDocuments('unicode-edge.jsonl')),
    ]
    for (const { doc } of fixture) await outputs.write(doc)
    const files = await outputs.commit()

    const records = await jsonLines(files.dataset.path)
    expect(records.map((r) => r.text)).toEqual(fixture.map(({ fields }) => fields.text))
    expect(records.map((r) => r.title)).toEqual(fixture.map(({ fields }) => fields.title ?? null))
    expect(parseCsv(await readFile(files.csv.path, 'utf8'))).toHaveLength(fixture.length + 1)
    expect(files.dataset.records).toBe(fixture.length)
    expect(files.csv.records).toBe(fixture.length)
  })
})
