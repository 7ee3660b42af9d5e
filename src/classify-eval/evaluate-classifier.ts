import { performance } from 'node:perf_hooks'
import type { LoadedConfig } from '../config/load-config.js'
import { createDocument, type Document } from '../core/document.js'
import { readGoldLines } from '../eval/read-gold-lines.js'
import { createClassifyStage, type ClassifyOptions } from '../stages/classify/classify-stage.js'
import { createSegmentStage } from '../stages/segment/segment-stage.js'
import { scoreClassification, type ClassificationScores } from './classification-metrics.js'
import { defaultLabelField, parseLabelledRecord, type ClassifierTask } from './labelled-record.js'

/** The label a task reads off a classified document when the stage gave none. */
export const NO_LABEL = 'none'

/** What `evaluateClassifier` measures, on which data, with which configuration. */
export interface EvaluateClassifierOptions {
  readonly task: ClassifierTask
  /** Labelled JSONL (`.gz` allowed): `text` and the gold label. */
  readonly data: string
  readonly config: LoadedConfig
  /** The field holding the gold label (default `lang` for lang, `label` otherwise). */
  readonly labelField?: string
  /** Changes to the classify stage's options (e.g. `topicModel`, a trained topic model) for this evaluation. */
  readonly classify?: Partial<ClassifyOptions>
  /** Stop after this many records. */
  readonly limit?: number
}

/** Scores and how they were obtained, as `--json` writes them. */
export interface EvaluateClassifierResult extends ClassificationScores {
  readonly task: ClassifierTask
  readonly data: string
  readonly configHash: string
  /** Milliseconds inside the classify stage only. */
  readonly classifyMs: number
  readonly docsPerSecond: number
}

/** The task's label on a classified document: language, first topic or genre; `none` when absent. */
export function predictedLabel(doc: Document, task: ClassifierTask): string {
  if (task === 'lang') return doc.labels.lang ?? NO_LABEL
  if (task === 'genre') return doc.labels.genre ?? NO_LABEL
  return doc.labels.topics?.[0] ?? NO_LABEL
}

/**
 * Runs the classify stage's own code over a labelled file: each text becomes a text Document,
 * is segmented into blocks (one per line, as scraped text is) and classified, and the task's
 * label is compared with the gold one. No boilerplate removal: the labelled texts are clean.
 */
export async function evaluateClassifier(options: EvaluateClassifierOptions): Promise<EvaluateClassifierResult> {
  const { config, task } = options
  const labelField = options.labelField ?? defaultLabelField(task)
  const segment = createSegmentStage()
  const classify = createClassifyStage({
    language: config.pipeline.classify.language,
    taxonomy: config.taxonomy,
    ...(config.topicModel ? { topicModel: config.topicModel } : {}),
    ...options.classify,
  })
  const pairs: { gold: string; predicted: string }[] = []
  let classifyMs = 0
  for await (const { line, lineNumber } of readGoldLines(options.data)) {
    if (options.limit !== undefined && pairs.length >= options.limit) break
    const record = parseLabelledRecord(line, `${options.data}:${lineNumber}`, task, labelField)
    const doc = segment.run(createDocument({ id: record.id, source: { format: 'text' }, raw: record.text }))
    const started = performance.now()
    const classified = classify.run(doc)
    classifyMs += performance.now() - started
    pairs.push({ gold: record.label, predicted: predictedLabel(classified, task) })
  }
  return {
    task,
    data: options.data,
    configHash: config.hash,
    ...scoreClassification(pairs),
    classifyMs: Math.round(classifyMs),
    docsPerSecond: classifyMs > 0 ? Math.round(pairs.length / (classifyMs / 1000)) : 0,
  }
}
