import { documentText } from '../core/document.js'
import type { Document, DocumentIssue, MetaField } from '../core/document.js'

/** Metadata fields a dataset record carries under `meta` (title and date have their own columns). */
export const DATASET_META_FIELDS = [
  'dateline',
  'place',
  'agency',
  'author',
  'credit',
  'attribution',
  'site',
  'description',
] as const satisfies readonly MetaField[]

/** One of the metadata fields kept under a dataset record's `meta`. */
export type DatasetMetaField = (typeof DATASET_META_FIELDS)[number]

/** How much one rule took out of a document: blocks touched and characters removed. */
export interface RemovalSummary {
  readonly blocks: number
  readonly chars: number
}

/** One clean line of dataset.jsonl; missing values are null so every record has the same keys. */
export interface DatasetRecord {
  readonly id: string
  readonly url: string | null
  /** `file`, or `file:line` for a JSONL input; null when the reader knew no file. */
  readonly source: string | null
  readonly format: 'html' | 'text'
  readonly title: string | null
  readonly date: string | null
  readonly lang: string | null
  /** Share of characters per language over the blocks long enough to judge; set on every document the classify stage labelled. */
  readonly languages?: Readonly<Record<string, number>>
  readonly genre: string | null
  readonly topics: readonly string[]
  readonly text: string
  readonly chars: number
  readonly meta: Readonly<Partial<Record<DatasetMetaField, string>>>
  /** Provenance summary keyed by rule id (sorted), so a reader can see what was taken out and by whom. */
  readonly removed: Readonly<Record<string, RemovalSummary>>
  /** Codes of the warnings raised on the document. */
  readonly warnings: readonly string[]
  /** sha256 of the rule set the document was cleaned with, so a dataset names the rules that made it. */
  readonly rules: string
  /** Sensitive-data matches per kind (`email`, `phone`, `ip`) in the text; only when the pii stage counted them. */
  readonly pii?: Readonly<Record<string, number>>
  /** The reader comments the rules removed, one block a line; only when the run asks for them. */
  readonly comments?: string
  readonly extra?: Readonly<Record<string, unknown>>
}

/** What a run tells the record builder: the rule set it cleaned with, and the optional fields it wants. */
export interface DatasetRecordOptions {
  /** sha256 of the run's rule set (`LoadedConfig.ruleSetHash`); every record carries it as `rules`. */
  readonly rules: string
  /** Add a `comments` field with the text of the blocks that `comments/` rules removed. Default false. */
  readonly comments?: boolean
}

/** Rules whose id starts with this concept remove reader comments; their blocks make the `comments` field. */
export const COMMENT_RULE_PREFIX = 'comments/'

/** One error issue as the rejects file shows it. */
export interface RejectError {
  readonly stage: string
  readonly code: string
  readonly message: string
}

/** One line of rejects.jsonl: why a document left the dataset, so nothing vanishes silently. */
export interface RejectRecord {
  readonly id: string
  readonly source: string | null
  readonly stage: string
  readonly code: string
  readonly reason: string
  readonly duplicate_of?: string
  readonly errors: readonly RejectError[]
  /** What the rules had removed before the document was rejected (explains E_EMPTY_AFTER_RULES). */
  readonly removed: Readonly<Record<string, RemovalSummary>>
  /** sha256 of the rule set the document went through, as on dataset records. */
  readonly rules: string
}

/** Columns of dataset.csv, in order: a flat view of the dataset for spreadsheets. */
export const CSV_COLUMNS = [
  'id',
  'url',
  'source',
  'format',
  'title',
  'date',
  'lang',
  'genre',
  'topics',
  'chars',
  'removed_blocks',
  'removed_chars',
  'dateline',
  'author',
  'credit',
  'rules',
  'text',
] as const

/** One column name of dataset.csv. */
export type CsvColumn = (typeof CSV_COLUMNS)[number]

/** One row of dataset.csv keyed by column; null becomes an empty cell. */
export type CsvRow = Readonly<Record<CsvColumn, string | number | null>>

/**
 * Builds the clean dataset record of a kept document, with its provenance summarised per rule
 * and the hash of the rule set that cleaned it.
 */
