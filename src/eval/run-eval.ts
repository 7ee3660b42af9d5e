import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { DEFAULT_CONFIG_FILE, loadConfig, type LoadedConfig } from '../config/load-config.js'
import { createDocument, documentText, isRejected, type Document } from '../core/document.js'
import { UsageError } from '../core/errors.js'
import { createPipeline } from '../core/pipeline.js'
import { findDuplicates, type DuplicateMember } from '../corpus/duplicate-clusters.js'
import { duplicateEntry, type DuplicateEntry } from '../corpus/duplicate-entry.js'
import { resolveDuplicateOptions, type DuplicateOptions } from '../corpus/duplicate-options.js'
import { learnSiteFurnitureFromDocuments, REPEATED_BLOCK_RULE_ID, withLearnedRules } from '../corpus/learn-site-furniture.js'
import { openAtomicFileWriter, type AtomicFileWriter } from '../writers/atomic-file-writer.js'
import { toJsonLine } from '../writers/safe-json-line.js'
import { VERSION } from '../version.js'
import { countGoldLines } from './count-gold-lines.js'
import { parseGoldRecord, type GoldRecord } from './gold-record.js'
import { readGoldLines } from './read-gold-lines.js'
import { sampleRule, type SampleRule } from './sample-rule.js'
import { createScoreboard, type EvalScores } from './scoreboard.js'

/** Which input field of a gold record the pipeline cleans: the page (`html`) or its crude text rendering (`text`). */
export type EvalField = 'html' | 'text'

/** Which pass of an evaluation a progress report is about: learning site furniture (corpus passes only), cleaning and scoring, or re-scoring with duplicates dropped. */
export type EvalPhase = 'learn' | 'clean' | 'rescore'

/** What `runEval` evaluates and where it writes. */
export interface EvalOptions {
  /** Gold JSONL file (`.gz` is gunzipped while streaming). */
  readonly gold: string
  /** Default `html`. */
  readonly field?: EvalField
  /** A pipeline file, or configuration already loaded (lets tests share one load); default the shipped config. */
  readonly config?: string | LoadedConfig
  /** Only records of these datasets; default all. */
  readonly datasets?: readonly string[]
  /** Use about this many records: every k-th matching record (see `sampleRule`). */
  readonly sample?: number
  /** Write predictions `{id, text}` as JSONL here (the reference scorer's input). */
  readonly predictions?: string
  /**
   * Also run the corpus passes over the chosen records, as `decruft run` would over a batch:
   * learn each site's repeated blocks first and clean with them, then find duplicates among the
   * cleaned texts (see `EvalCorpusPasses`). Default false: the per-document pipeline only.
   */
  readonly corpusPasses?: boolean
  /** Called after each document, with documents done in this phase and milliseconds elapsed since the start. */
  readonly onProgress?: (done: number, elapsedMs: number, phase: EvalPhase) => void
}

/** One duplicate cluster as the evaluation reports it: the record kept and the records dropped. */
export interface EvalDuplicateCluster {
  readonly survivor: string
  readonly members: readonly DuplicateMember[]
}

/** How many of the first clusters an evaluation lists (the counts cover all of them). */
export const EVAL_LISTED_CLUSTERS = 20

