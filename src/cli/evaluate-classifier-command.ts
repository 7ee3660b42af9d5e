import { resolve } from 'node:path'
import { Command, Option } from 'commander'
import type { ClassificationScores } from '../classify-eval/classification-metrics.js'
import { evaluateClassifier } from '../classify-eval/evaluate-classifier.js'
import type { ClassifierTask } from '../classify-eval/labelled-record.js'
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js'
import { UsageError } from '../core/errors.js'
import { loadTextClassifierModel } from '../text-classifier/text-classifier-model.js'
import { positiveInteger } from './positive-integer-option.js'

interface EvaluateClassifierCommandOptions {
  task: ClassifierTask
  data: string
  config: string
  labelField?: string
  model?: string
  limit?: number
  json?: boolean
}

/** Renders scores for people: accuracy, macro-F1, per-label figures and the confusion matrix. */
export function formatClassificationScores(title: string, scores: ClassificationScores): string {
  const labels = Object.keys(scores.labels)
  const predicted = [...new Set(Object.values(scores.confusion).flatMap((row) => Object.keys(row)))].sort()
  const width = Math.max(8, ...labels.map((l) => l.length)) + 2
  const cell = (text: string | number): string => String(text).padStart(width)
  const lines = [
    title,
    '',
    `documents ${scores.documents}   accuracy ${scores.accuracy.toFixed(4)}   macro-F1 ${scores.macro_f1.toFixed(4)}`,
    '',
    `${'label'.padEnd(width)}${cell('precision')}${cell('recall')}${cell('F1')}${cell('support')}`,
    ...labels.map((label) => {
      const s = scores.labels[label] as ClassificationScores['labels'][string]
      return `${label.padEnd(width)}${cell(s.precision.toFixed(4))}${cell(s.recall.toFixed(4))}${cell(s.f1.toFixed(4))}${cell(s.support)}`
    }),
    '',
    'confusion (rows: gold, columns: predicted)',
    `${''.padEnd(width)}${predicted.map(cell).join('')}`,
    ...Object.entries(scores.confusion).map(([gold, row]) => `${gold.padEnd(width)}${predicted.map((p) => cell(row[p] ?? 0)).join('')}`),
  ]
  return lines.join('\n')
}

/** Builds `decruft evaluate-classifier`: measures the classify stage's labels on labelled data. */
export function createEvaluateClassifierCommand(): Command {
  return new Command('evaluate-classifier')
    .description('measure the classify stage on labelled data: accuracy, macro-F1 and the confusion matrix')
    .addOption(new Option('--task <task>', 'which label to measure').choices(['lang', 'topic', 'genre']).makeOptionMandatory())
    .requiredOption('--data <file>', 'labelled JSONL(.gz): one {"text": ..., "label": ...} a line ({"text", "lang"} for --task lang)')
    .option('-c, --config <file>', 'pipeline configuration whose classify settings are measured', DEFAULT_CONFIG_FILE)
    .option('--label-field <name>', 'the field with the gold label (default: lang for --task lang, label otherwise)')
    .option('--model <file>', 'topic model written by decruft train, used instead of the configuration\'s topics (--task topic only)')
    .option('--limit <n>', 'only the first N records', positiveInteger)
    .option('--json', 'print one JSON object (accuracy, macro_f1, labels, confusion, timing) instead of tables')
    .addHelpText(
      'after',
      `
Each text goes through the same code as in a run: it becomes a text document, is split into
blocks (one per line) and is classified; the label compared is the language (lang), the
highest-scoring topic (topic; "none" when no topic reaches the taxonomy's minScore, or with a
topic model when the text holds no term the model knows) or the genre (genre). Genre gold labels news_report and mixed are read as news and other.

Macro-F1 averages F1 over every label seen in the gold data or the predictions, so a label the
classifier never predicts, or predicts wrongly, counts.

Examples:
  decruft evaluate-classifier --task lang --data ../shared/eval-classify/langid/lingua-paragraphs.dev.jsonl
  decruft evaluate-classifier --task genre --data ../shared/eval-classify/genre/genre.dev.jsonl --label-field content_type
  decruft evaluate-classifier --task lang --data my-labelled.jsonl --json > lang-scores.json
  decruft evaluate-classifier --task topic --data ../shared/eval-classify/topic/bbc.dev.jsonl --model bbc-topics.json

Exit codes: 0 measured; 2 bad usage, configuration or data line (named with file:line).`,
    )
    .action(async (options: EvaluateClassifierCommandOptions) => {
      if (options.model !== undefined && options.task !== 'topic') throw new UsageError('--model is a topic model: use it with --task topic')
      const config = loadConfig(options.config)
      const topicModel = options.model !== undefined ? loadTextClassifierModel(resolve(options.model)) : undefined
      const result = await evaluateClassifier({
        task: options.task,
        data: resolve(options.data),
        config,
        ...(options.labelField !== undefined ? { labelField: options.labelField } : {}),
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(topicModel !== undefined ? { classify: { topicModel } } : {}),
      })
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
        return
      }
      const title = `decruft evaluate-classifier --task ${options.task} --data ${options.data}${options.model !== undefined ? ` --model ${options.model}` : ''}`
      process.stdout.write(`${formatClassificationScores(title, result)}\n\nclassify stage: ${result.classifyMs} ms, ${result.docsPerSecond} docs/s; config ${result.configHash.slice(0, 12)}\n`)
    })
}
