import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadConfig, type LoadedConfig } from '../config/load-config.js'
import { documentText, isRejected, type Document } from '../core/document.js'
import { createPipeline, type Pipeline } from '../core/pipeline.js'
import { createBlockFrequency, type BlockFrequency } from '../corpus/block-frequency.js'
import { duplicateEntry, type DuplicateEntry } from '../corpus/duplicate-entry.js'
import { resolveDuplicateOptions, type DuplicateOptions } from '../corpus/duplicate-options.js'
import { learnRepeatedBlocks } from '../corpus/learn-repeated-blocks.js'
import { addToSiteBlockSummary, repeatedBlockRules } from '../corpus/learn-site-furniture.js'
import { readInputs } from '../readers/read-inputs.js'
import { createSegmentStage, segmentOptionsOf } from '../stages/segment/segment-stage.js'
import type { Stage } from '../core/stage.js'
import { describeExit, runReportingChild } from './run-reporting-child.js'

/**
 * What the two corpus passes of `decruft run` keep in memory for one corpus, measured in a
 * process of its own: the repeated-block summary and the duplicate entries, each built exactly
 * as the run builds it, and the bytes they retain.
 */
export interface PassSummaryMeasurement {
  /** Documents read from the corpus (rejected ones included). */
  readonly documents: number
  /** Sites (`siteOf`) in the repeated-block summary. */
  readonly sites: number
  /** Distinct block keys, summed over the sites. */
  readonly distinctKeys: number
  /** Characters of the sample texts the summary holds (one per key), summed. */
  readonly sampleChars: number
  /**
   * Bytes the repeated-block summary retains: live bytes with it held minus live bytes once it
   * is let go (live bytes: `heapUsed + arrayBuffers` after full garbage collections).
   */
  readonly blockSummaryBytes: number
  /**
   * Live bytes after building the summary minus before: the summary plus what V8 kept from
   * running the code on the way (compiled code, type feedback), so a little more and noisier.
   */
  readonly blockSummaryGrowthBytes: number
  /** Duplicate entries built: one per document that the pipeline did not reject. */
  readonly entries: number
  /** Characters of cleaned text the entries were computed from (the text is not kept). */
  readonly entryTextChars: number
  /** Bytes the duplicate entries (and their array) retain, measured as `blockSummaryBytes`. */
  readonly entriesBytes: number
  /** Live bytes after building the entries minus before, as `blockSummaryGrowthBytes`. */
  readonly entriesGrowthBytes: number
  /** How long the measurement took inside the child, both passes. */
  readonly seconds: number
}

/** Documents run through the stages before the first baseline, so one-time set-up (lazy tables, first compilations) is not counted. */
const WARM_UP_DOCUMENTS = 8

/** Full garbage collections at least and at most per reading of `liveBytes`. */
const MIN_COLLECTIONS = 3
const MAX_COLLECTIONS = 16

/**
 * Heap used plus array buffers (the 128 hashes of a signature live in one) once the process is
 * quiet: pending callbacks run (a closed file stream lets go of its last chunk only then) and
 * full garbage collections repeat until two readings in a row agree (the first few still
 * shed what dies only after several collections). The bytes that are live. Needs
 * `node --expose-gc`; the child also runs with `--no-flush-bytecode`, since flushing the code
 * of functions idle for a few collections would count as freed memory.
 */
async function liveBytes(): Promise<number> {
  const gc = globalThis.gc
  if (gc === undefined) throw new Error('measurePassSummaries needs node --expose-gc')
  const readings: number[] = []
  for (let i = 0; i < MAX_COLLECTIONS; i++) {
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 5))
    gc()
    const usage = process.memoryUsage()
    readings.push(usage.heapUsed + usage.arrayBuffers)
    if (readings.length >= MIN_COLLECTIONS && readings[readings.length - 1] === readings[readings.length - 2]) break
  }
  return readings[readings.length - 1] ?? 0
}

