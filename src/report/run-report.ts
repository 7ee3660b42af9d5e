import type { Document } from '../core/document.js'
import { mergeWarningDocuments, type WarningDocumentsByCode } from './warning-documents.js'

/** Figures for one stage, all derived from document provenance (trace, removals, edits, issues). */
export interface StageFigures {
  documentsIn: number
  documentsOut: number
  /** Documents this stage rejected, by code. */
  dropped: Record<string, number>
  charsIn: number
  charsOut: number
  charsRemoved: number
  /** Characters removed (positive) or added (negative) by in-place edits such as normalization. */
  charsEdited: number
  blocksRemoved: number
  removedByRule: Record<string, { documents: number; blocks: number; chars: number }>
  editsByRule: Record<string, { documents: number; count: number; charsDelta: number }>
  /** Warning issues raised in this stage, by code. */
  warnings: Record<string, number>
  /** Per warning code, the documents that carry it: their number and the first ids in sorted order. */
  warningDocuments: WarningDocumentsByCode
  ms: number
}

/** A run's report: a mergeable value (merging is associative), so shards and workers can combine theirs. */
export interface RunReport {
  documents: { read: number; written: number; rejected: number; byCode: Record<string, number> }
  /** Stages in pipeline order: read, segment, boilerplate, normalize, pii, classify, quality-filter, duplicates, write. */
  stages: Record<string, StageFigures>
  labels: { lang: Record<string, number>; genre: Record<string, number>; topics: Record<string, number> }
  /** How many written documents carry each metadata field. */
  meta: Record<string, number>
}

/** The stage names a report covers, in order; `read` and `write` wrap the per-document stages. */
export const REPORT_STAGES = ['read', 'segment', 'boilerplate', 'normalize', 'pii', 'classify', 'quality-filter', 'duplicates', 'write'] as const

/** The report of no documents: the identity of `mergeReports`. */
export function emptyReport(): RunReport {
  return {
    documents: { read: 0, written: 0, rejected: 0, byCode: {} },
    stages: Object.fromEntries(REPORT_STAGES.map((s) => [s, emptyStage()])),
    labels: { lang: {}, genre: {}, topics: {} },
    meta: {},
  }
}

function emptyStage(): StageFigures {
  return {
    documentsIn: 0, documentsOut: 0, dropped: {}, charsIn: 0, charsOut: 0, charsRemoved: 0,
    charsEdited: 0, blocksRemoved: 0, removedByRule: {}, editsByRule: {}, warnings: {}, warningDocuments: {}, ms: 0,
  }
}

/** The stage and code that took a rejected document out of the dataset. */
export function rejection(doc: Document): { stage: string; code: string } | undefined {
  if (doc.dropped) return { stage: doc.dropped.stage, code: doc.dropped.code }
  const error = doc.issues.find((i) => i.severity === 'error')
  return error ? { stage: error.stage, code: error.code } : undefined
}

