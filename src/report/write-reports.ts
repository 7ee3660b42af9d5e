import { join } from 'node:path'
import type { SkippedFile } from '../readers/list-input-files.js'
import { openAtomicFileWriter, type FileInfo } from '../writers/atomic-file-writer.js'
import type { RunReport } from './run-report.js'
import { renderSummary, type SummaryContext } from './summary-markdown.js'

/**
 * Writes the reports into `dir`: one JSON file per stage (`<stage>.json`), the whole report
 * (`run.json`, with the skipped input files) and `summary.md` for people. Each file atomically.
 */
export async function writeReports(
  dir: string,
  report: RunReport,
  ctx: SummaryContext,
  skipped: readonly SkippedFile[],
): Promise<FileInfo[]> {
  const files: [string, string][] = [
    ...Object.entries(report.stages).map(([stage, figures]): [string, string] => [`${stage}.json`, json({ stage, ...figures })]),
    [
      'run.json',
      json({
        runId: ctx.runId,
        ...report,
        skippedFiles: skipped,
        ...(ctx.incremental ? { incremental: ctx.incremental } : {}),
        ...(ctx.comparison ? { comparedWithPrevious: ctx.comparison } : {}),
      }),
    ],
    ['summary.md', renderSummary(report, ctx)],
  ]
  return writeTextFiles(dir, files)
}

/** Writes each `[name, content]` into `dir` atomically (all or nothing per file) and returns what was written. */
export async function writeTextFiles(dir: string, files: readonly (readonly [string, string])[]): Promise<FileInfo[]> {
  const written: FileInfo[] = []
  for (const [name, content] of files) {
    const file = await openAtomicFileWriter(join(dir, name))
    try {
      await file.writeText(content)
    } catch (error) {
      await file.abort()
      throw error
    }
    written.push(await file.commit())
  }
  return written
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
