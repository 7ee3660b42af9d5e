import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, toCsvRow, toDatasetRecord } from '../../src/writers/dataset-record.js'
import type { DatasetRecord } from '../../src/writers/dataset-record.js'
import { openCsvWriter } from '../../src/writers/csv-writer.js'
import { RULES_HASH, listFiles, parseCsv, readFixtureDocuments, textDocument, useTempDir } from './support.js'

const tempDir = useTempDir()

async function writeCsv(records: readonly DatasetRecord[]): Promise<{ text: string; records: number }> {
  const path = join(await tempDir(), 'dataset.csv')
  const writer = await openCsvWriter(path)
  for (const record of records) await writer.write(record)
  const info = await writer.commit()
  return { text: await readFile(path, 'utf8'), records: info.records }
}

function recordWithText(id: string, text: string, title?: string): DatasetRecord {
  return toDatasetRecord(textDocument(id, [text], title === undefined ? {} : { meta: { title } }), { rules: RULES_HASH })
}

function cellsOf(record: DatasetRecord): string[] {
  return Object.values(toCsvRow(record)).map((value) => (value === null ? '' : String(value)))
}

describe('openCsvWriter', () => {
  it('starts with the header row and ends every row with CRLF', async () => {
    const { text } = await writeCsv([recordWithText('a', 'plain')])
    expect(text.startsWith(`${CSV_COLUMNS.join(',')}\r\n`)).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
  })

  it('writes a header even when there are no records', async () => {
    const { text, records } = await writeCsv([])
    expect(parseCsv(text)).toEqual([[...CSV_COLUMNS]])
    expect(records).toBe(0)
  })

  it('quotes quotes, commas and line breaks so the rows parse back to the same cells', async () => {
    const tricky = [
      recordWithText('q', 'a,b,"c"\nnew line\r\ncrlf', 'He said "hi", then left'),
      recordWithText('r', 'lone\rcarriage return'),
      recordWithText('e', ''),
    ]
    const { text, records } = await writeCsv(tricky)
    expect(records).toBe(3)
    expect(parseCsv(text)).toEqual([[...CSV_COLUMNS], ...tricky.map(cellsOf)])
  })

  it('prefixes an apostrophe to cells a spreadsheet would run as a formula', async () => {
    const triggers = ['=1+1', '+cmd', '-2+3', '@SUM(A1:A2)', '\tx', '\rx', '\uFF1D1', '\uFF0B1', '\uFF0D1', '\uFF201']
    const { text } = await writeCsv(triggers.map((t, i) => recordWithText(`f${i}`, t)))
    const textColumn = parseCsv(text)
      .slice(1)
      .map((row) => row.at(-1))
    expect(textColumn).toEqual(triggers.map((t) => `'${t}`))
  })

  it('also neutralises look-alikes that fold to = + - @ and a leading NUL, which csv-stringify lets through', async () => {
    const lookalikes = ['\uFE66HYPERLINK()', '\uFE621', '\uFE631', '\uFE6Bx', '\u207A1', '\u207C1', '\u208A1', '\u208C1', '\u00001']
    const { text } = await writeCsv(lookalikes.map((t, i) => recordWithText(`l${i}`, t)))
    const textColumn = parseCsv(text)
      .slice(1)
      .map((row) => row.at(-1))
    expect(textColumn).toEqual(lookalikes.map((t) => `'${t}`))
  })

  it('leaves ordinary text, inner formula characters and numbers alone', async () => {
    const record = recordWithText('n', 'a = b + c', "'quoted already")
    const { text } = await writeCsv([record])
    const row = parseCsv(text)[1]!
    expect(row[CSV_COLUMNS.indexOf('text')]).toBe('a = b + c')
    expect(row[CSV_COLUMNS.indexOf('title')]).toBe("'quoted already")
    expect(row[CSV_COLUMNS.indexOf('chars')]).toBe('9')
  })

  it('writes the hostile CSV fixture as one parseable row per record with every trigger neutralised', async () => {
    const fixture = await readFixtureDocuments('csv-hostile-fields.jsonl')
    const { text, records } = await writeCsv(fixture.map(({ doc }) => toDatasetRecord(doc, { rules: RULES_HASH })))
    const rows = parseCsv(text)
    expect(records).toBe(fixture.length)
    expect(rows).toHaveLength(fixture.length + 1)
    expect(rows[0]).toEqual([...CSV_COLUMNS])

    const guard = (value: string) => (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value)
    rows.slice(1).forEach((row, i) => {
      const { fields } = fixture[i]!
      expect(row).toHaveLength(CSV_COLUMNS.length)
      expect(row[CSV_COLUMNS.indexOf('id')]).toBe(fields.id)
      expect(row[CSV_COLUMNS.indexOf('title')]).toBe(guard(fields.title!))
      expect(row[CSV_COLUMNS.indexOf('text')]).toBe(guard(fields.text!))
    })
  })

  it('keeps a sep= hint out of the first line, where spreadsheets would obey it', async () => {
    const { text } = await writeCsv([recordWithText('s', 'x', 'sep=;')])
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','))
  })

  it('leaves no file behind when aborted', async () => {
    const dir = await tempDir()
    const writer = await openCsvWriter(join(dir, 'dataset.csv'))
    await writer.write(recordWithText('a', 'x'))
    await writer.abort()
    expect(await listFiles(dir)).toEqual([])
  })
})
