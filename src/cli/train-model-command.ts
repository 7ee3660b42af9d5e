import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { Command } from 'commander'
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js'
import { parseGoldRecord } from '../eval/gold-record.js'
import { readGoldLines } from '../eval/read-gold-lines.js'
import { createBoilerplateStage } from '../stages/boilerplate/boilerplate-stage.js'
import type { BlockModel } from '../stages/boilerplate/model/block-model.js'
import { trainFormatModel, type FormatTrainingResult, type GoldPage } from '../stages/boilerplate/model/train-block-model.js'
import { createSegmentStage, segmentOptionsOf } from '../stages/segment/segment-stage.js'

/** Where the shipped block model lives, relative to the repository. */
export const DEFAULT_MODEL_FILE = 'models/block-classifier.json'

interface TrainOptions {
  out: string
  config: string
  holdOut?: boolean
}

/** Builds `decruft train-model`: fits the block classifier on gold pages, deterministically. */
export function createTrainModelCommand(): Command {
  return new Command('train-model')
    .description('train the block classifier (one model for HTML input, one for scraped text) on pages with gold main text')
    .argument('<gold>', 'gold JSONL(.gz) with id, url, html, text and gold fields (e.g. ../shared/eval/dev.jsonl.gz)')
    .option('-o, --out <file>', 'where to write the model', DEFAULT_MODEL_FILE)
    .option('-c, --config <file>', 'pipeline configuration whose rules run before the model', DEFAULT_CONFIG_FILE)
    .option('--hold-out', 'train on half of the pages (by id hash) and report token F1 on the other half')
    .addHelpText(
      'after',
      `
The same gold file and options always give the same model file (seeded shuffling, fixed order).
The model judges the blocks the rules leave; retrain it after changing the rules:

  npm run build && node bin/decruft.js train-model ../shared/eval/dev.jsonl.gz --out ${DEFAULT_MODEL_FILE}`,
    )
    .action(async (goldFile: string, options: TrainOptions) => {
      const config = loadConfig(options.config, { withBlockModel: false })
      const pages = await readGoldPages(resolve(goldFile))
      const stages = {
        segment: createSegmentStage(segmentOptionsOf(config)),
        boilerplate: createBoilerplateStage(config.rules, config.pipeline.boilerplate),
      }
      const results: Record<'html' | 'text', FormatTrainingResult> = {
        html: trainFormatModel(pages.html, 'html', stages, options.holdOut === true),
        text: trainFormatModel(pages.text, 'text', stages, options.holdOut === true),
      }
      for (const [format, result] of Object.entries(results)) {
        const heldOut = result.heldOut
          ? `; held-out ${result.heldOut.pages} pages: token F1 ${result.heldOut.tokenF1.toFixed(4)} (rules only ${result.heldOut.tokenF1RulesOnly.toFixed(4)})`
          : ''
        process.stdout.write(`${format}: ${result.pages} pages, ${result.blocks} blocks, threshold ${result.model.threshold}${heldOut}\n`)
      }
      const model: BlockModel = {
        version: 1,
        description:
          'decruft block classifier: logistic regression over block features (local layer) and over the local scores of neighbouring blocks (context layer), per input format',
        training: {
          gold: basename(goldFile),
          goldSha256: await sha256OfFile(resolve(goldFile)),
          pages: { html: results.html.pages, text: results.text.pages },
          blocks: { html: results.html.blocks, text: results.text.blocks },
          configHash: config.hash,
          heldOut: options.holdOut === true,
        },
        formats: { html: results.html.model, text: results.text.model },
      }
      const out = resolve(options.out)
      await mkdir(dirname(out), { recursive: true })
      await writeFile(out, `${JSON.stringify(model, null, 1)}\n`)
      process.stdout.write(`wrote ${out}\n`)
    })
}

async function readGoldPages(file: string): Promise<{ html: GoldPage[]; text: GoldPage[] }> {
  const html: GoldPage[] = []
  const text: GoldPage[] = []
  for await (const { line, lineNumber } of readGoldLines(file)) {
    const record = parseGoldRecord(line, `${file}:${lineNumber}`)
    if (record.gold === null || record.gold.trim() === '') continue
    const base = { id: record.id, gold: record.gold, ...(record.url ? { url: record.url } : {}) }
    if (record.html !== null) html.push({ ...base, raw: record.html })
    if (record.text !== null) text.push({ ...base, raw: record.text })
  }
  return { html, text }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
