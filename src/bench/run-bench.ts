import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { createGunzip } from 'node:zlib'
import { parseDocument } from 'yaml'
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js'
import { DEFAULT_MAX_KEYS_PER_SITE } from '../corpus/block-frequency.js'
import { DEFAULT_CORPUS_OPTIONS, writeCorpus, type CorpusOptions } from './generate-corpus.js'
import { measurePassSummariesInChild } from './measure-pass-summaries.js'
import { describeExit, runReportingChild } from './run-reporting-child.js'

/**
 * What `runBench` measures on, and how: the base corpus (the scaling table adds one with twice
 * the documents and one with four times the paragraphs) and the run settings.
 */
export interface BenchOptions extends CorpusOptions {
  /** The pipeline file of the default run; the passes-on/off copies are made from it. */
  readonly config: string
  /** An existing corpus (JSONL or JSONL.gz) to measure instead of a generated one; no scaling table then. */
  readonly corpus?: string
  /** false: only the default and passes-on runs on the base corpus. */
  readonly scaling: boolean
  /** Keep the temporary folder (corpora, pipeline copies, outputs) and report where it is. */
  readonly keep: boolean
  /** Progress lines for a human ("generating …", "run 3/7 …"). */
  readonly onProgress?: (message: string) => void
}

/** The defaults of `runBench` (about four minutes on two cores, one of them for the table of what the passes hold): 1,500 documents, 12 sites, 6 paragraphs, 10% duplicates, seed 1, the shipped config, with the scaling table. */
export const DEFAULT_BENCH_OPTIONS: BenchOptions = Object.freeze({
  documents: 1_500,
  sites: DEFAULT_CORPUS_OPTIONS.sites,
  paragraphs: DEFAULT_CORPUS_OPTIONS.paragraphs,
  duplicateShare: DEFAULT_CORPUS_OPTIONS.duplicateShare,
  textShare: DEFAULT_CORPUS_OPTIONS.textShare,
  seed: DEFAULT_CORPUS_OPTIONS.seed,
  config: DEFAULT_CONFIG_FILE,
  scaling: true,
  keep: false,
})

/** The small sizes of `decruft bench --quick`: a smoke test of the whole bench in seconds, not a measurement. */
export const QUICK_BENCH_SIZES = Object.freeze({ documents: 60, sites: 3, paragraphs: 2 })

/** Which corpus a row ran on: the base one, articles four times as long, or twice the documents. */
export type BenchCorpus = 'base' | 'articles x4' | 'documents x2' | 'given'

/** Which configuration a row ran with: the pipeline file as it is, or a copy with both corpus passes off or on. */
export type BenchConfig = 'default' | 'passes off' | 'passes on'

/** One measured `decruft run`: sizes, time, throughput and the child's peak resident memory. */
export interface BenchRow {
  readonly corpus: BenchCorpus
  readonly config: BenchConfig
  readonly documents: number
  /** Paragraphs per article; null for a given corpus. */
  readonly paragraphs: number | null
  /** Bytes of JSONL read (uncompressed). */
  readonly inputBytes: number
  readonly inputMB: number
  /** From spawning the child to its exit: Node start-up, config loading, both passes, writing. */
  readonly wallSeconds: number
  /** Inside the child, `main()` alone (without Node start-up). */
  readonly runSeconds: number
  readonly docsPerSecond: number
  readonly mbPerSecond: number
  /** The child's peak resident set (`process.resourceUsage().maxRSS`), MiB. */
  readonly peakRssMiB: number
  readonly exitCode: number
  /** Documents written to the dataset and rejected (duplicates count as rejected), from the run's manifest. */
  readonly written: number | null
  readonly rejected: number | null
}

/**
 * What the corpus passes hold in memory for one corpus of the scaling table, measured precisely
 * in a process of its own (`measurePassSummaries`): the repeated-block summary and the
 * duplicate entries, with their sizes and the bytes they retain.
 */
