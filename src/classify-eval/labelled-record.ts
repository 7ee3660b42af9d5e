import { UsageError } from '../core/errors.js'

/** The tasks `decruft evaluate-classifier` measures. */
export type ClassifierTask = 'lang' | 'topic' | 'genre'

/** One labelled example: the text and its gold label, normalised for the task. */
export interface LabelledRecord {
  readonly id: string
  readonly text: string
  readonly label: string
}

/**
 * Gold genre labels as the classify stage names them: `news_report` is `news`, and `mixed`
 * (several registers at once) counts as `other`; other labels are kept.
 */
export function genreLabel(label: string): string {
  if (label === 'news_report') return 'news'
  if (label === 'mixed') return 'other'
  return label
}

/** The field that holds the gold label by default: `lang` for language, `label` otherwise. */
export function defaultLabelField(task: ClassifierTask): string {
  return task === 'lang' ? 'lang' : 'label'
}

/**
 * Parses one JSONL line of a labelled file: an object with a string `text` and a string label in
 * `labelField`. Throws a UsageError naming `where` (file:line) and what is missing.
 */
export function parseLabelledRecord(line: string, where: string, task: ClassifierTask, labelField: string): LabelledRecord {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    throw new UsageError(`${where}: not a JSON line (${(error as Error).message})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where}: expected a JSON object`)
  const record = value as Record<string, unknown>
  const text = record['text']
  const label = record[labelField]
  if (typeof text !== 'string') throw new UsageError(`${where}: expected "text" as a string`)
  if (typeof label !== 'string' || label === '') throw new UsageError(`${where}: expected "${labelField}" as a non-empty string (the gold label; choose the field with --label-field)`)
  const id = typeof record['id'] === 'string' || typeof record['id'] === 'number' ? String(record['id']) : where
  return { id, text, label: task === 'genre' ? genreLabel(label) : label }
}
