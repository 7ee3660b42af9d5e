import { stringify } from 'csv-stringify/sync'
import type { Options } from 'csv-stringify/sync'
import { openAtomicFileWriter } from './atomic-file-writer.js'
import { EXCEL_MAX_CELL_CHARS, fitCsvCell } from './fit-csv-cell.js'
import type { RecordWriter } from './atomic-file-writer.js'
import { CSV_COLUMNS, toCsvRow } from './dataset-record.js'
import type { DatasetRecord } from './dataset-record.js'

/**
 * First characters that csv-stringify's `escape_formulas` already neutralises: = + - @ TAB CR
 * and the fullwidth ＝ ＋ － ＠.
 */
const ESCAPED_BY_CSV_STRINGIFY = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'])

/** Formula triggers after compatibility folding (what a spreadsheet that normalises Unicode sees). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@'])

/**
 * True when a cell starts with a character csv-stringify lets through but a spreadsheet may still
 * read as a formula: look-alikes that fold to = + - @ under NFKC (small ﹦ ﹢ ﹣ ﹫, superscript
 * ⁺ ⁼, subscript ₊ ₌) and a leading NUL, which OWASP ASVS lists with the others.
 */
function startsWithFormulaLookalike(value: string): boolean {
  const codePoint = value.codePointAt(0)
  if (codePoint === undefined) return false
  const first = String.fromCodePoint(codePoint)
  if (ESCAPED_BY_CSV_STRINGIFY.has(first)) return false
  return first === '\0' || FORMULA_TRIGGERS.has(first.normalize('NFKC').charAt(0))
}

/** How dataset.csv is written for the spreadsheets that open it. */
export interface CsvWriterOptions {
  /** Start the file with a UTF-8 byte order mark (Excel reads UTF-8 only with one). */
  readonly bom: boolean
  /** Longest cell; longer cells are cut with a marker by `fitCsvCell`. */
  readonly maxCellChars: number
}

const DEFAULT_CSV_WRITER_OPTIONS: CsvWriterOptions = { bom: false, maxCellChars: EXCEL_MAX_CELL_CHARS }

function csvStringifyOptions(options: CsvWriterOptions): Options {
  return {
    columns: [...CSV_COLUMNS],
    escape_formulas: true,
    record_delimiter: 'windows',
    // Giving record_delimiter turns this off by default, which would leave a lone CR or LF unquoted.
    quote_record_delimiter: true,
    cast: {
      string: (value) => {
        const fitted = fitCsvCell(value, options.maxCellChars)
        return startsWithFormulaLookalike(fitted) ? `'${fitted}` : fitted
      },
    },
  }
}

/**
 * Opens dataset.csv: a header row, then one RFC 4180 row (CRLF, quoted when needed) per record,
 * with cells that a spreadsheet would run as formulas prefixed by an apostrophe and cells
 * longer than `maxCellChars` cut with a marker; optionally a UTF-8 byte order mark first.
 */
export async function openCsvWriter(path: string, options: CsvWriterOptions = DEFAULT_CSV_WRITER_OPTIONS): Promise<RecordWriter<DatasetRecord>> {
  const file = await openAtomicFileWriter(path)
  const stringifyOptions = csvStringifyOptions(options)
  try {
    await file.writeText(stringify([], { ...stringifyOptions, header: true, bom: options.bom }))
  } catch (err) {
    await file.abort()
    throw err
  }
  return {
    write: (record) => file.writeRecord(stringify([toCsvRow(record)], stringifyOptions)),
    commit: () => file.commit(),
    abort: () => file.abort(),
  }
}