export interface PassSummaryRow {
  readonly corpus: BenchCorpus
  readonly documents: number
  readonly paragraphs: number | null
  readonly inputBytes: number
  readonly inputMB: number
  /** Sites in the repeated-block summary. */
  readonly sites: number
  /** Distinct block keys, summed over the sites. */
  readonly distinctKeys: number
  /** Characters of the sample texts held (one per key), summed. */
  readonly sampleChars: number
  /** Bytes the repeated-block summary retains (live with it held minus live once let go). */
  readonly blockSummaryBytes: number
  readonly blockSummaryMiB: number
  readonly bytesPerKey: number
  /** Duplicate entries: one per document the pipeline kept. */
  readonly entries: number
  /** Characters of cleaned text the entries were computed from (and do not hold). */
  readonly entryTextChars: number
  /** Bytes the duplicate entries retain, measured as `blockSummaryBytes`. */
  readonly entriesBytes: number
  readonly entriesMiB: number
  readonly bytesPerEntry: number
  /** Live bytes after building minus before: the structure plus code and feedback V8 kept from running it (noisier). */
  readonly blockSummaryGrowthBytes: number
  readonly entriesGrowthBytes: number
  /** Time of the measuring process, from spawn to exit. */
  readonly wallSeconds: number
}

/** Everything `runBench` measured, for the table or `--json`. */
export interface BenchResult {
  readonly node: string
  readonly platform: string
  readonly cpus: number
  readonly config: string
  /** The generated base corpus's options, or null for a given corpus. */
  readonly corpus: CorpusOptions | null
  readonly corpusFile: string | null
  readonly rows: readonly BenchRow[]
  /** What the corpus passes hold, per corpus of the scaling table; empty without it. */
  readonly summaries: readonly PassSummaryRow[]
  /** The temporary folder, when kept (`keep`); null when it was removed. */
  readonly keptDirectory: string | null
  readonly elapsedSeconds: number
}

/** The compiled CLI the child runs: `dist/cli/main.js` of this package (from src/bench or dist/bench alike). */
const MAIN_MODULE = new URL('../../dist/cli/main.js', import.meta.url)

/**
 * The child's program: runs `main()` with the arguments after `--` and, on exit, writes its own
 * exit code, `main()` time and peak RSS as one JSON line to file descriptor 3 (a pipe the parent
 * reads), so the parent's memory never mixes into the measurement.
 */
const CHILD_SCRIPT = `
import { writeSync } from 'node:fs'
const { main } = await import(process.env.DECRUFT_BENCH_MAIN)
const started = performance.now()
let code = 1
let runMs = 0
process.on('exit', () => {
  writeSync(3, JSON.stringify({ code, runMs, maxRssKiB: process.resourceUsage().maxRSS }) + '\\n')
})
code = await main(['node', 'decruft', ...process.argv.slice(1)])
runMs = performance.now() - started
process.exitCode = code
`

/** What the child reported about itself. */
interface ChildReport {
  readonly code: number
  readonly runMs: number
  readonly maxRssKiB: number
}

/** Runs `decruft run CORPUS --out OUT --config CONFIG --log-level silent` in a child Node process and measures it. */
async function measureRun(corpusFile: string, outDir: string, configFile: string): Promise<{ report: ChildReport; wallMs: number }> {
  if (!existsSync(fileURLToPath(MAIN_MODULE))) throw new Error(`bench: ${fileURLToPath(MAIN_MODULE)} is missing; run npm run build first`)
  const args = ['run', corpusFile, '--out', outDir, '--config', configFile, '--log-level', 'silent']
  const started = performance.now()
  const outcome = await runReportingChild<ChildReport>([], CHILD_SCRIPT, args, { DECRUFT_BENCH_MAIN: MAIN_MODULE.href })
  const wallMs = performance.now() - started
  const report = outcome.reported
  // 0: every document kept; 3: done, some documents rejected (duplicates go to rejects.jsonl).
  if (report === undefined || (outcome.code !== 0 && outcome.code !== 3)) {
    const stderr = outcome.stderr.trim()
    throw new Error(`bench: decruft ${args.join(' ')} ${describeExit(outcome)}${stderr !== '' ? `:\n${stderr}` : ''}`)
  }
  return { report, wallMs }
}

/** Bytes and non-empty lines of a JSONL file, gunzipped first when the name ends in `.gz`. */
async function measureCorpusFile(file: string): Promise<{ bytes: number; documents: number }> {
  const raw = createReadStream(file)
  const stream: Readable = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw
  let bytes = 0
  let documents = 0
  let lineHasContent = false
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length
    for (const byte of chunk) {
      if (byte === 0x0a) {
        if (lineHasContent) documents++
        lineHasContent = false
      } else if (byte !== 0x20 && byte !== 0x0d && byte !== 0x09) lineHasContent = true
    }
  }
  if (lineHasContent) documents++
  return { bytes, documents }
}