/** The report of a single processed document, read off its provenance alone. */
export function reportOfDocument(doc: Document): RunReport {
  const report = emptyReport()
  const rejected = rejection(doc)
  report.documents.read = 1
  if (rejected) {
    report.documents.rejected = 1
    report.documents.byCode[rejected.code] = 1
  } else {
    report.documents.written = 1
  }

  const read = report.stages['read'] as StageFigures
  read.documentsIn = 1
  read.charsIn = read.charsOut = doc.raw.length
  if (rejected?.stage === 'read') read.dropped[rejected.code] = 1
  else read.documentsOut = 1

  for (const entry of doc.trace) {
    const figures = (report.stages[entry.stage] ??= emptyStage())
    figures.documentsIn += 1
    figures.charsIn += entry.charsIn
    figures.charsOut += entry.charsOut
    figures.ms += entry.ms
    if (rejected?.stage === entry.stage) figures.dropped[rejected.code] = 1
    else figures.documentsOut += 1
  }
  for (const r of doc.removals) {
    const figures = (report.stages[r.stage] ??= emptyStage())
    figures.charsRemoved += r.chars
    if (r.scope !== 'span') figures.blocksRemoved += 1
    const rule = (figures.removedByRule[r.ruleId] ??= { documents: 1, blocks: 0, chars: 0 })
    if (r.scope !== 'span') rule.blocks += 1
    rule.chars += r.chars
  }
  for (const e of doc.edits) {
    const figures = (report.stages[e.stage] ??= emptyStage())
    figures.charsEdited += e.charsDelta
    const rule = (figures.editsByRule[e.ruleId] ??= { documents: 1, count: 0, charsDelta: 0 })
    rule.count += e.count
    rule.charsDelta += e.charsDelta
  }
  for (const issue of doc.issues) {
    if (issue.severity !== 'warning') continue
    const figures = (report.stages[issue.stage] ??= emptyStage())
    figures.warnings[issue.code] = (figures.warnings[issue.code] ?? 0) + 1
    figures.warningDocuments[issue.code] ??= { total: 1, ids: [doc.id] }
  }

  const write = report.stages['write'] as StageFigures
  write.documentsIn = 1
  if (rejected) write.dropped['to-rejects-file'] = 1
  else {
    write.documentsOut = 1
    write.charsIn = write.charsOut = doc.trace[doc.trace.length - 1]?.charsOut ?? 0
  }

  if (!rejected) {
    if (doc.labels.lang) report.labels.lang[doc.labels.lang] = 1
    if (doc.labels.genre) report.labels.genre[doc.labels.genre] = 1
    for (const t of doc.labels.topics ?? []) report.labels.topics[t] = 1
    for (const key of Object.keys(doc.meta)) report.meta[key] = 1
  }
  return report
}

/** Merges two reports; associative and commutative, with `emptyReport()` as identity. */
export function mergeReports(a: RunReport, b: RunReport): RunReport {
  const stages: Record<string, StageFigures> = {}
  for (const name of orderedUnion(Object.keys(a.stages), Object.keys(b.stages))) {
    stages[name] = mergeStage(a.stages[name] ?? emptyStage(), b.stages[name] ?? emptyStage())
  }
  return {
    documents: {
      read: a.documents.read + b.documents.read,
      written: a.documents.written + b.documents.written,
      rejected: a.documents.rejected + b.documents.rejected,
      byCode: addCounts(a.documents.byCode, b.documents.byCode),
    },
    stages,
    labels: {
      lang: addCounts(a.labels.lang, b.labels.lang),
      genre: addCounts(a.labels.genre, b.labels.genre),
      topics: addCounts(a.labels.topics, b.labels.topics),
    },
    meta: addCounts(a.meta, b.meta),
  }
}

function mergeStage(a: StageFigures, b: StageFigures): StageFigures {
  return {
    documentsIn: a.documentsIn + b.documentsIn,
    documentsOut: a.documentsOut + b.documentsOut,
    dropped: addCounts(a.dropped, b.dropped),
    charsIn: a.charsIn + b.charsIn,
    charsOut: a.charsOut + b.charsOut,
    charsRemoved: a.charsRemoved + b.charsRemoved,
    charsEdited: a.charsEdited + b.charsEdited,
    blocksRemoved: a.blocksRemoved + b.blocksRemoved,
    removedByRule: mergeKeyed(a.removedByRule, b.removedByRule),
    editsByRule: mergeKeyed(a.editsByRule, b.editsByRule),
    warnings: addCounts(a.warnings, b.warnings),
    warningDocuments: mergeWarningDocuments(a.warningDocuments, b.warningDocuments),
    ms: Math.round((a.ms + b.ms) * 1000) / 1000,
  }
}

function orderedUnion(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])]
}

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const key of [...Object.keys(a), ...Object.keys(b)].sort()) out[key] = (a[key] ?? 0) + (b[key] ?? 0)
  return out
}

function mergeKeyed<T extends Record<string, number>>(a: Record<string, T>, b: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const left = a[key]
    const right = b[key]
    out[key] = left && right ? (addCounts(left, right) as T) : ({ ...(left ?? right) } as T)
  }
  return out
}
