import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { LoadedConfig } from '../config/load-config.js'
import type { Document } from '../core/document.js'
import { hasError } from '../core/document.js'
import { ExitCode } from '../core/errors.js'
import { createPipeline } from '../core/pipeline.js'
import { learnSiteFurniture, repeatedBlockRules } from '../corpus/learn-site-furniture.js'
import { runLocal } from '../executors/local-executor.js'
import { readInputs } from '../readers/read-inputs.js'
import { emptyReport, mergeReports, reportOfDocument, type RunReport } from '../report/run-report.js'
import { writeLearnedFurniture } from '../report/write-learned-furniture.js'
import { writeReports } from '../report/write-reports.js'
import { VERSION } from '../version.js'
import { buildManifest, writeManifest } from '../writers/manifest.js'
import { openOutputWriters } from '../writers/output-writers.js'

/** One run: inputs, where to write, with which configuration. */
export interface RunJobOptions {
  readonly inputs: readonly string[]
  readonly outDir: string
  readonly config: LoadedConfig
  readonly concurrency?: number
  readonly logger: Logger
}

/** What a run produced: its exit code for schedulers and its report. */
export interface RunJobResult {
  readonly exitCode: number
  readonly report: RunReport
  readonly runId: string
}

const PROGRESS_INTERVAL_MS = 2_000

/**
 * Runs the whole job: read → per-document pipeline (through the local executor) → writers, then
 * the reports and, last, the manifest. Document problems go to the rejects file and give exit
 * code 3; output failures throw (OutputError) and leave no half-published dataset.
 */
export async function runJob(options: RunJobOptions): Promise<RunJobResult> {
  const { config, logger } = options
  const runId = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomUUID().slice(0, 8)}`
  const startedAt = new Date()
  const log = logger.child({ runId })
  const batch = await readInputs(options.inputs, { maxDocumentBytes: config.pipeline.limits.maxDocumentBytes })
  log.info({ event: 'run-start', inputs: options.inputs, files: batch.files.length, skipped: batch.skipped.length, configHash: config.hash, ruleSetHash: config.ruleSetHash }, 'run started')
  for (const skipped of batch.skipped) log.warn({ event: 'file-skipped', path: skipped.path, reason: skipped.reason }, 'file skipped')

  // Corpus pass (opt-in): learn each site's repeated blocks from the whole batch first.
  const learned = config.pipeline.corpus.repeatedBlocks.enabled ? await learnSiteFurniture(options.inputs, config) : undefined
  if (learned) log.info({ event: 'repeated-blocks-learned', sites: learned.length, blocks: learned.reduce((n, s) => n + s.blocks.length, 0) }, 'repeated blocks learned')
  const pipeline = createPipeline(learned ? { ...config, rules: [...config.rules, ...repeatedBlockRules(learned)] } : config)
  const writers = await openOutputWriters(options.outDir, { rules: config.ruleSetHash, comments: config.pipeline.output.comments })
  let report = emptyReport()
  let failed = 0
  let lastProgress = Date.now()
  try {
    await runLocal({
      documents: batch.documents,
      processDocument: (doc) => pipeline.processDocument(doc),
      concurrency: options.concurrency ?? config.pipeline.concurrency,
      onResult: async (doc: Document) => {
        await writers.write(doc)
        report = mergeReports(report, reportOfDocument(doc))
        if (hasError(doc)) {
          failed++
          const error = doc.issues.find((i) => i.severity === 'error')
          log.warn({ event: 'document-rejected', id: doc.id, file: doc.source.file, line: doc.source.line, stage: error?.stage, code: error?.code, message: error?.message }, 'document rejected')
        }
        if (Date.now() - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = Date.now()
          const seconds = (lastProgress - startedAt.getTime()) / 1000
          log.info({ event: 'progress', documents: report.documents.read, docsPerSecond: Math.round(report.documents.read / seconds) }, 'progress')
        }
      },
    })
  } catch (error) {
    await writers.abort()
    throw error
  }
  const files = await writers.commit()
  const finishedAt = new Date()
  const summaryContext = {
    runId,
    startedAt: startedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    inputs: options.inputs,
    configHash: config.hash,
    version: VERSION,
    skippedFiles: batch.skipped.length,
  }
  await mkdir(join(options.outDir, 'reports'), { recursive: true })
  const reportFiles = await writeReports(join(options.outDir, 'reports'), report, summaryContext, batch.skipped)
  if (learned) reportFiles.push(...(await writeLearnedFurniture(options.outDir, learned)))
  const manifest = buildManifest({
    tool: { name: 'decruft', version: VERSION },
    runId,
    startedAt,
    finishedAt,
    inputs: options.inputs,
    configHash: config.hash,
    rules: { hash: config.ruleSetHash, configFile: config.file, files: config.ruleFileHashes },
    counts: { read: report.documents.read, written: report.documents.written, rejected: report.documents.rejected, byCode: report.documents.byCode },
    files: [files.dataset, files.csv, files.rejects, ...reportFiles],
    timings: Object.fromEntries(Object.entries(report.stages).map(([name, s]) => [name, Math.round(s.ms)])),
  })
  await writeManifest(options.outDir, manifest)
  for (const [stage, figures] of Object.entries(report.stages)) {
    const { removedByRule, editsByRule, ...totals } = figures
    log.child({ stage }).info({ event: 'stage-summary', ...totals, rules: Object.keys(removedByRule).length + Object.keys(editsByRule).length }, 'stage summary')
  }
  log.info({ event: 'run-end', ...manifest.counts, durationMs: manifest.durationMs }, 'run finished')
  return { exitCode: failed > 0 ? ExitCode.completedWithErrors : ExitCode.ok, report, runId }
}