/** What the corpus passes learned and did during an evaluation, so their effect on the scores can be judged. */
export interface EvalCorpusPasses {
  /** Sites (URL hosts) among the records, each with its documents counted by the learning pass. */
  readonly sites: number
  /** Sites with at least the configured `minSiteDocuments` documents (the only ones that can learn). */
  readonly sitesLargeEnough: number
  /** Sites that learned at least one block. */
  readonly sitesWithBlocks: number
  /** Blocks learned over all sites (each becomes part of a `corpus/repeated-block` rule). */
  readonly learnedBlocks: number
  /** The thresholds used (`pipeline.corpus.repeatedBlocks` of the configuration). */
  readonly thresholds: { readonly minShare: number; readonly minDocuments: number; readonly minSiteDocuments: number }
  /** Documents from which `corpus/repeated-block` removed something. */
  readonly documentsTouched: number
  /** Characters `corpus/repeated-block` removed over all documents. */
  readonly charsRemoved: number
  /** Documents that took part in duplicate detection: those the pipeline did not reject, as in `decruft run`. */
  readonly duplicateCandidates: number
  /** The duplicate settings used: `pipeline.corpus.duplicates` of the configuration (its `enabled` switch aside), the rest defaults. */
  readonly duplicateOptions: DuplicateOptions
  /** Clusters of two or more duplicate documents (exact or near). */
  readonly duplicateClusters: number
  /** Documents a run would drop as duplicates of their cluster's survivor. */
  readonly duplicatesDropped: number
  /** Of those, exact duplicates (same normalised text as the survivor). */
  readonly exactDuplicatesDropped: number
  /** The first `EVAL_LISTED_CLUSTERS` clusters by survivor id. */
  readonly clusters: readonly EvalDuplicateCluster[]
  /**
   * The scores when the dropped duplicates predict '' (as if a run left them out of the
   * dataset): the cost of deduplication on this gold set. Equal to the main scores when nothing
   * is dropped.
   */
  readonly scoresWithDuplicatesDropped: EvalScores
  /** Wall time of the learning pass. */
  readonly learnMs: number
}

/** What an evaluation measured, and how: written whole by `--json`. Scores sit at the top level as in the reference scorer's JSON. */
export interface EvalResult extends EvalScores {
  readonly gold: string
  readonly field: EvalField
  readonly config: string
  readonly configHash: string
  readonly version: string
  readonly datasetFilter: readonly string[] | null
  readonly sample: SampleRule | null
  /** Documents run through the pipeline and scored. */
  readonly documents: number
  /** Documents the pipeline rejected (their prediction is ''). */
  readonly rejected: number
  readonly predictions: string | null
  /** Wall time of the whole evaluation: reading, cleaning, scoring, writing. */
  readonly elapsedMs: number
  /** Time inside `processDocument` only. */
  readonly pipelineMs: number
  /** Documents per second of wall time. */
  readonly docsPerSecond: number
  /** Present only when the evaluation ran with `corpusPasses`. */
  readonly corpusPasses?: EvalCorpusPasses
}

/** Counts the records a sampled run chooses among (parsing lines only when a dataset filter needs their `dataset`). */
async function countMatching(gold: string, datasets: ReadonlySet<string> | null): Promise<number> {
  if (datasets === null) return countGoldLines(gold)
  let total = 0
  for await (const { line, lineNumber } of readGoldLines(gold)) {
    if (datasets.has(parseGoldRecord(line, `${gold}:${lineNumber}`).dataset)) total++
  }
  return total
}

/** The records an evaluation uses, in file order: those of the chosen datasets, every k-th under a sample rule. */
async function* chosenRecords(gold: string, datasets: ReadonlySet<string> | null, sample: SampleRule | null): AsyncGenerator<GoldRecord> {
  let position = 0
  for await (const { line, lineNumber } of readGoldLines(gold)) {
    // Without a dataset filter, a record the sample skips is never parsed.
    let record: GoldRecord | undefined
    if (datasets !== null) {
      record = parseGoldRecord(line, `${gold}:${lineNumber}`)
      if (!datasets.has(record.dataset)) continue
    }
    const chosen = sample === null || position % sample.every === 0
    position++
    if (!chosen) continue
    yield record ?? parseGoldRecord(line, `${gold}:${lineNumber}`)
  }
}

/** The Document a gold record becomes: its `field` as input of that format, with the record's URL when it has one. */
function documentOf(record: GoldRecord, field: EvalField): Document {
  return createDocument({ id: record.id, source: { format: field === 'html' ? 'html' : 'text', ...(record.url !== null ? { url: record.url } : {}) }, raw: record[field] ?? '' })
}