/** The corpus's documents, streamed; at most `limit`. */
async function* corpusDocuments(file: string, config: LoadedConfig, limit = Infinity): AsyncGenerator<Document> {
  const batch = await readInputs([file], { maxDocumentBytes: config.pipeline.limits.maxDocumentBytes })
  let n = 0
  for await (const doc of batch.documents) {
    if (n++ >= limit) return
    yield doc
  }
}

/** Pass ② as `runJob` does it: the whole pipeline, then the entry of the cleaned text. */
function entryOf(input: Document, pipeline: Pipeline, options: DuplicateOptions): DuplicateEntry | undefined {
  const doc = pipeline.processDocument(input)
  return isRejected(doc) ? undefined : duplicateEntry(doc.id, documentText(doc), options)
}

/**
 * The structures measured. Only this object refers to them (the functions that build them
 * return counts, not the structures), so letting go of a field frees exactly what it retains.
 */
interface Held {
  summary?: BlockFrequency
  entries?: DuplicateEntry[]
}

/** Builds `held.summary` from the corpus (or a throw-away one from its first `limit` documents); returns the documents read. */
async function buildBlockSummary(held: Held, file: string, config: LoadedConfig, segment: Stage, limit = Infinity): Promise<number> {
  const summary = createBlockFrequency()
  if (limit === Infinity) held.summary = summary
  let documents = 0
  for await (const doc of corpusDocuments(file, config, limit)) {
    documents++
    addToSiteBlockSummary(summary, doc, segment, config.pipeline.corpus.repeatedBlocks.fileGrouping)
  }
  return documents
}

/** Builds `held.entries` from the corpus (or throw-away ones from its first `limit` documents); returns the entries built. */
async function buildEntries(held: Held, file: string, config: LoadedConfig, pipeline: Pipeline, options: DuplicateOptions, limit = Infinity): Promise<number> {
  const entries: DuplicateEntry[] = []
  if (limit === Infinity) held.entries = entries
  for await (const doc of corpusDocuments(file, config, limit)) {
    const entry = entryOf(doc, pipeline, options)
    if (entry !== undefined) entries.push(entry)
  }
  return entries.length
}

/**
 * Streams `corpusFile` in this process and measures what each corpus pass of `decruft run`
 * keeps: ① the repeated-block summary (`createBlockFrequency`/`addDocument` over each
 * document's segmented blocks, per `siteOf` site, as `learnSiteFurnitureFromDocuments`),
 * ② the duplicate entries (`duplicateEntry` of each kept document's cleaned text: `documentText`
 * after the full pipeline with the blocks learned in ① as rules, as `runJob` with both passes
 * on). Live bytes are taken before and after building each, the summary staying referenced
 * while ② is built and measured; at the end the entries, then the summary, are let go, and
 * what that frees is what each retains. A few documents go through the stages before the first
 * baseline, so one-time set-up is not counted. Uses the pass settings of `configFile` whether
 * or not the passes are enabled there. Needs `node --expose-gc`; `measurePassSummariesInChild`
 * runs it in a fresh process.
 */
