import { Command, InvalidArgumentError } from 'commander'
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js'
import { UsageError } from '../core/errors.js'
import { DEFAULT_EXAMPLES } from '../preview/compare-runs.js'
import { formatPreview } from '../preview/format-preview.js'
import { DEFAULT_SAMPLE } from '../preview/read-sample.js'
import { runPreview } from '../preview/run-preview.js'
import { wantsColor } from './terminal-color.js'

/** Parsed options of `decruft preview`. */
interface PreviewCommandOptions {
  rules: string[]
  sites?: string
  config: string
  sample: number
  examples: number
  json?: boolean
}

/**
 * Builds `decruft preview`: runs the current rules and a proposed rules folder on a sample of
 * documents and reports what would change (documents affected, blocks newly removed or kept,
 * characters per rule, examples with rule and reason), so a rule change can be checked before
 * a scheduled run uses it. Writes nothing; exits 0 whenever the preview ran.
 */
export function createPreviewCommand(): Command {
  return new Command('preview')
    .description('compare the current rules with proposed ones on a sample of documents: what would be removed or kept differently, and by which rule')
    .argument('<inputs...>', 'files or folders, read as by decruft run')
    .requiredOption('-r, --rules <dir>', 'a proposed rules folder, used instead of the pipeline file\'s rules.directories (repeat for several)', collect)
    .option('-c, --config <file>', 'pipeline configuration (YAML) for both runs; the current rules are its rules.directories', DEFAULT_CONFIG_FILE)
    .option('--sites <dir>', 'proposed site pack folder (default: the current one)')
    .option('--sample <n>', 'preview the first N readable documents in input order; documents rejected at read are counted and skipped', positiveInteger, DEFAULT_SAMPLE)
    .option('--examples <k>', 'show up to K newly removed and K newly kept blocks', wholeNumber, DEFAULT_EXAMPLES)
    .option('--json', 'print one JSON object with the whole report instead of the listing')
    .addHelpText(
      'after',
      `
Both runs use the same pipeline file and the block classifier, as decruft run would; only the
rule folders differ. Both configurations are checked before any input is read. A block is
"newly removed" when the current rules keep it and the proposed rules do not, "newly kept"
for the reverse. The report gives the documents affected (output text differs, newly rejected,
no longer rejected), the characters each rule removes now and with the proposal, and example
blocks with the rule and reason behind them. Nothing is written to disk.

Exit codes: 0 the preview ran (whatever it found); 2 bad usage or bad configuration.

Example: try a new rule on your pages before the scheduled run picks it up
  cp -r config/rules /tmp/proposed-rules
  $EDITOR /tmp/proposed-rules/navigation.yaml      # add or edit a rule
  decruft preview --rules /tmp/proposed-rules scrape/
  decruft preview --rules /tmp/proposed-rules pages.jsonl.gz --sample 1000 --examples 10
  decruft preview --rules /tmp/proposed-rules scrape/ --json > preview.json`,
    )
    .action(async (inputs: string[], options: PreviewCommandOptions) => {
      if (options.rules.length === 0) throw new UsageError('preview: give the proposed rules folder with --rules DIR')
      const report = await runPreview({
        inputs,
        configFile: options.config,
        rulesDirectories: options.rules,
        ...(options.sites !== undefined ? { sitesDirectory: options.sites } : {}),
        sample: options.sample,
        examples: options.examples,
      })
      const color = wantsColor(process.stdout)
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatPreview(report, { color }))
    })
}

/** Collects a repeatable option's values in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

function positiveInteger(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1')
  return n
}

function wholeNumber(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number (0 or more)')
  return n
}
