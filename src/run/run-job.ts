import { createHash, randomUUID } from 'node:crypto'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { LoadedConfig } from '../config/load-config.js'
import type { Document } from '../core/document.js'
import { hasError, isRejected } from '../core/document.js'
import { ExitCode, UsageError } from '../core/errors.js'
import { applyDuplicateDrop } from '../corpus/apply-duplicate-drop.js'
import { decideDuplicates, DUPLICATES_STAGE, type DuplicateCandidate, type DuplicateDecisions } from '../corpus/decide-duplicates.js'
import { resolveDuplicateOptions } from '../corpus/duplicate-options.js'
import { learnSiteFurniture } from '../corpus/learn-site-furniture.js'
import { readSignaturesFile, writeSignaturesFile, type PublishedSignature } from '../corpus/signatures-file.js'
import { withDuplicateEntry, type CleanedDocument } from '../executors/cleaned-document.js'
import { openDocumentCleaner } from '../executors/document-cleaner.js'
import { runLocal } from '../executors/local-executor.js'
import { resolveWorkerCount } from '../executors/worker-pool.js'
import { readInputs } from '../readers/read-inputs.js'
import { readerOptionsOf } from '../readers/reader-options.js'
import { comparableRun, compareRuns, type RunComparison } from '../report/compare-runs.js'
import { emptyReport, mergeReports, rejection, reportOfDocument, type RunReport } from '../report/run-report.js'
import { writeCorpusReport, type DuplicatesSummary } from '../report/write-corpus-report.js'
import { writeReports } from '../report/write-reports.js'
import { VERSION } from '../version.js'
import { buildManifest, removeManifest, writeManifest } from '../writers/manifest.js'
import { openOutputWriters } from '../writers/output-writers.js'
import { isContentSeen } from '../state/is-content-seen.js'
import { publishedSignatures } from '../state/published-signatures.js'
import { recordDocuments, type DocumentRow } from '../state/record-documents.js'
import { recordSignatures } from '../state/record-signatures.js'
import { openDocumentSpill } from './document-spill.js'
import { removeLeftovers } from './remove-leftovers.js'
import { findResumableSpill, replaySpilled } from './resume-from-spill.js'
import { createProgressReporter } from './progress-reporter.js'
import { openStateSession, type StateSession } from './state-session.js'

/** One run: inputs, where to write, with which configuration. */
export interface RunJobOptions {
  readonly inputs: readonly string[]
  readonly outDir: string
  readonly config: LoadedConfig
  readonly concurrency?: number
  /** Worker threads (0: the main thread); default from the configuration's `workers`. */
  readonly workers?: number
  /**
   * Signatures of documents earlier runs published: documents of this batch that duplicate one
   * are dropped (`D_PUBLISHED_EARLIER`), and this run's kept documents are added to the file.
   */
  readonly signatures?: string
  /**
   * The run state (SQLite): runs, the documents each saw, signatures of published documents.
   * Held under a lock for the whole run. Without it, the run keeps no history.
   */
  readonly state?: string
  /**
   * Process only documents whose content no earlier successful run on this state saw, and drop
   * duplicates of documents those runs published. Needs `state`.
   */
  readonly incremental?: boolean
  readonly logger: Logger
}

/** What a run produced: its exit code for schedulers and its report. */
export interface RunJobResult {
  readonly exitCode: number
  readonly report: RunReport
  readonly runId: string
}

const PROGRESS_INTERVAL_MS = 10_000
const DOCUMENT_ROWS_PER_TRANSACTION = 1_000

/** The digest a run state knows a document's content by: sha256 of its raw text as read. */
function contentHash(doc: Document): string {
  return createHash('sha256').update(doc.raw, 'utf8').digest('hex')
}

/** Yields the documents whose content is new to the state; counts the others. */
async function* newDocumentsOnly(documents: AsyncIterable<Document>, session: StateSession, skipped: { count: number }): AsyncGenerator<Document> {
  for await (const doc of documents) {
    if (!isRejected(doc) && isContentSeen(session.state, contentHash(doc))) skipped.count++
    else yield doc
  }
}

