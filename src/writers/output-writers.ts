import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { isRejected, withChanges } from '../core/document.js'
import type { Document } from '../core/document.js'
import { OutputError } from '../core/errors.js'
import type { FileInfo, RecordWriter } from './atomic-file-writer.js'
import { openCsvWriter, type CsvWriterOptions } from './csv-writer.js'
import { EXCEL_MAX_CELL_CHARS, overlongCsvCells } from './fit-csv-cell.js'
import { toCsvRow, toDatasetRecord } from './dataset-record.js'
import type { DatasetRecord, DatasetRecordOptions } from './dataset-record.js'
import { openJsonlWriter } from './jsonl-writer.js'
import { openRejectsWriter } from './rejects-writer.js'

/** File names of the outputs in the output directory. */
export const OUTPUT_FILES = {
  dataset: 'dataset.jsonl',
  csv: 'dataset.csv',
  rejects: 'rejects.jsonl',
} as const

/** The published files of a run, one entry per output. */
export type OutputFiles = Readonly<Record<keyof typeof OUTPUT_FILES, FileInfo>>

/** The run's outputs behind one door: processed documents go in, published files come out. */
export interface OutputWriters {
  readonly dir: string
  /**
   * Sends a processed document to the dataset (JSONL and CSV) or, when rejected, to the rejects
   * file, and returns it as written: with a `write` warning when a CSV cell had to be cut.
   */
  write(doc: Document): Promise<Document>
  /**
   * Publishes all three files and returns what each holds. If one fails, the ones not yet
   * published are removed; the manifest, written after this, is what marks a complete run.
   */
  commit(): Promise<OutputFiles>
  /** Removes the temporary files of every output not yet published. */
  abort(): Promise<void>
}

/** The document with a `W_CSV_CELL_TRUNCATED` warning when its CSV row has cells over the limit, else the document itself. */
function withCsvCellWarning(doc: Document, record: DatasetRecord, maxCellChars: number): Document {
  const overlong = overlongCsvCells(toCsvRow(record), maxCellChars)
  if (overlong.length === 0) return doc
  const cells = overlong.map((cell) => `${cell.column} (${cell.chars})`).join(', ')
  const message = `dataset.csv cells cut to ${maxCellChars} characters: ${cells}; dataset.jsonl has them whole`
  return withChanges(doc, { issues: [...doc.issues, { stage: 'write', code: 'W_CSV_CELL_TRUNCATED', severity: 'warning', message }] })
}

/**
 * Creates the output directory and opens dataset.jsonl, dataset.csv and rejects.jsonl in it,
 * so a run has one place to send documents and one commit that publishes everything.
 * `recordOptions.rules` (the rule set's sha256) goes on every dataset and reject record.
 */
export async function openOutputWriters(
  outDir: string,
  recordOptions: DatasetRecordOptions,
  csvOptions: CsvWriterOptions = { bom: false, maxCellChars: EXCEL_MAX_CELL_CHARS },
): Promise<OutputWriters> {
  try {
    await mkdir(outDir, { recursive: true })
  } catch (err) {
    throw new OutputError(`cannot create output directory ${outDir}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    })
  }

  const opened: { abort(): Promise<void> }[] = []
  const track = <W extends { abort(): Promise<void> }>(writer: W): W => {
    opened.push(writer)
    return writer
  }
  const abortAll = async (): Promise<void> => {
    await Promise.all(opened.map((writer) => writer.abort()))
  }

  let dataset: RecordWriter<DatasetRecord>
  let csv: RecordWriter<DatasetRecord>
  let rejects: RecordWriter<Document>
  try {
    dataset = track(await openJsonlWriter<DatasetRecord>(join(outDir, OUTPUT_FILES.dataset)))
    csv = track(await openCsvWriter(join(outDir, OUTPUT_FILES.csv), csvOptions))
    rejects = track(await openRejectsWriter(join(outDir, OUTPUT_FILES.rejects), recordOptions.rules))
  } catch (err) {
    await abortAll()
    throw err
  }

  return {
    dir: outDir,
    async write(doc) {
      if (isRejected(doc)) {
        await rejects.write(doc)
        return doc
      }
      const checked = toDatasetRecord(doc, recordOptions)
      const written = withCsvCellWarning(doc, checked, csvOptions.maxCellChars)
      const record = written === doc ? checked : toDatasetRecord(written, recordOptions)
      await Promise.all([dataset.write(record), csv.write(record)])
      return written
    },
    async commit() {
      try {
        return {
          dataset: await dataset.commit(),
          csv: await csv.commit(),
          rejects: await rejects.commit(),
        }
      } catch (err) {
        await abortAll()
        throw err
      }
    },
    abort: abortAll,
  }
}
