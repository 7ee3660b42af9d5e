import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js'
import { UsageError } from '../core/errors.js'
import { formatCorpusPasses, formatScoreTable } from '../eval/format-score-table.js'
import { runEval, type EvalField } from '../eval/run-eval.js'
import { openAtomicFileWriter } from '../writers/atomic-file-writer.js'
import { positiveInteger } from './positive-integer-option.js'

/** Parsed options of `decruft eval`. */
interface EvalCommandOptions {
  field: EvalField
  config: string
  datasets?: string[]
  sample?: number
  predictions?: string
  json?: string
  corpusPasses?: boolean
}

/** Builds `decruft eval`: cleans the pages of a gold file and scores the result; `setExitCode` receives 0 when it ran. */
export function createEvalCommand(setExitCode: (code: number) => void): Command {
  return new Command('eval')
    .description('measure main-content quality: clean each page of a gold file and score what is kept against its gold text')
    .argument('<gold>', 'gold JSONL(.gz): one {id, dataset, url, html, text, gold, gold_comments, gold_with, gold_without} per line')
    .addOption(new Option('--field <field>', 'which input to clean: html (the page) or text (its crude-scraper rendering)').choices(['html', 'text']).default('html'))
    .option('-c, --config <file>', 'pipeline configuration (YAML)', DEFAULT_CONFIG_FILE)
    .option('--datasets <names>', 'only these datasets, comma-separated (e.g. dragnet,wcxb)', datasetList)
    .option('--sample <n>', 'use about N records: every k-th matching record, k = round(matching / N); deterministic', positiveInteger)
    .option('--predictions <file>', 'also write the predictions {id, text} as JSONL (input of shared/eval/scorer/score.mjs)')
    .option('--json <file>', 'also write the whole result (every row and metric, sample rule, timings) as JSON')
    .option(
      '--corpus-passes',
      'also run the batch-wide passes of "decruft run" over the chosen records: learn each site\'s repeated blocks first and clean with them, then find duplicates among the cleaned texts; adds a corpus-passes summary (and scores with the duplicates dropped)',
    )
    .addHelpText(
      'after',
      `
Each record's html (or text) goes through the same pipeline as "decruft run"; the kept text
(content blocks, one per line) is the prediction, and a rejected document predicts "".
Prints one row per dataset, ALL(pooled) over all documents and MACRO (mean of dataset F1s):
  sh_P sh_R sh_F1     ScrapingHub benchmark: 4-token shingles, precision and recall averaged
                      over documents, F1 of those averages
  tok_P tok_R tok_F1  bag of lower-cased tokens, P/R/F1 per document, averaged (WCXB word_f1)
  leak_sh leak_tok    share of annotated user-comment text that was kept (0 is best)
  snip_P snip_R snip_F1  trafilatura snippets that must / must not appear, pooled per dataset
  missing             records without a prediction (always 0 here)
  empty               records with gold whose output is empty (target: ≤ 1% of them)
The figures agree with the reference scorer: node ../shared/eval/scorer/score.mjs GOLD PRED.

--corpus-passes answers "do the batch-wide passes change quality?". The chosen records (same
--datasets and --sample) are read once before cleaning: documents are segmented and, per site
(URL host; records without a URL form one group), blocks on enough of its documents are learned, with the thresholds of
corpus.repeatedBlocks in the configuration (minShare, minDocuments, minSiteDocuments; the
"enabled" switch is not needed). The scoring pass then cleans with those blocks removed as
corpus/repeated-block, so its score table compares directly with one printed without the flag.
After cleaning, exact and near duplicates among the kept texts are found with the settings of
corpus.duplicates (MinHash estimate of shingle Jaccard ≥ threshold; "enabled" not needed) and reported with the scores the table would show if the dropped duplicates predicted "".
It reads the gold file up to twice more and keeps only a short entry per document in memory.

Exit codes: 0 scored; 2 bad usage or bad configuration; 1 an output file could not be written.

Examples:
  decruft eval ../shared/eval/dev.jsonl.gz                         # all 1,775 pages, html field
  decruft eval ../shared/eval/dev.jsonl.gz --field text --sample 200
  decruft eval ../shared/eval/dev.jsonl.gz --datasets dragnet,l3s-gn1 --predictions pred.jsonl --json scores.json
  decruft eval ../shared/eval/dev.jsonl.gz --field text --corpus-passes --json with-passes.json`,
    )
    .action(async (gold: string, options: EvalCommandOptions) => {
      const goldFile = resolve(gold)
      if (!existsSync(goldFile) || !statSync(goldFile).isFile()) throw new UsageError(`eval: gold file ${gold} does not exist or is not a file`)
      if (options.predictions !== undefined && options.predictions.endsWith('.gz')) {
        throw new UsageError('eval: --predictions writes plain JSONL; give it a name ending in .jsonl')
      }
      const config = loadConfig(options.config)
      const interactive = process.stderr.isTTY === true
      let lastReport = 0
      const result = await runEval({
        gold: goldFile,
        field: options.field,
        config,
        ...(options.datasets !== undefined ? { datasets: options.datasets } : {}),
        ...(options.sample !== undefined ? { sample: options.sample } : {}),
        ...(options.predictions !== undefined ? { predictions: resolve(options.predictions) } : {}),
        ...(options.corpusPasses === true ? { corpusPasses: true } : {}),
        onProgress: (done, ms, phase) => {
          if (!interactive || ms - lastReport < 2000) return
          lastReport = ms
          const doing = phase === 'learn' ? 'learning site furniture' : phase === 'rescore' ? 'scoring with duplicates dropped' : 'cleaning'
          process.stderr.write(`\reval: ${doing}, ${done} documents, ${(ms / 1000).toFixed(0)} s `)
        },
      })
      if (interactive && lastReport > 0) process.stderr.write('\n')

      const title = `decruft eval ${gold} --field ${result.field}${result.datasetFilter ? ` --datasets ${result.datasetFilter.join(',')}` : ''}${result.corpusPasses ? ' --corpus-passes' : ''}`
      const lines = [formatScoreTable(title, result)]
      if (result.corpusPasses !== undefined) lines.push(formatCorpusPasses(result.corpusPasses, result))
      if (result.sample !== null) lines.push(`sample: ${result.sample.rule}`)
      if (result.datasetFilter !== null && result.documents === 0) lines.push(`no record matched --datasets ${result.datasetFilter.join(',')}`)
      lines.push(
        `${result.documents} documents (${result.rejected} rejected by the pipeline) in ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.docsPerSecond} docs/s (pipeline ${(result.pipelineMs / 1000).toFixed(1)} s); config ${result.config} (${result.configHash.slice(0, 12)})`,
      )
      process.stdout.write(`${lines.join('\n')}\n`)

      if (options.json !== undefined) {
        const writer = await openAtomicFileWriter(resolve(options.json))
        try {
          await writer.writeText(`${JSON.stringify(result, null, 1)}\n`)
          await writer.commit()
        } catch (error) {
          await writer.abort().catch(() => undefined)
          throw error
        }
      }
      setExitCode(0)
    })
}

function datasetList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (names.length === 0) throw new InvalidArgumentError('expected dataset names, comma-separated')
  return names
}
