import { join, resolve } from 'node:path'
import { Command } from 'commander'
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js'
import { UsageError } from '../core/errors.js'
import { createLogger } from '../log.js'
import { runJob } from '../run/run-job.js'
import { addRuleSetOptions, ruleSetOverrides, type RuleSetOptions } from './rule-set-options.js'
import { nonNegativeInteger, positiveInteger } from './positive-integer-option.js'

/** The run state's default place: inside the output folder, so each output has its own history. */
export function defaultStatePath(outDir: string): string {
  return join(outDir, '.decruft', 'state.sqlite')
}

/** Where the default job reads and writes, relative to the working directory. */
export const DEFAULT_INPUT = 'seeds'
export const DEFAULT_OUTPUT = 'output'

/** Parsed options of `decruft run`. */
interface RunOptions extends RuleSetOptions {
  out?: string
  config?: string
  concurrency?: number
  workers?: number
  signatures?: string
  state?: string | false
  incremental?: boolean
  logLevel?: string
}

/** Builds `decruft run`; `setExitCode` receives the run's exit code. */
export function createRunCommand(setExitCode: (code: number) => void): Command {
  const command = new Command('run')
    .description('clean documents into a dataset: read → segment → boilerplate → normalize → classify → write')
    .argument('[inputs...]', 'files or folders (recursive): .txt scraped text, .html/.htm pages, .jsonl/.jsonl.gz records {id, url?, html?|text?}, .txt.gz/.html.gz')
    .option('-o, --out <dir>', 'output folder (required when inputs are given)')
    .option('-c, --config <file>', 'pipeline configuration (YAML)', DEFAULT_CONFIG_FILE)
  return addRuleSetOptions(command)
    .option('--workers <n>', 'worker threads that clean documents, 0 for the main thread only (default from config: one per core)', nonNegativeInteger)
    .option('--concurrency <n>', 'documents in flight at once on the main thread, with --workers 0 (default from config)', positiveInteger)
    .option('--state <file>', 'the run state (SQLite: run history, documents seen, published signatures), locked while the run goes on (default: OUT/.decruft/state.sqlite)')
    .option('--no-state', 'keep no run state (no history, no lock)')
    .option('--incremental', 'process only documents whose content no earlier successful run on this state saw, and drop duplicates of what those runs published')
    .option('--signatures <file>', 'signatures of documents earlier runs published: drop this batch\'s duplicates of them, then add this run\'s documents (created when missing)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', process.env['DECRUFT_LOG_LEVEL'] ?? 'info')
    .addHelpText(
      'after',
      `
With no inputs and no --out, runs the default job: ${DEFAULT_INPUT}/ into ${DEFAULT_OUTPUT}/.

Writes into the output folder:
  dataset.jsonl   one clean record per kept document (text, title, date, lang, languages,
                  genre, topics, pii counts, removed)
  dataset.csv     the same records as flat columns (formula-safe for spreadsheets)
  rejects.jsonl   every document that was not kept, with stage, code and reason
                  (duplicates: D_EXACT_DUPLICATE, D_NEAR_DUPLICATE, D_DUPLICATE_ID,
                  D_PUBLISHED_EARLIER, each with duplicate_of naming the kept document)
  reports/        one JSON file per stage, run.json, summary.md and corpus.json
  manifest.json   counts, sha256 of every file, config hash, version, timings (written last)

Records are written in id order, so the same documents give the same bytes in any input
order, with any number of workers and at any concurrency. With workers, a document still
running after limits.maxDocumentMs is stopped and rejected (E_TIME_BUDGET).

Exit codes: 0 done; 3 done, but some documents failed (see rejects.jsonl);
            2 bad usage or bad configuration (nothing written); 1 output could not be written;
            4 another run holds the state lock (nothing read or written).

Examples:
  decruft run                                   # seeds/ → output/
  decruft run scrape/ --out clean/              # a folder of .txt/.html files
  decruft run pages.jsonl.gz --out clean/ --config my-pipeline.yaml
  decruft run pages.jsonl.gz --out clean/ --rules my-rules/ --sites my-sites/
  decruft run tonight/ --out clean/2026-11-22/ --state state/decruft.sqlite --incremental`,
    )
    .action(async (inputs: string[], options: RunOptions) => {
      if (inputs.length > 0 && options.out === undefined) {
        throw new UsageError('--out is required when inputs are given (the default output/ is only for the default job)')
      }
      const logger = createLogger(options.logLevel)
      const config = loadConfig(options.config, ruleSetOverrides(options))
      const result = await runJob({
        inputs: inputs.length > 0 ? inputs.map((i) => resolve(i)) : [resolve(DEFAULT_INPUT)],
        outDir: resolve(options.out ?? DEFAULT_OUTPUT),
        config,
        logger,
        ...(options.signatures !== undefined ? { signatures: resolve(options.signatures) } : {}),
        ...(options.state === false ? {} : { state: resolve(options.state ?? defaultStatePath(resolve(options.out ?? DEFAULT_OUTPUT))) }),
        ...(options.incremental === true ? { incremental: true } : {}),
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
      })
      setExitCode(result.exitCode)
    })
}