/**
 * Writes a copy of the pipeline file `source` to `target` with its paths (rule folders, site
 * packs, taxonomy, block model) made absolute, so the copy loads the same rules from anywhere,
 * and both corpus passes (`corpus.repeatedBlocks`, `corpus.duplicates`) switched on or off.
 */
export function writePassesConfig(source: string, target: string, passesOn: boolean): void {
  const document = parseDocument(readFileSync(source, 'utf8'))
  if (document.errors.length > 0) throw new Error(`bench: cannot read ${source}: ${document.errors[0]?.message ?? 'invalid YAML'}`)
  const base = dirname(resolve(source))
  const absolute = (path: unknown): unknown => (typeof path === 'string' && !isAbsolute(path) ? resolve(base, path) : path)
  const directories = document.getIn(['rules', 'directories']) as { toJSON(): unknown } | undefined
  const list = directories?.toJSON()
  if (Array.isArray(list)) document.setIn(['rules', 'directories'], list.map(absolute))
  for (const path of [['rules', 'sites'], ['topics'], ['boilerplate', 'model']]) {
    const value = document.getIn(path)
    if (typeof value === 'string') document.setIn(path, absolute(value))
  }
  document.setIn(['corpus', 'repeatedBlocks', 'enabled'], passesOn)
  document.setIn(['corpus', 'duplicates', 'enabled'], passesOn)
  writeFileSync(target, document.toString())
}

/** Manifest counts of a finished run, or nulls when the manifest cannot be read. */
function manifestCounts(outDir: string): { written: number | null; rejected: number | null } {
  try {
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { counts?: { written?: unknown; rejected?: unknown } }
    const written = manifest.counts?.written
    const rejected = manifest.counts?.rejected
    return { written: typeof written === 'number' ? written : null, rejected: typeof rejected === 'number' ? rejected : null }
  } catch {
    return { written: null, rejected: null }
  }
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits))

/** One planned run: which corpus file, which configuration. */
interface Plan {
  readonly corpus: BenchCorpus
  readonly config: BenchConfig
  readonly file: string
  readonly documents: number
  readonly paragraphs: number | null
  readonly bytes: number
}

/**
 * The benchmark: generates the corpora into a temporary folder (or takes `corpus`), writes the
 * passes-on and passes-off copies of the pipeline file next to them, and runs `decruft run` on
 * each in a fresh child process, one at a time: the default configuration and passes on for the
 * base corpus, then (with `scaling`) passes off and on for the base corpus, for articles four
 * times as long and for twice the documents. Returns one row per run; throws when a run fails.
 */