/** The chosen records as Documents for the learning pass, refusing a repeated id (duplicate detection keys on ids). */
async function* learningDocuments(records: AsyncIterable<GoldRecord>, field: EvalField, onDocument: (done: number) => void): AsyncGenerator<Document> {
  const ids = new Set<string>()
  for await (const record of records) {
    if (ids.has(record.id)) throw new UsageError(`eval --corpus-passes: record id ${JSON.stringify(record.id)} appears twice in the gold file; duplicate detection needs unique ids`)
    ids.add(record.id)
    yield documentOf(record, field)
    onDocument(ids.size)
  }
}

/** Characters the learned repeated-block rules removed from a cleaned document. */
function repeatedBlockChars(doc: Document): number {
  let chars = 0
  for (const r of doc.removals) if (r.ruleId === REPEATED_BLOCK_RULE_ID && r.scope !== 'meta') chars += r.chars
  return chars
}

/**
 * Runs the pipeline over a gold file and scores what it keeps. Each record becomes a Document
 * of its `field` (format html or text), goes through `processDocument`, and its `documentText`
 * is the prediction ('' when the pipeline rejects it). Records are streamed one at a time.
 *
 * With `corpusPasses`, the chosen records are read twice more: once before cleaning, to learn
 * each site's repeated blocks (added to the rules as `decruft run` adds them), and, when
 * duplicates were found, once after it, to score again with the dropped duplicates predicting
 * '' (the predictions are kept in a temporary file for that, never in memory). Duplicate
 * detection holds one entry (id, length, hashes) per document, not its text.
 */