export async function measurePassSummaries(corpusFile: string, configFile: string): Promise<PassSummaryMeasurement> {
  const started = performance.now()
  const config = loadConfig(configFile)
  const repeated = config.pipeline.corpus.repeatedBlocks
  const dedup = config.pipeline.corpus.duplicates
  const duplicateOptions = resolveDuplicateOptions({ threshold: dedup.threshold, shingleWords: dedup.shingleWords })
  const segment = createSegmentStage(segmentOptionsOf(config))
  const held: Held = {}

  // ① The repeated-block summary.
  await buildBlockSummary(held, corpusFile, config, segment, WARM_UP_DOCUMENTS)
  const beforeSummary = await liveBytes()
  const documents = await buildBlockSummary(held, corpusFile, config, segment)
  const afterSummary = await liveBytes()

  // ② The duplicate entries, from the text the run would clean with the learned blocks.
  const learned = learnRepeatedBlocks(held.summary ?? createBlockFrequency(), {
    minShare: repeated.minShare,
    minDocuments: repeated.minDocuments,
    minSiteDocuments: repeated.minSiteDocuments,
  })
  const pipeline = createPipeline({ ...config, rules: [...config.rules, ...repeatedBlockRules(learned, repeated.fileGrouping)] })
  await buildEntries(held, corpusFile, config, pipeline, duplicateOptions, WARM_UP_DOCUMENTS)
  const beforeEntries = await liveBytes()
  await buildEntries(held, corpusFile, config, pipeline, duplicateOptions)
  const afterEntries = await liveBytes()

  const counts = countsOf(held)
  held.entries = undefined
  const withoutEntries = await liveBytes()
  // The learned blocks keep their sample texts, a handful per site, out of what is freed here.
  held.summary = undefined
  const withoutSummary = await liveBytes()
  return {
    documents,
    ...counts,
    blockSummaryBytes: withoutEntries - withoutSummary,
    blockSummaryGrowthBytes: afterSummary - beforeSummary,
    entriesBytes: afterEntries - withoutEntries,
    entriesGrowthBytes: afterEntries - beforeEntries,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  }
}

/** Sites, keys and sample characters of the summary; entries and the characters they were computed from. */
function countsOf(held: Held): Pick<PassSummaryMeasurement, 'sites' | 'distinctKeys' | 'sampleChars' | 'entries' | 'entryTextChars'> {
  let distinctKeys = 0
  let sampleChars = 0
  for (const site of held.summary?.sites.values() ?? []) {
    distinctKeys += site.keys.size
    for (const count of site.keys.values()) sampleChars += count.sample.length
  }
  let entryTextChars = 0
  for (const entry of held.entries ?? []) entryTextChars += entry.chars
  return { sites: held.summary?.sites.size ?? 0, distinctKeys, sampleChars, entries: held.entries?.length ?? 0, entryTextChars }
}

/** This module as compiled: the child imports it from `dist/bench` (from src/bench or dist/bench alike). */
const MEASURE_MODULE = new URL('../../dist/bench/measure-pass-summaries.js', import.meta.url)

/**
 * Node flags of the child: `global.gc`; no flushing of idle bytecode and no optimising
 * compilation in the background, which would change the heap between two readings.
 */
const CHILD_FLAGS = ['--expose-gc', '--no-flush-bytecode', '--no-concurrent-recompilation']

/** The child's program: measures, then writes the result as one JSON line to file descriptor 3. */
const CHILD_SCRIPT = `
import { writeSync } from 'node:fs'
const { measurePassSummaries } = await import(process.env.DECRUFT_BENCH_MEASURE)
const [corpusFile, configFile] = process.argv.slice(1)
const result = await measurePassSummaries(corpusFile, configFile)
writeSync(3, JSON.stringify(result) + '\\n')
`

/**
 * `measurePassSummaries` in a fresh `node --expose-gc` process importing the compiled modules
 * (`npm run build` first), so nothing of the calling process mixes into the heap measured.
 * Throws with the child's stderr when it fails.
 */
export async function measurePassSummariesInChild(corpusFile: string, configFile: string): Promise<PassSummaryMeasurement> {
  if (!existsSync(fileURLToPath(MEASURE_MODULE))) throw new Error(`bench: ${fileURLToPath(MEASURE_MODULE)} is missing; run npm run build first`)
  const outcome = await runReportingChild<PassSummaryMeasurement>(CHILD_FLAGS, CHILD_SCRIPT, [corpusFile, configFile], { DECRUFT_BENCH_MEASURE: MEASURE_MODULE.href })
  const result = outcome.reported
  if (result === undefined || outcome.code !== 0) {
    const stderr = outcome.stderr.trim()
    throw new Error(`bench: measuring the corpus passes' summaries of ${corpusFile} ${describeExit(outcome)}${stderr !== '' ? `:\n${stderr}` : ''}`)
  }
  return result
}
