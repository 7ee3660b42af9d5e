import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { expect } from 'vitest'
import { REPORT_STAGES } from '../../src/report/run-report.js'
import { runCli, SEEDS, SHARED, tempDir } from '../support/run-cli.js'
import { splitLinesLikePython } from '../writers/support.js'

/** The shared hostile inputs and their manifest. */
export const BADINPUTS = join(SHARED, 'badinputs')

/** One row of badinputs/MANIFEST.json: a fixture and the outcome the contract expects for it. */
export interface ManifestEntry {
  readonly path: string
  readonly generated: boolean
  readonly expect: 'accept' | 'accept-flagged' | 'doc-error' | 'line-error' | 'file-error' | 'file-skipped' | 'config-error' | 'bounded'
  readonly code: string
  readonly note: string
}

/** Every fixture of the manifest. */
export function manifestEntries(): ManifestEntry[] {
  return (JSON.parse(readFileSync(join(BADINPUTS, 'MANIFEST.json'), 'utf8')) as { files: ManifestEntry[] }).files
}

/** A dataset or rejects line, parsed. */
export type JsonRecord = Record<string, unknown> & { readonly id: string; readonly source: string | null }

/** Per-stage figures of reports/run.json, as far as the contract reads them. */
interface StageFigures {
  readonly documentsIn: number
  readonly documentsOut: number
  readonly dropped: Record<string, number>
  readonly warnings: Record<string, number>
}

/** Everything a run of one batch left behind, parsed. */
export interface BatchOutcome {
  readonly exitCode: number
  readonly root: string
  readonly outDir: string
  readonly datasetLines: readonly string[]
  readonly records: readonly JsonRecord[]
  readonly rejects: readonly JsonRecord[]
  readonly csvRows: readonly string[][]
  readonly documents: { read: number; written: number; rejected: number; byCode: Record<string, number> }
  readonly stages: Readonly<Record<string, StageFigures>>
  readonly skipped: readonly { path: string; reason: string }[]
  readonly manifestCounts: { read: number; written: number; rejected: number } | undefined
}

/**
 * The known-good half of every batch: three seed files and a JSONL file with two more seeds as
 * records, so both readers run beside each hostile input.
 */
function writeGoodDocuments(inputDir: string): void {
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()
  for (const seed of seeds.slice(0, 3)) copyFileSync(join(SEEDS, seed), join(inputDir, seed))
  const records = seeds.slice(3, 5).map((seed, i) => JSON.stringify({ id: `good-record-${i + 1}`, text: readFileSync(join(SEEDS, seed), 'utf8') }))
  writeFileSync(join(inputDir, 'good-records.jsonl'), `${records.join('\n')}\n`)
}

/** Runs `decruft run` (in process, default configuration, no run state) on the good documents plus `hostile` files. */
export async function runHostileBatch(hostile: readonly string[], extraArgs: readonly string[] = []): Promise<BatchOutcome> {
  const root = tempDir('decruft-hostile-')
  const inputDir = join(root, 'in')
  const outDir = join(root, 'out')
  mkdirSync(inputDir)
  writeGoodDocuments(inputDir)
  for (const file of hostile) copyFileSync(file, join(inputDir, basename(file)))
  const exitCode = await runCli('run', inputDir, '--out', outDir, '--no-state', ...extraArgs)
  return readOutcome(exitCode, root, outDir)
}