export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const started = performance.now()
  const elapsed = (): number => performance.now() - started
  const field = options.field ?? 'html'
  const config = typeof options.config === 'object' ? options.config : loadConfig(options.config ?? DEFAULT_CONFIG_FILE)
  const datasets = options.datasets && options.datasets.length > 0 ? new Set(options.datasets) : null
  const sample = options.sample !== undefined ? sampleRule(await countMatching(options.gold, datasets), options.sample) : null
  const records = (): AsyncGenerator<GoldRecord> => chosenRecords(options.gold, datasets, sample)

  const corpusPasses = options.corpusPasses === true
  const learnStarted = performance.now()
  const learned = corpusPasses
    ? await learnSiteFurnitureFromDocuments(
        learningDocuments(records(), field, (done) => options.onProgress?.(done, elapsed(), 'learn')),
        config,
      )
    : undefined
  const learnMs = performance.now() - learnStarted
  const dedup = config.pipeline.corpus.duplicates
  const duplicateOptions = resolveDuplicateOptions({ threshold: dedup.threshold, shingleWords: dedup.shingleWords })
  const pipeline = createPipeline(withLearnedRules(config, learned))

  const scoreboard = createScoreboard()
  let writer: AtomicFileWriter | undefined
  let tempDir: string | undefined
  let keptPredictions: AtomicFileWriter | undefined
  let documents = 0
  let rejected = 0
  let pipelineMs = 0
  let documentsTouched = 0
  let charsRemoved = 0
  const entries: DuplicateEntry[] = []
  try {
    if (options.predictions !== undefined) writer = await openAtomicFileWriter(options.predictions)
    if (corpusPasses) {
      tempDir = await mkdtemp(join(tmpdir(), 'decruft-eval-'))
      keptPredictions = await openAtomicFileWriter(join(tempDir, 'predictions.jsonl'))
    }
    for await (const record of records()) {
      const t0 = performance.now()
      const result = pipeline.processDocument(documentOf(record, field))
      pipelineMs += performance.now() - t0
      const out = isRejected(result)
      const prediction = out ? '' : documentText(result)
      if (out) rejected++
      documents++
      scoreboard.add(record, prediction)
      const line = `${toJsonLine({ id: record.id, text: prediction })}\n`
      if (writer !== undefined) await writer.writeRecord(line)
      if (keptPredictions !== undefined) {
        await keptPredictions.writeRecord(line)
        const chars = repeatedBlockChars(result)
        if (chars > 0) documentsTouched++
        charsRemoved += chars
        if (!out) entries.push(duplicateEntry(record.id, prediction, duplicateOptions))
      }
      options.onProgress?.(documents, elapsed(), 'clean')
    }
    await writer?.commit()
    const scores = scoreboard.scores()

    let passes: EvalCorpusPasses | undefined
    if (learned !== undefined && keptPredictions !== undefined) {
      const predictionFile = (await keptPredictions.commit()).path
      const duplicates = findDuplicates(entries, duplicateOptions)
      const members = duplicates.clusters.flatMap((c) => c.members)
      const { minShare, minDocuments, minSiteDocuments } = config.pipeline.corpus.repeatedBlocks
      passes = {
        sites: learned.length,
        sitesLargeEnough: learned.filter((s) => !s.tooFewDocuments).length,
        sitesWithBlocks: learned.filter((s) => s.blocks.length > 0).length,
        learnedBlocks: learned.reduce((n, s) => n + s.blocks.length, 0),
        thresholds: { minShare, minDocuments, minSiteDocuments },
        documentsTouched,
        charsRemoved,
        duplicateCandidates: entries.length,
        duplicateOptions,
        duplicateClusters: duplicates.clusters.length,
        duplicatesDropped: duplicates.duplicateOf.size,
        exactDuplicatesDropped: members.filter((m) => m.kind === 'exact').length,
        clusters: duplicates.clusters.slice(0, EVAL_LISTED_CLUSTERS).map((c) => ({ survivor: c.survivor, members: c.members })),
        scoresWithDuplicatesDropped:
          duplicates.duplicateOf.size === 0 ? scores : await scoresWithout(records(), predictionFile, duplicates.duplicateOf, (done) => options.onProgress?.(done, elapsed(), 'rescore')),
        learnMs: Math.round(learnMs),
      }
    }

    const elapsedMs = elapsed()
    return {
      gold: options.gold,
      field,
      config: config.file,
      configHash: config.hash,
      version: VERSION,
      datasetFilter: datasets === null ? null : [...datasets],
      sample,
      documents,
      rejected,
      predictions: options.predictions ?? null,
      ...scores,
      elapsedMs: Math.round(elapsedMs),
      pipelineMs: Math.round(pipelineMs),
      docsPerSecond: elapsedMs > 0 ? Math.round((documents / (elapsedMs / 1000)) * 10) / 10 : 0,
      ...(passes !== undefined ? { corpusPasses: passes } : {}),
    }
  } catch (error) {
    await writer?.abort().catch(() => undefined)
    await keptPredictions?.abort().catch(() => undefined)
    throw error
  } finally {
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true })
  }
}

/**
 * Scores the records again from their saved predictions, with every dropped duplicate predicting
 * ''. The predictions file holds one line per record in the records' order.
 */
async function scoresWithout(
  records: AsyncIterable<GoldRecord>,
  predictionFile: string,
  dropped: ReadonlyMap<string, string>,
  onDocument: (done: number) => void,
): Promise<EvalScores> {
  const scoreboard = createScoreboard()
  const predictions = readGoldLines(predictionFile)
  let done = 0
  try {
    for await (const record of records) {
      const next = await predictions.next()
      if (next.done === true) throw new Error(`eval: ${predictionFile} ended before the records did`)
      const saved = JSON.parse(next.value.line) as { id: string; text: string }
      if (saved.id !== record.id) throw new Error(`eval: prediction ${JSON.stringify(saved.id)} does not line up with record ${JSON.stringify(record.id)}`)
      scoreboard.add(record, dropped.has(record.id) ? '' : saved.text)
      onDocument(++done)
    }
  } finally {
    await predictions.return(undefined)
  }
  return scoreboard.scores()
}
