import { describe, expect, it } from 'vitest'
import { EXCEL_MAX_CELL_CHARS, fitCsvCell } from '../../src/writers/fit-csv-cell.js'

describe('fitCsvCell', () => {
  it('leaves a cell within the limit unchanged', () => {
    expect(fitCsvCell('x'.repeat(EXCEL_MAX_CELL_CHARS), EXCEL_MAX_CELL_CHARS)).toHaveLength(EXCEL_MAX_CELL_CHARS)
  })

  it('cuts a longer cell to exactly the limit, ending in a marker that gives both lengths', () => {
    const cell = fitCsvCell('word '.repeat(8_000), EXCEL_MAX_CELL_CHARS)
    expect(cell).toHaveLength(EXCEL_MAX_CELL_CHARS)
    expect(cell.endsWith(' [… cut: 32767 of 40000 characters; full text in dataset.jsonl]')).toBe(true)
    expect(cell.startsWith('word word')).toBe(true)
  })

  it('never leaves half of a surrogate pair before the marker', () => {
    const value = '😀'.repeat(200)
    for (const limit of [150, 151, 152, 153]) {
      const cell = fitCsvCell(value, limit)
      expect(cell.length).toBeLessThanOrEqual(limit)
      expect(cell).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    }
  })
})