function readOutcome(exitCode: number, root: string, outDir: string): BatchOutcome {
  const text = (name: string): string => (existsSync(join(outDir, name)) ? readFileSync(join(outDir, name), 'utf8') : '')
  const datasetLines = splitLinesLikePython(text('dataset.jsonl'))
  const run = existsSync(join(outDir, 'reports', 'run.json'))
    ? (JSON.parse(text('reports/run.json')) as { documents: BatchOutcome['documents']; stages: BatchOutcome['stages']; skippedFiles: BatchOutcome['skipped'] })
    : { documents: { read: 0, written: 0, rejected: 0, byCode: {} }, stages: {}, skippedFiles: [] }
  const manifest = existsSync(join(outDir, 'manifest.json')) ? (JSON.parse(text('manifest.json')) as { counts: BatchOutcome['manifestCounts'] }) : undefined
  return {
    exitCode,
    root,
    outDir,
    datasetLines,
    records: datasetLines.map((line) => JSON.parse(line) as JsonRecord),
    rejects: splitLinesLikePython(text('rejects.jsonl')).map((line) => JSON.parse(line) as JsonRecord),
    csvRows: parseCsv(text('dataset.csv'), { bom: true, relax_column_count: false }) as string[][],
    documents: run.documents,
    stages: run.stages,
    skipped: run.skippedFiles,
    manifestCounts: manifest?.counts,
  }
}

/** The records and rejects that came from one input file (by its `source`: `name` or `name:line`). */
export function fromFile(outcome: BatchOutcome, fileName: string): { records: JsonRecord[]; rejects: JsonRecord[] } {
  const isFrom = (r: JsonRecord): boolean => r.source === fileName || (r.source?.startsWith(`${fileName}:`) ?? false)
  return { records: outcome.records.filter(isFrom), rejects: outcome.rejects.filter(isFrom) }
}

/** All warning codes the run report counts, over every stage. */
export function warningCodes(outcome: BatchOutcome): string[] {
  return [...new Set(Object.values(outcome.stages).flatMap((s) => Object.keys(s.warnings)))].sort()
}

/**
 * The parts of the contract that hold for every batch, hostile input or not:
 * the good documents' dataset lines and CSV rows are byte-identical to the baseline run's,
 * the counts add up in run.json, the manifest and every stage, the outputs parse back (JSONL
 * by Node and by Python's line splitting, CSV by csv-parse with one row per record), nothing
 * was written outside the output folder, and no prototype was polluted.
 */
export function expectContractHolds(outcome: BatchOutcome, baseline: BatchOutcome): void {
  // Nothing else lost or changed.
  const lineOf = new Map(outcome.records.map((r, i) => [r.id, outcome.datasetLines[i]]))
  for (const [i, record] of baseline.records.entries()) expect(lineOf.get(record.id), `good document ${record.id}`).toBe(baseline.datasetLines[i])
  const csvOf = new Map(outcome.csvRows.slice(1).map((row) => [row[0], row]))
  for (const row of baseline.csvRows.slice(1)) expect(csvOf.get(row[0])).toEqual(row)

  // Accounting holds: in = written + rejected, per code, per stage and in the manifest.
  const { documents } = outcome
  expect(documents.read).toBe(documents.written + documents.rejected)
  expect(Object.values(documents.byCode).reduce((a, b) => a + b, 0)).toBe(documents.rejected)
  expect(outcome.records).toHaveLength(documents.written)
  expect(outcome.rejects).toHaveLength(documents.rejected)
  expect(outcome.manifestCounts).toMatchObject({ read: documents.read, written: documents.written, rejected: documents.rejected })
  let flowing = documents.read
  for (const name of REPORT_STAGES) {
    const stage = outcome.stages[name]
    if (stage === undefined) continue
    const dropped = Object.values(stage.dropped).reduce((a, b) => a + b, 0)
    expect(stage.documentsIn, `${name}: in = out + dropped`).toBe(stage.documentsOut + dropped)
    if (name !== 'write') {
      expect(stage.documentsIn, `${name} takes what the stage before passed on`).toBe(flowing)
      flowing = stage.documentsOut
    }
  }
  expect(outcome.stages['write']?.documentsIn).toBe(documents.read)
  expect(outcome.stages['write']?.documentsOut).toBe(documents.written)

  // Outputs stay valid.
  expect(outcome.csvRows).toHaveLength(documents.written + 1)
  for (const file of ['dataset.jsonl', 'rejects.jsonl', 'dataset.csv']) {
    const bytes = readFileSync(join(outcome.outDir, file))
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), `${file} is valid UTF-8`).not.toThrow()
  }
  expect(readdirSync(outcome.root).sort()).toEqual(['in', 'out'])
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
}
