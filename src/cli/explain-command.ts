import { resolve } from 'node:path'
import { Command } from 'commander'
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js'
import type { Block, Document } from '../core/document.js'
import { UsageError } from '../core/errors.js'
import { createPipeline } from '../core/pipeline.js'
import { readInputs } from '../readers/read-inputs.js'
import { excerpt } from '../stages/boilerplate/excerpt.js'
import { addRuleSetOptions, ruleSetOverrides, type RuleSetOptions } from './rule-set-options.js'
import { painter, wantsColor, type Painter } from './terminal-color.js'

interface ExplainOptions extends RuleSetOptions {
  config: string
  id?: string
  url?: string
  rule?: string
  removedOnly?: boolean
  json?: boolean
}

/** How many characters of each block the listing shows. */
const SHOWN_CHARS = 100

/**
 * Builds `decruft explain`: runs the pipeline on the given inputs and shows, block by block,
 * what was kept and which rule removed or moved the rest, with the rule's reason. The way to
 * see what a rule does on real pages before trusting it.
 */
export function createExplainCommand(): Command {
  const command = new Command('explain')
    .description('show, block by block, what the pipeline keeps and which rule removed the rest (and why)')
    .argument('<inputs...>', 'files or folders, read as by decruft run (JSONL files hold many documents)')
    .option('-c, --config <file>', 'pipeline configuration (YAML)', DEFAULT_CONFIG_FILE)
  return addRuleSetOptions(command)
    .option('--id <id>', 'only the document with this id')
    .option('--url <url>', 'only the document with this source URL (JSONL records with a url field)')
    .option('--rule <id>', 'only blocks decided by this rule id (e.g. comments/widget-marker, model/block-classifier)')
    .option('--removed-only', 'hide kept blocks')
    .option('--json', 'one JSON line per block instead of the listing')
    .addHelpText(
      'after',
      `
Each line: block number, its label (+ kept, - removed, m moved to metadata), the rule id and reason,
then the start of the block's text. Colour on a terminal (NO_COLOR turns it off). Nothing is
written to disk. A site pack's rules apply to documents whose URL is on that site.

Examples:
  decruft explain seeds/004_1e088acd9b881b64.txt
  decruft explain pages.jsonl --rule navigation/link-list --removed-only
  decruft explain pages.jsonl --url https://example.org/2024/05/budget --sites my-sites/`,
    )
    .action(async (inputs: string[], options: ExplainOptions) => {
      const config = loadConfig(options.config, ruleSetOverrides(options))
      const paint = painter(wantsColor(process.stdout))
      const pipeline = createPipeline(config)
      const batch = await readInputs(inputs.map((i) => resolve(i)), { maxDocumentBytes: config.pipeline.limits.maxDocumentBytes })
      let shown = 0
      for await (const input of batch.documents) {
        if (options.id !== undefined && input.id !== options.id) continue
        if (options.url !== undefined && input.source.url !== options.url) continue
        const doc = pipeline.processDocument(input)
        shown++
        process.stdout.write(options.json ? jsonLines(doc, options) : listing(doc, options, paint))
      }
      if (shown === 0) {
        const wanted = options.id !== undefined ? `with id ${options.id} ` : options.url !== undefined ? `with URL ${options.url} ` : ''
        throw new UsageError(`no document ${wanted}in the inputs`)
      }
    })
}

function selected(block: Block, options: ExplainOptions): boolean {
  if (options.removedOnly && block.label === 'content') return false
  if (options.rule !== undefined && block.decidedBy?.ruleId !== options.rule) return false
  return true
}

function listing(doc: Document, options: ExplainOptions, paint: Painter): string {
  const url = doc.source.url !== undefined ? ` ${oneLine(doc.source.url, SHOWN_CHARS)}` : ''
  const source = `${doc.source.file ?? ''}${doc.source.line ? `:${doc.source.line}` : ''}`
  const lines = [paint('bold', `# ${oneLine(doc.id, SHOWN_CHARS)} (${oneLine(source, SHOWN_CHARS)})${url}`)]
  for (const issue of doc.issues) lines.push(paint('yellow', `  ! ${issue.code} (${issue.stage}): ${oneLine(issue.message, 400)}`))
  for (const [field, value] of Object.entries(doc.meta)) lines.push(`  meta.${field} = ${oneLine(value, SHOWN_CHARS)}`)
  for (const block of doc.blocks) {
    if (!selected(block, options)) continue
    const mark = block.label === 'content' ? paint('green', '+') : block.label === 'metadata' ? paint('yellow', 'm') : paint('red', '-')
    const why = block.decidedBy ? ` ${block.decidedBy.ruleId}: ${paint('dim', oneLine(block.decidedBy.reason, 400))}` : ''
    lines.push(`${String(block.index).padStart(4)} ${mark}${why}\n       ${oneLine(block.text, SHOWN_CHARS)}`)
  }
  return `${lines.join('\n')}\n\n`
}

function jsonLines(doc: Document, options: ExplainOptions): string {
  return doc.blocks
    .filter((block) => selected(block, options))
    .map((block) => `${JSON.stringify({ id: doc.id, block: block.index, label: block.label, ruleId: block.decidedBy?.ruleId ?? null, reason: block.decidedBy?.reason ?? null, text: block.text })}\n`)
    .join('')
}

/** A block's text as one terminal-safe line: control characters become spaces, then it is shortened. */
function oneLine(text: string, max: number): string {
  return excerpt(text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '), max)
}
