import { performance } from 'node:perf_hooks'
import { DEFAULT_CONFIG_FILE, loadConfig, type LoadedConfig } from '../config/load-config.js'
import { createDocument, documentText, isRejected } from '../core/document.js'
import { createPipeline } from '../core/pipeline.js'
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
  /** Called after each document, with documents done and milliseconds elapsed. */
  readonly onProgress?: (done: number, elapsedMs: number) => void
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

/**
 * Runs the pipeline over a gold file and scores what it keeps. Each record becomes a Document
 * of its `field` (format html or text), goes through `processDocument`, and its `documentText`
 * is the prediction ('' when the pipeline rejects it). Records are streamed one at a time.
 */
export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const started = performance.now()
  const field = options.field ?? 'html'
  const config = typeof options.config === 'object' ? options.config : loadConfig(options.config ?? DEFAULT_CONFIG_FILE)
  const pipeline = createPipeline(config)
  const datasets = options.datasets && options.datasets.length > 0 ? new Set(options.datasets) : null
  const sample = options.sample !== undefined ? sampleRule(await countMatching(options.gold, datasets), options.sample) : null

  const scoreboard = createScoreboard()
  let writer: AtomicFileWriter | undefined
  if (options.predictions !== undefined) writer = await openAtomicFileWriter(options.predictions)
  let position = 0
  let documents = 0
  let rejected = 0
  let pipelineMs = 0
  try {
    for await (const { line, lineNumber } of readGoldLines(options.gold)) {
      // Without a dataset filter, a record the sample skips is never parsed.
      let record: GoldRecord | undefined
      if (datasets !== null) {
        record = parseGoldRecord(line, `${options.gold}:${lineNumber}`)
        if (!datasets.has(record.dataset)) continue
      }
      const chosen = sample === null || position % sample.every === 0
      position++
      if (!chosen) continue
      record ??= parseGoldRecord(line, `${options.gold}:${lineNumber}`)

      const doc = createDocument({ id: record.id, source: { format: field === 'html' ? 'html' : 'text', ...(record.url !== null ? { url: record.url } : {}) }, raw: record[field] ?? '' })
      const t0 = performance.now()
      const result = pipeline.processDocument(doc)
      pipelineMs += performance.now() - t0
      const out = isRejected(result)
      const prediction = out ? '' : documentText(result)
      if (out) rejected++
      documents++
      scoreboard.add(record, prediction)
      if (writer !== undefined) await writer.writeRecord(`${toJsonLine({ id: record.id, text: prediction })}\n`)
      options.onProgress?.(documents, performance.now() - started)
    }
    await writer?.commit()
  } catch (error) {
    await writer?.abort().catch(() => undefined)
    throw error
  }
  const elapsedMs = performance.now() - started
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
    ...scoreboard.scores(),
    elapsedMs: Math.round(elapsedMs),
    pipelineMs: Math.round(pipelineMs),
    docsPerSecond: elapsedMs > 0 ? Math.round((documents / (elapsedMs / 1000)) * 10) / 10 : 0,
  }
}