export function toDatasetRecord(doc: Document, options: DatasetRecordOptions): DatasetRecord {
  const text = documentText(doc)
  return {
    id: doc.id,
    url: doc.source.url ?? null,
    source: sourceLabel(doc),
    format: doc.source.format,
    title: doc.meta.title ?? null,
    date: doc.meta.date ?? null,
    lang: doc.labels.lang ?? null,
    ...(doc.labels.languages === undefined ? {} : { languages: doc.labels.languages }),
    genre: doc.labels.genre ?? null,
    topics: [...(doc.labels.topics ?? [])],
    text,
    chars: text.length,
    meta: Object.fromEntries(
      DATASET_META_FIELDS.flatMap((field) => {
        const value = doc.meta[field]
        return value === undefined ? [] : [[field, value]]
      }),
    ),
    removed: summariseRemovals(doc),
    warnings: doc.issues.filter((issue) => issue.severity === 'warning').map((issue) => issue.code),
    rules: options.rules,
    ...(doc.labels.pii === undefined ? {} : { pii: { ...doc.labels.pii } }),
    ...(options.comments === true ? { comments: commentText(doc) } : {}),
    ...(doc.extra === undefined ? {} : { extra: doc.extra }),
  }
}

/** The text of the blocks removed by comment rules, in page order, one block a line. */
function commentText(doc: Document): string {
  return doc.blocks
    .filter((b) => b.label === 'boilerplate' && b.decidedBy?.ruleId.startsWith(COMMENT_RULE_PREFIX) === true)
    .map((b) => b.text)
    .join('\n')
}

/**
 * Builds the rejects line of a dropped or failed document: the drop when there is one, otherwise
 * the first error, plus every error so a failure with several causes shows them all; `rules` is
 * the hash of the rule set it went through.
 */
export function toRejectRecord(doc: Document, rules: string): RejectRecord {
  const errors = doc.issues.filter((issue) => issue.severity === 'error').map(toRejectError)
  const cause = doc.dropped
    ? { stage: doc.dropped.stage, code: doc.dropped.code, reason: doc.dropped.reason }
    : firstErrorCause(doc, errors)
  return {
    id: doc.id,
    source: sourceLabel(doc),
    ...cause,
    ...(doc.dropped?.duplicateOf === undefined ? {} : { duplicate_of: doc.dropped.duplicateOf }),
    errors,
    removed: summariseRemovals(doc),
    rules,
  }
}

/** Flattens a dataset record into the CSV columns: topics joined with `; `, removals summed. */
export function toCsvRow(record: DatasetRecord): CsvRow {
  const removals = Object.values(record.removed)
  return {
    id: record.id,
    url: record.url,
    source: record.source,
    format: record.format,
    title: record.title,
    date: record.date,
    lang: record.lang,
    genre: record.genre,
    topics: record.topics.join('; '),
    chars: record.chars,
    removed_blocks: removals.reduce((sum, r) => sum + r.blocks, 0),
    removed_chars: removals.reduce((sum, r) => sum + r.chars, 0),
    dateline: record.meta.dateline ?? null,
    author: record.meta.author ?? null,
    credit: record.meta.credit ?? null,
    rules: record.rules,
    text: record.text,
  }
}

function sourceLabel(doc: Document): string | null {
  const { file, line } = doc.source
  if (file === undefined) return null
  return line === undefined ? file : `${file}:${line}`
}

function summariseRemovals(doc: Document): Record<string, RemovalSummary> {
  const byRule = new Map<string, { blocks: Set<number>; chars: number }>()
  for (const removal of doc.removals) {
    const entry = byRule.get(removal.ruleId) ?? { blocks: new Set<number>(), chars: 0 }
    entry.blocks.add(removal.blockIndex)
    entry.chars += removal.chars
    byRule.set(removal.ruleId, entry)
  }
  return Object.fromEntries(
    [...byRule]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([ruleId, entry]) => [ruleId, { blocks: entry.blocks.size, chars: entry.chars }]),
  )
}

function toRejectError(issue: DocumentIssue): RejectError {
  return { stage: issue.stage, code: issue.code, message: issue.message }
}

function firstErrorCause(doc: Document, errors: readonly RejectError[]): Pick<RejectRecord, 'stage' | 'code' | 'reason'> {
  const first = errors[0]
  if (first === undefined) throw new TypeError(`document ${doc.id} is neither dropped nor failed; it has no reject reason`)
  return { stage: first.stage, code: first.code, reason: first.message }
}
