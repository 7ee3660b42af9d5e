import { resolve } from 'node:path'
import { Command } from 'commander'
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js'
import type { Block, Document } from '../core/document.js'
import { UsageError } from '../core/errors.js'
import { createPipeline } from '../core/pipeline.js'
import { readInputs } from '../readers/read-inputs.js'
import { excerpt } from '../stages/boilerplate/excerpt.js'

interface ExplainOptions {
  config: string
  id?: string
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
  return new Command('explain')
    .description('show, block by block, what the pipeline keeps and which rule removed the rest (and why)')
    .argument('<inputs...>', 'files or folders, read as by decruft run')
    .option('-c, --config <file>', 'pipeline configuration (YAML)', DEFAULT_CONFIG_FILE)
    .option('--id <id>', 'only the document with this id')
    .option('--rule <id>', 'only blocks decided by this rule id (e.g. comments/widget-marker, model/block-classifier)')
    .option('--removed-only', 'hide kept blocks')
    .option('--json', 'one JSON line per block instead of the listing')
    .addHelpText(
      'after',
      `
Each line: block number, its label (+ kept, - removed, m moved to metadata), the rule id and reason,
then the start of the block's text. Nothing is written to disk.

Examples:
  decruft explain seeds/004_1e088acd9b881b64.txt
  decruft explain pages.jsonl --rule navigation/link-list --removed-only`,
    )
    .action(async (inputs: string[], options: ExplainOptions) => {
      const config = loadConfig(options.config)
      const pipeline = createPipeline(config)
      const batch = await readInputs(inputs.map((i) => resolve(i)), { maxDocumentBytes: config.pipeline.limits.maxDocumentBytes })
      let shown = 0
      for await (const input of batch.documents) {
        if (options.id !== undefined && input.id !== options.id) continue
        const doc = pipeline.processDocument(input)
        shown++
        process.stdout.write(options.json ? jsonLines(doc, options) : listing(doc, options))
      }
      if (shown === 0) throw new UsageError(options.id !== undefined ? `no document with id ${options.id} in the inputs` : 'the inputs hold no document')
    })
}

function selected(block: Block, options: ExplainOptions): boolean {
  if (options.removedOnly && block.label === 'content') return false
  if (options.rule !== undefined && block.decidedBy?.ruleId !== options.rule) return false
  return true
}

function listing(doc: Document, options: ExplainOptions): string {
  const lines = [`# ${doc.id} (${doc.source.file ?? ''}${doc.source.line ? `:${doc.source.line}` : ''})`]
  for (const issue of doc.issues) lines.push(`  ! ${issue.code} (${issue.stage}): ${issue.message}`)
  for (const [field, value] of Object.entries(doc.meta)) lines.push(`  meta.${field} = ${oneLine(value, SHOWN_CHARS)}`)
  for (const block of doc.blocks) {
    if (!selected(block, options)) continue
    const mark = block.label === 'content' ? '+' : block.label === 'metadata' ? 'm' : '-'
    const why = block.decidedBy ? ` ${block.decidedBy.ruleId}: ${block.decidedBy.reason}` : ''
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
