import { existsSync, statSync } from 'node:fs'
import { Command, InvalidArgumentError } from 'commander'
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js'
import { UsageError } from '../core/errors.js'
import { DEFAULT_BENCH_OPTIONS, formatBenchReport, QUICK_BENCH_SIZES, runBench, type BenchOptions } from '../bench/run-bench.js'
import { positiveInteger } from './positive-integer-option.js'

/** Parsed options of `decruft bench`. */
interface BenchCommandOptions {
  docs?: number
  sites?: number
  paragraphs?: number
  duplicates: number
  seed: number
  config: string
  corpus?: string
  keep?: boolean
  scaling: boolean
  quick?: boolean
  json?: boolean
}

/** Where `decruft bench` writes: the report (stdout) and progress lines (stderr); tests pass their own. */
export interface BenchCommandOutput {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

const PROCESS_OUTPUT: BenchCommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}

/** Builds `decruft bench`: measures docs/s, MB/s and peak RSS of `decruft run` on a generated corpus, with and without the corpus passes. */
export function createBenchCommand(output: BenchCommandOutput = PROCESS_OUTPUT): Command {
  return new Command('bench')
    .description('measure speed (docs/s, MB/s) and peak memory of "decruft run" on a generated corpus, with the corpus passes off and on')
    .option('--docs <n>', `documents in the base corpus (default ${DEFAULT_BENCH_OPTIONS.documents}; --quick: ${QUICK_BENCH_SIZES.documents})`, positiveInteger)
    .option('--sites <n>', `sites the documents are spread over (default ${DEFAULT_BENCH_OPTIONS.sites}; --quick: ${QUICK_BENCH_SIZES.sites})`, positiveInteger)
    .option('--paragraphs <n>', `paragraphs per article (default ${DEFAULT_BENCH_OPTIONS.paragraphs}; --quick: ${QUICK_BENCH_SIZES.paragraphs})`, positiveInteger)
    .option('--duplicates <share>', 'share of documents that repeat an earlier article, exactly or with a few words edited (0 to 0.5)', share, DEFAULT_BENCH_OPTIONS.duplicateShare)
    .option('--seed <n>', 'seed of the generated corpus: same seed, same bytes', nonNegativeInteger, DEFAULT_BENCH_OPTIONS.seed)
    .option('-c, --config <file>', 'pipeline file of the default run; the passes-on/off copies are made from it', DEFAULT_CONFIG_FILE)
    .option('--corpus <file>', 'measure this JSONL(.gz) corpus instead of a generated one (no scaling table)')
    .option('--no-scaling', 'only the default and passes-on runs on the base corpus (skip the scaling table)')
    .option('--keep', 'keep the temporary folder with the corpora, pipeline copies and outputs, and print where it is')
    .option('--quick', 'tiny sizes: a smoke test of the bench itself in seconds, not a measurement')
    .option('--json', 'print one JSON object with every row instead of the tables')
    .addHelpText(
      'after',
      `
Generates a deterministic corpus of scraped pages as JSONL (several sites, each page with a
nav menu, a "Support <site>" banner with a "1,234 $ / 2,500 $" counter, a cookie notice, a
footer, related stories, sometimes comments, around an article of generated prose; a share of
exact and near duplicates), then runs "decruft run" on it in a fresh Node process per row and
reports documents, input MB, wall seconds, docs/s, MB/s and the process's peak RSS:

  default      the pipeline file as it is
  passes on    a copy with corpus.repeatedBlocks and corpus.duplicates switched on
  passes off   a copy with both switched off (scaling table only)

The scaling table runs passes off and on on the base corpus, on one with articles four times
as long (same documents) and on one with twice the documents: the passes' memory (on - off)
should follow the distinct blocks and signatures, not the amount of text. Peak RSS moves in
steps of tens of MiB, so a third table measures it precisely: for each of these corpora a
fresh "node --expose-gc" process builds what the passes keep (the repeated-block summary of
the segmented blocks, the duplicate entries of the cleaned texts) and reports distinct block
keys, sample characters held, entries, and the bytes each structure retains.

Needs the compiled CLI (npm run build). The default bench takes about four minutes on two cores
(one of them measuring what the passes hold); runs are sequential, so other load on the machine
skews docs/s (not the bytes of the last table). Never assert on these numbers in tests: compare
runs on the same machine.

Exit codes: 0 measured; 2 bad usage; 1 a run failed (its stderr is shown).

Examples:
  npm run bench                                   # the default bench, tables on stdout
  decruft bench --quick                           # smoke test, under a minute
  decruft bench --docs 5000 --no-scaling          # throughput on a bigger corpus
  decruft bench --keep --json > bench.json        # keep the corpora, machine-readable rows
  decruft bench --corpus pages.jsonl.gz           # your own corpus, default vs passes on`,
    )
    .action(async (options: BenchCommandOptions) => {
      if (options.corpus !== undefined && (!existsSync(options.corpus) || !statSync(options.corpus).isFile())) {
        throw new UsageError(`bench: corpus ${options.corpus} does not exist or is not a file`)
      }
      if (!existsSync(options.config)) throw new UsageError(`bench: pipeline file ${options.config} does not exist`)
      // A bad pipeline file stops here (exit 2, with file and key) rather than in the first child run.
      loadConfig(options.config)
      const sizes = options.quick === true ? QUICK_BENCH_SIZES : DEFAULT_BENCH_OPTIONS
      const benchOptions: Partial<BenchOptions> = {
        documents: options.docs ?? sizes.documents,
        sites: options.sites ?? sizes.sites,
        paragraphs: options.paragraphs ?? sizes.paragraphs,
        duplicateShare: options.duplicates,
        seed: options.seed,
        config: options.config,
        scaling: options.scaling && options.corpus === undefined,
        keep: options.keep === true,
        onProgress: (message) => output.stderr(`bench: ${message}\n`),
        ...(options.corpus !== undefined ? { corpus: options.corpus } : {}),
      }
      const result = await runBench(benchOptions)
      output.stdout(options.json === true ? `${JSON.stringify(result, null, 1)}\n` : formatBenchReport(result))
    })
}

function nonNegativeInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of at least 0')
  return n
}

function share(value: string): number {
  const n = Number(value)
  if (value.trim() === '' || !(n >= 0 && n <= 0.5)) throw new InvalidArgumentError('expected a number from 0 to 0.5')
  return n
}