export async function runBench(partial: Partial<BenchOptions> = {}): Promise<BenchResult> {
  const options: BenchOptions = { ...DEFAULT_BENCH_OPTIONS, ...partial }
  const progress = options.onProgress ?? (() => undefined)
  const started = performance.now()
  const configFile = resolve(options.config)
  if (!existsSync(configFile)) throw new Error(`bench: pipeline file ${configFile} does not exist`)
  const dir = mkdtempSync(join(tmpdir(), 'decruft-bench-'))
  try {
    const corpusOptions: CorpusOptions = {
      documents: options.documents,
      sites: options.sites,
      paragraphs: options.paragraphs,
      duplicateShare: options.duplicateShare,
      textShare: options.textShare,
      seed: options.seed,
    }
    const plans: Plan[] = []
    /** The corpora of the scaling table, whose pass summaries are measured after the runs. */
    const measured: Plan[] = []
    const onConfig = join(dir, 'pipeline-passes-on.yaml')
    const offConfig = join(dir, 'pipeline-passes-off.yaml')
    writePassesConfig(configFile, onConfig, true)
    writePassesConfig(configFile, offConfig, false)
    const configPath: Record<BenchConfig, string> = { default: configFile, 'passes off': offConfig, 'passes on': onConfig }

    let corpusFile: string
    if (options.corpus !== undefined) {
      corpusFile = resolve(options.corpus)
      if (!existsSync(corpusFile)) throw new Error(`bench: corpus ${corpusFile} does not exist`)
      progress(`measuring ${corpusFile}`)
      const { bytes, documents } = await measureCorpusFile(corpusFile)
      for (const config of ['default', 'passes on'] as const) plans.push({ corpus: 'given', config, file: corpusFile, documents, paragraphs: null, bytes })
    } else {
      const corpora: { corpus: BenchCorpus; options: CorpusOptions }[] = [{ corpus: 'base', options: corpusOptions }]
      if (options.scaling) {
        corpora.push({ corpus: 'articles x4', options: { ...corpusOptions, paragraphs: corpusOptions.paragraphs * 4 } })
        corpora.push({ corpus: 'documents x2', options: { ...corpusOptions, documents: corpusOptions.documents * 2 } })
      }
      corpusFile = join(dir, 'corpus-base.jsonl')
      for (const { corpus, options: generate } of corpora) {
        const file = corpus === 'base' ? corpusFile : join(dir, `corpus-${corpus.replace(' ', '-')}.jsonl`)
        progress(`generating ${corpus} corpus: ${generate.documents} documents, ${generate.paragraphs} paragraphs per article`)
        const stats = await writeCorpus(file, generate)
        const configs: BenchConfig[] = corpus === 'base' ? (options.scaling ? ['default', 'passes on', 'passes off'] : ['default', 'passes on']) : ['passes off', 'passes on']
        for (const config of configs) plans.push({ corpus, config, file, documents: stats.documents, paragraphs: generate.paragraphs, bytes: stats.bytes })
        if (options.scaling) measured.push({ corpus, config: 'passes on', file, documents: stats.documents, paragraphs: generate.paragraphs, bytes: stats.bytes })
      }
    }

    const rows: BenchRow[] = []
    for (const [index, plan] of plans.entries()) {
      const outDir = join(dir, `out-${index + 1}`)
      progress(`run ${index + 1}/${plans.length}: ${plan.config}, ${plan.corpus} corpus (${plan.documents} documents, ${(plan.bytes / 1e6).toFixed(1)} MB)`)
      const { report, wallMs } = await measureRun(plan.file, outDir, configPath[plan.config])
      const counts = manifestCounts(outDir)
      if (!options.keep) rmSync(outDir, { recursive: true, force: true })
      const seconds = wallMs / 1000
      const inputMB = plan.bytes / 1e6
      rows.push({
        corpus: plan.corpus,
        config: plan.config,
        documents: plan.documents,
        paragraphs: plan.paragraphs,
        inputBytes: plan.bytes,
        inputMB: round(inputMB, 2),
        wallSeconds: round(seconds, 2),
        runSeconds: round(report.runMs / 1000, 2),
        docsPerSecond: round(plan.documents / seconds, 1),
        mbPerSecond: round(inputMB / seconds, 3),
        peakRssMiB: round(report.maxRssKiB / 1024, 1),
        exitCode: report.code,
        ...counts,
      })
    }
    // Bytes retained do not depend on CPU time, so these processes may share the CPUs.
    const summaries = await mapConcurrently(measured, Math.min(2, cpus().length), async (plan, index) => {
      progress(`measuring what the corpus passes hold ${index + 1}/${measured.length}: ${plan.corpus} corpus`)
      const wallStarted = performance.now()
      const m = await measurePassSummariesInChild(plan.file, onConfig)
      return {
        corpus: plan.corpus,
        documents: plan.documents,
        paragraphs: plan.paragraphs,
        inputBytes: plan.bytes,
        inputMB: round(plan.bytes / 1e6, 2),
        sites: m.sites,
        distinctKeys: m.distinctKeys,
        sampleChars: m.sampleChars,
        blockSummaryBytes: m.blockSummaryBytes,
        blockSummaryMiB: round(m.blockSummaryBytes / 2 ** 20, 3),
        bytesPerKey: m.distinctKeys > 0 ? Math.round(m.blockSummaryBytes / m.distinctKeys) : 0,
        entries: m.entries,
        entryTextChars: m.entryTextChars,
        entriesBytes: m.entriesBytes,
        entriesMiB: round(m.entriesBytes / 2 ** 20, 3),
        bytesPerEntry: m.entries > 0 ? Math.round(m.entriesBytes / m.entries) : 0,
        blockSummaryGrowthBytes: m.blockSummaryGrowthBytes,
        entriesGrowthBytes: m.entriesGrowthBytes,
        wallSeconds: round((performance.now() - wallStarted) / 1000, 2),
      } satisfies PassSummaryRow
    })
    return {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      config: configFile,
      corpus: options.corpus === undefined ? corpusOptions : null,
      corpusFile: options.keep || options.corpus !== undefined ? corpusFile : null,
      rows,
      summaries,
      keptDirectory: options.keep ? dir : null,
      elapsedSeconds: round((performance.now() - started) / 1000, 1),
    }
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true })
  }
}

