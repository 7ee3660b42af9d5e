import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Command, InvalidArgumentError, Option } from 'commander'
import { UsageError } from '../core/errors.js'
import type { NgramRange } from '../text-classifier/count-terms.js'
import { readLabelledTexts } from '../text-classifier/read-labelled-texts.js'
import { serializeTextClassifierModel } from '../text-classifier/text-classifier-model.js'
import { DEFAULT_TEXT_CLASSIFIER_TRAINING, trainTextClassifier } from '../text-classifier/train-text-classifier.js'

interface TrainCommandOptions {
  data: string
  out: string
  labelField: string
  seed: number
  folds: number
  ngrams?: string
  alpha?: number
  maxTerms: number
  minDf: number
  threshold: number
}

/** Builds `decruft train`: fits a text classifier (topics or any other label) on labelled JSONL and saves it as a portable JSON model. */
export function createTrainCommand(): Command {
  const defaults = DEFAULT_TEXT_CLASSIFIER_TRAINING
  return new Command('train')
    .description('train a text classifier (topics, or any other label) on labelled JSONL; for the boilerplate block classifier see train-model')
    .requiredOption('--data <file>', 'labelled JSONL(.gz): one {"text": ..., "label": ...} a line')
    .requiredOption('-o, --out <file>', 'where to write the model (JSON)')
    .option('--label-field <name>', 'the field holding the label', 'label')
    .option('--seed <n>', 'seed of the cross-validation folds', wholeNumber(0), defaults.seed)
    .option('--folds <n>', 'cross-validation folds for choosing settings and calibrating probabilities', wholeNumber(2), defaults.folds)
    .addOption(new Option('--ngrams <n>', 'fix the features to words (1) or words and word pairs (2) instead of choosing by cross-validation').choices(['1', '2']))
    .option('--alpha <x>', 'fix the smoothing instead of choosing by cross-validation', positiveNumber)
    .option('--max-terms <n>', 'vocabulary cap: the terms in most training texts', wholeNumber(1), defaults.maxTerms)
    .option('--min-df <n>', 'leave out terms in fewer training texts than this', wholeNumber(1), defaults.minDocumentFrequency)
    .option('--threshold <p>', 'probability from which a further label is assigned (the best one always is)', probability, defaults.threshold)
    .addHelpText(
      'after',
      `
The model is complement naive Bayes over tf-idf of words (Unicode-aware: any script; Chinese,
Japanese, Thai and other unspaced scripts as character pairs), optionally with word pairs.
k-fold cross-validation on the training data chooses between words and words plus pairs and
the smoothing, and calibrates the probabilities; the table it prints is the estimate of
accuracy on unseen texts. The same data and options always give the same file.

Use the model for topics with classify.topicModel in the pipeline file, or measure it with
  decruft evaluate-classifier --task topic --data DEV.jsonl --model MODEL.json

Example:
  decruft train --data ../shared/eval-classify/topic/bbc.train.jsonl --out models/bbc-topics.json

(decruft train-model is a different command: it trains the block classifier that tells
content from boilerplate.)`,
    )
    .action(async (options: TrainCommandOptions) => {
      const data = resolve(options.data)
      if (!existsSync(data)) throw new UsageError(`--data ${options.data}: no such file`)
      const started = performance.now()
      const examples = await readLabelledTexts(data, options.labelField)
      const { model, candidates, chosen } = trainTextClassifier(examples, {
        seed: options.seed,
        folds: options.folds,
        ...(options.ngrams !== undefined ? { ngrams: Number(options.ngrams) as NgramRange } : {}),
        ...(options.alpha !== undefined ? { alpha: options.alpha } : {}),
        maxTerms: options.maxTerms,
        minDocumentFrequency: options.minDf,
        threshold: options.threshold,
        dataName: basename(data),
        labelField: options.labelField,
      })
      const text = serializeTextClassifierModel(model)
      const out = resolve(options.out)
      await mkdir(dirname(out), { recursive: true })
      await writeFile(out, text)
      const seconds = (performance.now() - started) / 1000
      const lines = [
        `${examples.length} texts, ${model.labels.length} labels (${model.labels.join(', ')})`,
        `${options.folds}-fold cross-validation on the training data:`,
        `  ngrams  alpha  accuracy  macro-F1`,
        ...candidates.map(
          (c) => `  ${String(c.ngrams).padStart(6)}  ${String(c.alpha).padStart(5)}  ${c.accuracy.toFixed(4).padStart(8)}  ${c.macroF1.toFixed(4).padStart(8)}${c === chosen ? '  <- chosen' : ''}`,
        ),
        `temperature ${model.temperature}, threshold ${model.threshold}, ${model.vocabulary.length} terms`,
        `wrote ${out} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB) in ${seconds.toFixed(1)} s`,
      ]
      process.stdout.write(`${lines.join('\n')}\n`)
    })
}

function wholeNumber(minimum: number): (value: string) => number {
  return (value) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < minimum) throw new InvalidArgumentError(`expected a whole number of at least ${minimum}`)
    return n
  }
}

function positiveNumber(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0')
  return n
}

function probability(value: string): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a probability from 0 to 1')
  return n
}