/** What the run state records of a written, rejected or dropped document. */
function documentRow(doc: Document, hash: string): DocumentRow {
  const rejected = rejection(doc)
  const outcome = rejected === undefined ? 'written' : rejected.stage === DUPLICATES_STAGE ? 'duplicate' : 'rejected'
  return { contentHash: hash, docId: doc.id, outcome, code: rejected?.code ?? null }
}

/**
 * Runs the whole job: read → per-document pipeline (through the local executor) → a spill file
 * → the duplicates pass over the whole batch → writers in id order, then the reports and, last,
 * the manifest. Writing in id order makes the dataset independent of input order and
 * concurrency. With a run state, the run holds its lock throughout (a second run gets
 * StateLockedError), records what it saw, and ends as succeeded only after the manifest; with
 * `incremental`, documents whose content an earlier successful run saw are skipped; after a
 * run with the same inputs and configuration died, the documents it had cleaned (its spill)
 * are taken over instead of cleaned again. Document
 * problems go to the rejects file and give exit code 3; output failures throw (OutputError)
 * and leave no half-published dataset.
 */
export async function runJob(options: RunJobOptions): Promise<RunJobResult> {
  const { config, logger } = options
  const runId = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomUUID().slice(0, 8)}`
  const startedAt = new Date()
  const log = logger.child({ runId })
  if (options.signatures !== undefined && !config.pipeline.corpus.duplicates.enabled) {
    throw new UsageError('--signatures needs the duplicates pass: set corpus.duplicates.enabled: true in the pipeline configuration')
  }
  if (options.incremental === true && options.state === undefined) throw new UsageError('--incremental needs a run state (--state PATH)')
  const session =
    options.state === undefined
      ? undefined
      : openStateSession({ statePath: options.state, runId, startedAt, configHash: config.hash, ruleSetHash: config.ruleSetHash, inputs: options.inputs, outDir: options.outDir, logger: log })
  try {
    return await runWithState(options, { runId, startedAt, log, session })
  } catch (error) {
    session?.fail()
    throw error
  }
}

/** The run itself, once its state (if any) is held. */
async function runWithState(
  options: RunJobOptions,
  context: { readonly runId: string; readonly startedAt: Date; readonly log: Logger; readonly session: StateSession | undefined },
): Promise<RunJobResult> {
  const { config } = options
  const { runId, startedAt, log, session } = context
  const dedup = config.pipeline.corpus.duplicates
  const duplicateOptions = resolveDuplicateOptions({ threshold: dedup.threshold, shingleWords: dedup.shingleWords })
  const incremental = options.incremental === true && session !== undefined
  const published: PublishedSignature[] =
    options.signatures !== undefined
      ? await readSignaturesFile(options.signatures, duplicateOptions)
      : incremental && dedup.enabled
        ? publishedSignatures(session.state, duplicateOptions)
        : []
  const batch = await readInputs(options.inputs, readerOptionsOf(config))
  const unchanged = { count: 0 }
  const newDocuments = incremental ? newDocumentsOnly(batch.documents, session, unchanged) : batch.documents
  // A dead run with the same inputs and configuration left its cleaned documents: take them over.
  const resumeFrom = session
    ? await findResumableSpill(session.interrupted, { configHash: config.hash, ruleSetHash: config.ruleSetHash, inputs: options.inputs, outDir: options.outDir })
    : undefined
  const replayed = new WeakSet<Document>()
  const documents = resumeFrom === undefined ? newDocuments : replaySpilled(newDocuments, resumeFrom, replayed)
  log.info({ event: 'run-start', inputs: options.inputs, files: batch.files.length, skipped: batch.skipped.length, configHash: config.hash, ruleSetHash: config.ruleSetHash }, 'run started')
  for (const skipped of batch.skipped) log.warn({ event: 'file-skipped', path: skipped.path, reason: skipped.reason }, 'file skipped')

  // Corpus pass ① (opt-in): learn each site's repeated blocks from the whole batch first.
  const learned = config.pipeline.corpus.repeatedBlocks.enabled ? await learnSiteFurniture(options.inputs, config) : undefined
  if (learned) log.info({ event: 'repeated-blocks-learned', sites: learned.length, blocks: learned.reduce((n, s) => n + s.blocks.length, 0) }, 'repeated blocks learned')
  if (session) {
    const leftovers = await removeLeftovers(options.outDir, resumeFrom)
    if (leftovers.length > 0) log.warn({ event: 'leftovers-removed', files: leftovers }, 'removed temporary files of a run that did not finish')
  }
  const { output } = config.pipeline
  const writers = await openOutputWriters(options.outDir, { rules: config.ruleSetHash, comments: output.comments }, { bom: output.csvBom, maxCellChars: output.csvMaxCellChars })
  const spill = await openDocumentSpill(options.outDir).catch(async (error: unknown) => {
    await writers.abort()
    throw error
  })
  let report = emptyReport()
  let failed = 0
  let cleaned = 0
  let charsRead = 0
  // A bar on a terminal (when info lines are wanted at all), progress log lines otherwise.
  const progress = createProgressReporter({
    stream: process.stderr,
    isTTY: process.stderr.isTTY === true && log.isLevelEnabled('info'),
    logger: log,
    intervalMs: PROGRESS_INTERVAL_MS,
  })
  const candidates: DuplicateCandidate[] = []
  const contentHashes: string[] = []
  let resumed = 0
  let documentRows: DocumentRow[] = []
  let decisions: DuplicateDecisions | undefined
  let workers = 0
  try {
    // Clean every document into the spill, keeping what the duplicates pass needs (no texts).
    const entryOptions = dedup.enabled ? duplicateOptions : undefined
    workers = options.workers ?? resolveWorkerCount(config.pipeline.workers, readableBytes(batch.files, config.pipeline.limits.maxDocumentBytes))
    log.info({ event: 'cleaning-start', workers }, workers === 0 ? 'cleaning on the main thread' : `cleaning on ${workers} worker threads`)
    const cleaner = await openDocumentCleaner(config, {
      workers,
      concurrency: options.concurrency ?? config.pipeline.concurrency,
      ...(learned ? { learned } : {}),
      ...(entryOptions ? { duplicates: entryOptions } : {}),
    })
    try {
      await runLocal({
        documents,
        processDocument: (doc) => (replayed.has(doc) ? withDuplicateEntry(doc, entryOptions) : cleaner.processDocument(doc)),
        concurrency: cleaner.inFlight,
        onResult: async ({ doc, duplicateEntry }: CleanedDocument) => {
          const spilled = await spill.add(doc)
          if (replayed.has(doc)) resumed++
          log.debug({ event: 'document-cleaned', id: doc.id, n: spilled.index + 1 }, 'document cleaned')
          if (session) contentHashes[spilled.index] = contentHash(doc)
          cleaned++
          if (duplicateEntry !== undefined) candidates.push({ position: spilled.index, tieBreak: spilled.digest, entry: duplicateEntry })
          charsRead += doc.raw.length
          progress.update(cleaned, charsRead)
        },
      })
    } finally {
      await cleaner.close()
    }
    progress.finish()
    if (resumeFrom !== undefined) {
      log.info({ event: 'resumed', from: resumeFrom, documents: resumed }, `resumed: ${resumed} documents cleaned by the interrupted run were taken over`)
      await rm(resumeFrom, { force: true })
    }
    // Corpus pass ②: exact and near duplicates, decided from the whole batch's entries.
    if (dedup.enabled) {
      decisions = decideDuplicates(candidates, published, duplicateOptions)
      log.info({ event: 'duplicates-found', documents: candidates.length, clusters: decisions.clusters.length, dropped: decisions.drops.size }, 'duplicates found')
    }
    for await (const { entry, doc: spilled } of spill.inIdOrder()) {
      const doc = await writers.write(decisions ? applyDuplicateDrop(spilled, decisions.drops.get(entry.index)) : spilled)
      report = mergeReports(report, reportOfDocument(doc))
      if (session) {
        documentRows.push(documentRow(doc, contentHashes[entry.index] as string))
        if (documentRows.length >= DOCUMENT_ROWS_PER_TRANSACTION) {
          recordDocuments(session.state, runId, documentRows)
          documentRows = []
        }
      }
      if (hasError(doc)) {
        failed++
        const error = doc.issues.find((i) => i.severity === 'error')
        log.warn({ event: 'document-rejected', id: doc.id, file: doc.source.file, line: doc.source.line, stage: error?.stage, code: error?.code, message: error?.message }, 'document rejected')
      }
    }
    if (session && documentRows.length > 0) recordDocuments(session.state, runId, documentRows)
  } catch (error) {
    await writers.abort()
    throw error
  } finally {
    await spill.discard()
  }
  if (incremental) {
    log.info({ event: 'incremental', unchanged: unchanged.count, processed: cleaned }, `incremental: ${cleaned} new documents processed, ${unchanged.count} unchanged since earlier runs skipped`)
  }
  // The manifest says a dataset is complete; the old one goes before any new file is published,
  // so a reader never takes new files for the old run's or old files for this one's.
  await removeManifest(options.outDir)
  const files = await writers.commit()
  const finishedAt = new Date()
  let duplicates: DuplicatesSummary | undefined
  let added: PublishedSignature[] = []
  if (decisions) {
    const dropped = decisions.drops
    added = candidates.filter((c) => !dropped.has(c.position)).map((c) => ({ entry: c.entry, run: runId }))
    duplicates = {
      threshold: duplicateOptions.threshold,
      shingleWords: duplicateOptions.shingleWords,
      documents: candidates.length,
      decisions,
      ...(options.signatures === undefined ? {} : { signatures: { path: options.signatures, earlier: published.length, added: added.length } }),
    }
  }
  const corpus = { ...(learned ? { learned } : {}), ...(duplicates ? { duplicates } : {}) }
  const thisRun = comparableRun(runId, report)
  const comparison: RunComparison | undefined = session?.previous?.report ? compareRuns(session.previous.report, thisRun) : undefined
  const summaryContext = {
    runId,
    startedAt: startedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    inputs: options.inputs,
    configHash: config.hash,
    version: VERSION,
    skippedFiles: batch.skipped.length,
    corpus,
    ...(comparison ? { comparison } : {}),
    ...(incremental ? { incremental: { unchanged: unchanged.count } } : {}),
  }
  await mkdir(join(options.outDir, 'reports'), { recursive: true })
  const reportFiles = await writeReports(join(options.outDir, 'reports'), report, summaryContext, batch.skipped)
  reportFiles.push(...(await writeCorpusReport(options.outDir, corpus)))
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
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    workers,
  })
  await writeManifest(options.outDir, manifest)
  // After the manifest: only a published dataset's documents count as published. Should this
  // write fail, the next run publishes them again rather than losing them.
  if (options.signatures !== undefined) {
    await writeSignaturesFile(options.signatures, [...published, ...added], duplicateOptions)
    log.info({ event: 'signatures-saved', path: options.signatures, earlier: published.length, added: added.length }, 'signatures saved')
  }
  if (session) {
    recordSignatures(session.state, runId, added.map((a) => a.entry))
    session.succeed(manifest.counts, thisRun)
  }
  for (const [stage, figures] of Object.entries(report.stages)) {
    const { removedByRule, editsByRule, ...totals } = figures
    log.child({ stage }).info({ event: 'stage-summary', ...totals, rules: Object.keys(removedByRule).length + Object.keys(editsByRule).length }, 'stage summary')
  }
  log.info({ event: 'run-end', ...manifest.counts, durationMs: manifest.durationMs }, 'run finished')
  return { exitCode: failed > 0 ? ExitCode.completedWithErrors : ExitCode.ok, report, runId }
}

/** The bytes of a batch that will be read: a file over the size limit is refused unread (a sparse 10 GiB file counts for nothing). */
function readableBytes(files: readonly { readonly kind: string; readonly bytes?: number }[], maxDocumentBytes: number): number {
  return files.reduce((sum, f) => sum + (f.kind !== 'jsonl' && (f.bytes ?? 0) > maxDocumentBytes ? 0 : (f.bytes ?? 0)), 0)
}