/** `work` on every item, at most `limit` at a time; the results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
  return results
}

function pad(cells: readonly string[], widths: readonly number[], rightAligned: readonly boolean[]): string {
  return cells.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()
}

function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  return [pad(header, widths, rightAligned), pad(widths.map((w) => '-'.repeat(w)), widths, rightAligned), ...rows.map((r) => pad(r, widths, rightAligned))]
}

/** A paragraph broken into lines of at most `width` characters at spaces. */
function wrap(text: string, width = 100): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') out.push(line)
  return out
}

const fixed = (value: number, digits: number): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** The third table (what the corpus passes hold in memory, per corpus) and how to read it. */
function formatPassSummaries(summaries: readonly PassSummaryRow[]): string[] {
  const count = (value: number): string => value.toLocaleString('en-US')
  const base = summaries.find((s) => s.corpus === 'base')
  const times = (value: number, of: number | undefined): string => (of === undefined || of === 0 ? '' : ` (×${fixed(value / of, 2)})`)
  // What a key costs beside its sample's characters (one byte each in a Latin-1 string).
  const first = base ?? summaries[0]
  const overhead = first !== undefined && first.distinctKeys > 0 ? Math.round((first.blockSummaryBytes - first.sampleChars) / first.distinctKeys) : undefined
  return [
    'What the corpus passes hold in memory (measured in a fresh process per corpus)',
    ...table(
      ['corpus', 'docs', 'input MB', 'cleaned Mchars', 'block keys', 'sample Mchars', 'summary MiB', 'B/key', 'entries', 'entries MiB', 'B/entry'],
      summaries.map((s) => [
        s.corpus,
        `${s.documents}`,
        fixed(s.inputMB, 1),
        fixed(s.entryTextChars / 1e6, 2),
        `${count(s.distinctKeys)}${times(s.distinctKeys, base?.distinctKeys)}`,
        fixed(s.sampleChars / 1e6, 2),
        `${fixed(s.blockSummaryMiB, 2)}${times(s.blockSummaryBytes, base?.blockSummaryBytes)}`,
        count(s.bytesPerKey),
        count(s.entries),
        `${fixed(s.entriesMiB, 3)}${times(s.entriesBytes, base?.entriesBytes)}`,
        count(s.bytesPerEntry),
      ]),
      [false, true, true, true, true, true, true, true, true, true, true],
    ),
    '',
    ...wrap(
      'Each row streams one corpus of the scaling table in a fresh "node --expose-gc" process and builds exactly what the corpus passes ' +
        'of "decruft run" keep: the repeated-block summary (per site, every distinct block key of the segmented documents with its ' +
        'document count and one sample text) and one duplicate entry per kept document (id, length, exact key and a 128-hash MinHash ' +
        'signature of the cleaned text, after the full pipeline with the learned blocks as rules). MiB is what a structure retains: ' +
        'live heap plus array buffers, after full garbage collections, with it held minus once it is let go (the growth while building ' +
        'it, which also holds code V8 compiled on the way, is in --json). "cleaned Mchars" is the text the entries were computed from ' +
        'and do not keep; "sample Mchars" the sample texts the summary holds, one per key. An entry has the same size whatever the ' +
        'length of its text, so the entries grow with documents alone: articles x4 (four times the cleaned text) leaves them ' +
        'unchanged and documents x2 doubles them. The block summary follows the distinct blocks: a menu, banner or footer repeated on ' +
        'every page of a site is one key however many pages carry it, but each distinct paragraph is a key of its own with one sample ' +
        `text${overhead !== undefined ? ` (B/key: about ${count(overhead)} bytes plus the sample's characters)` : ''}. Longer articles ` +
        'have more distinct paragraphs, so articles x4 adds keys as documents x2 does; and as nearly every article paragraph of a ' +
        'generated corpus is distinct, the samples add up to about the cleaned text. The summary holds each distinct block once, ' +
        `never its repeats, and at most ${count(DEFAULT_MAX_KEYS_PER_SITE)} keys per site.`,
    ),
  ]
}

/**
 * The bench result as text for a terminal: the throughput table (one row per run), the scaling
 * table (peak RSS with passes off and on, and what the passes add) and a paragraph on how to
 * read them, then the table of what the corpus passes hold in memory, with its own paragraph.
 */
export function formatBenchReport(result: BenchResult): string {
  const lines: string[] = []
  const corpus = result.corpus
  lines.push(
    corpus !== null
      ? `decruft bench: ${corpus.documents} documents on ${corpus.sites} sites, ${corpus.paragraphs} paragraphs per article, ${Math.round(corpus.duplicateShare * 100)}% duplicates, seed ${corpus.seed}`
      : `decruft bench: ${result.corpusFile ?? 'given corpus'}`,
    `node ${result.node}, ${result.platform}, ${result.cpus} CPUs; config ${result.config}`,
    '',
  )
  const kept = (row: BenchRow): string => (row.written === null ? '?' : `${row.written}`)
  lines.push(
    ...table(
      ['corpus', 'config', 'docs', 'kept', 'input MB', 'wall s', 'docs/s', 'MB/s', 'peak RSS MiB'],
      result.rows.map((r) => [r.corpus, r.config, `${r.documents}`, kept(r), fixed(r.inputMB, 1), fixed(r.wallSeconds, 1), fixed(r.docsPerSecond, 1), fixed(r.mbPerSecond, 2), fixed(r.peakRssMiB, 0)]),
      [false, false, true, true, true, true, true, true, true],
    ),
  )
  const find = (c: BenchCorpus, config: BenchConfig): BenchRow | undefined => result.rows.find((r) => r.corpus === c && r.config === config)
  const scaling: { corpus: BenchCorpus; off: BenchRow; on: BenchRow }[] = []
  for (const c of ['base', 'articles x4', 'documents x2'] as const) {
    const off = find(c, 'passes off')
    const on = find(c, 'passes on')
    if (off !== undefined && on !== undefined) scaling.push({ corpus: c, off, on })
  }
  if (scaling.length > 0) {
    lines.push('', 'Scaling: peak RSS (MiB) with the corpus passes off and on')
    lines.push(
      ...table(
        ['corpus', 'docs', 'paragraphs', 'input MB', 'off MiB', 'on MiB', 'on - off MiB', 'off docs/s', 'on docs/s'],
        scaling.map(({ corpus: c, off, on }) => [
          c,
          `${on.documents}`,
          `${on.paragraphs ?? '?'}`,
          fixed(on.inputMB, 1),
          fixed(off.peakRssMiB, 0),
          fixed(on.peakRssMiB, 0),
          fixed(on.peakRssMiB - off.peakRssMiB, 0),
          fixed(off.docsPerSecond, 1),
          fixed(on.docsPerSecond, 1),
        ]),
        [false, true, true, true, true, true, true, true, true],
      ),
    )
  }
  lines.push(
    '',
    ...wrap(
    'Each row is one "decruft run" in a fresh Node process, one after another, on ' +
      (corpus !== null
        ? `a generated corpus of scraped pages (site menus, donation banners with counters, cookie notices, footers, related stories, comment sections, ${Math.round(corpus.duplicateShare * 100)}% exact and near duplicates). `
        : 'the given corpus. ') +
      '"default" is the pipeline file as it is; "passes on"/"passes off" are copies with corpus.repeatedBlocks and corpus.duplicates both ' +
      'switched on/off. "kept" is the documents written to the dataset (duplicates are rejected). "wall s" runs from spawning the process ' +
      'to its exit, Node start-up and config loading included, and docs/s and MB/s (uncompressed JSONL) divide by it; "peak RSS" is the ' +
      "process's maximum resident memory. In the scaling table, on - off is what the corpus passes hold at their peak: per site the " +
      'distinct blocks they count and per document a duplicate signature. If the passes held the text they read, on - off would grow ' +
      'like input MB; holding keys and signatures, it grows with distinct blocks and documents. Articles x4 keeps the documents and ' +
      'quadruples the paragraphs (more distinct blocks, no more signatures); documents x2 doubles both. Peak RSS moves in V8 heap-growth ' +
      'steps of tens of MiB, so a single difference within about 50 MiB is not a signal; a larger --docs gives a clearer one' +
      (result.summaries.length > 0 ? ', and the last table measures what the passes hold to the byte. ' : '. ') +
      'Throughput varies by a few percent between runs and with other load on the machine.',
    ),
  )
  if (result.summaries.length > 0) lines.push('', ...formatPassSummaries(result.summaries))
  if (result.keptDirectory !== null) lines.push('', `kept: ${result.keptDirectory}`)
  lines.push('', `bench took ${fixed(result.elapsedSeconds, 0)} s`)
  return `${lines.join('\n')}\n`
}
