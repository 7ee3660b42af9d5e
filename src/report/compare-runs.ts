import { markdownTable } from './markdown-table.js'
import type { RunReport } from './run-report.js'

/** The figures of a run that the next run compares with: small enough to keep in the run state. */
export interface ComparableRun {
  readonly runId: string
  readonly documents: { readonly read: number; readonly written: number; readonly rejected: number }
  /** Rejected documents per code (errors and drops). */
  readonly byCode: Readonly<Record<string, number>>
  /** Per rule id, the documents it removed something from and the characters it removed. */
  readonly rules: Readonly<Record<string, { readonly documents: number; readonly chars: number }>>
}

/** One figure in both runs: before, now, and the change. */
export interface FigureChange {
  readonly key: string
  readonly before: number
  readonly now: number
  /** now − before. */
  readonly change: number
  /** Change of the figure's share of documents read, in percentage points (drift independent of batch size). */
  readonly sharePoints: number
}

/** How a run differs from the previous successful run, so drift in a source is visible. */
export interface RunComparison {
  readonly previousRunId: string
  readonly documents: readonly FigureChange[]
  /** Rejects per code, largest share change first. */
  readonly byCode: readonly FigureChange[]
  /** Documents touched per rule, largest share change first. */
  readonly rules: readonly FigureChange[]
}

/** The comparable figures of a run report (every stage's removals per rule merged). */
export function comparableRun(runId: string, report: RunReport): ComparableRun {
  const rules: Record<string, { documents: number; chars: number }> = {}
  for (const stage of Object.values(report.stages)) {
    for (const [rule, figures] of Object.entries(stage.removedByRule)) {
      const into = (rules[rule] ??= { documents: 0, chars: 0 })
      into.documents += figures.documents
      into.chars += figures.chars
    }
  }
  const { read, written, rejected, byCode } = report.documents
  return { runId, documents: { read, written, rejected }, byCode: { ...byCode }, rules }
}

function changes(before: Readonly<Record<string, number>>, now: Readonly<Record<string, number>>, readBefore: number, readNow: number): FigureChange[] {
  const share = (n: number, read: number): number => (read === 0 ? 0 : (100 * n) / read)
  return [...new Set([...Object.keys(before), ...Object.keys(now)])]
    .map((key) => {
      const b = before[key] ?? 0
      const n = now[key] ?? 0
      return { key, before: b, now: n, change: n - b, sharePoints: Math.round((share(n, readNow) - share(b, readBefore)) * 10) / 10 }
    })
    .sort((x, y) => Math.abs(y.sharePoints) - Math.abs(x.sharePoints) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
}

/**
 * Compares a run with the previous one: documents read/written/rejected, rejects per code and
 * documents touched per rule, each with its change and the change of its share of documents
 * read (so a rule that suddenly fires on 40% more of a source's pages stands out whatever the
 * batch size). Pure: both sides are plain figures.
 */
export function compareRuns(previous: ComparableRun, current: ComparableRun): RunComparison {
  const readBefore = previous.documents.read
  const readNow = current.documents.read
  const docs = (run: ComparableRun): Record<string, number> => ({ ...run.documents })
  const touched = (run: ComparableRun): Record<string, number> => Object.fromEntries(Object.entries(run.rules).map(([rule, f]) => [rule, f.documents]))
  return {
    previousRunId: previous.runId,
    documents: changes(docs(previous), docs(current), readBefore, readNow).sort((a, b) => ['read', 'written', 'rejected'].indexOf(a.key) - ['read', 'written', 'rejected'].indexOf(b.key)),
    byCode: changes(previous.byCode, current.byCode, readBefore, readNow),
    rules: changes(touched(previous), touched(current), readBefore, readNow),
  }
}

const TOP = 15

/** The summary's section on drift: the comparison as Markdown tables, largest changes first. */
export function renderRunComparison(comparison: RunComparison): string[] {
  const sign = (n: number): string => (n > 0 ? `+${n}` : String(n))
  const table = (figures: readonly FigureChange[]): string[] =>
    markdownTable(
      ['figure', 'previous', 'this run', 'change', 'share change (points)'],
      figures.map((f) => [`\`${f.key}\``, String(f.before), String(f.now), sign(f.change), sign(f.sharePoints)]),
    )
  const lines = [`## Compared with the previous run (${comparison.previousRunId})`, '', ...table(comparison.documents), '']
  if (comparison.byCode.length > 0) lines.push('Rejects per code:', '', ...table(comparison.byCode.slice(0, TOP)), '')
  if (comparison.rules.length > 0) {
    lines.push(`Documents each rule removed something from (top ${TOP} by change of share):`, '', ...table(comparison.rules.slice(0, TOP)), '')
  }
  return lines
}
