import { stat } from 'node:fs/promises'
import type { Logger } from 'pino'
import { listInputFiles, type ListedFile } from '../readers/list-input-files.js'

/** How often the terminal line is redrawn at most (about ten times a second). */
export const TTY_REDRAW_MS = 100

/** How often a progress log line is written when stderr is not a terminal. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 10_000

/** Bytes in one MB as decruft reports it (decimal, as `decruft bench` does). */
const BYTES_PER_MB = 1e6

/** Where the progress line is drawn: anything with `write`, e.g. `process.stderr`. */
export interface ProgressStream {
  write(chunk: string): unknown
}

/** Options of {@link createProgressReporter}. */
export interface ProgressReporterOptions {
  /** Where the terminal line goes (only written to when `isTTY`). */
  readonly stream: ProgressStream
  /** True: draw one line redrawn in place; false: log `progress` events through `logger`. */
  readonly isTTY: boolean
  /** Input bytes of the whole run, in the unit `update` counts (see {@link totalInputBytes}); enables percentage and ETA. */
  readonly totalBytes?: number
  /** Documents of the whole run, when known up front; enables percentage and ETA when `totalBytes` is not given. */
  readonly totalDocuments?: number
  /** Receives the `progress` events when not on a terminal. */
  readonly logger: Pick<Logger, 'info'>
  /** Milliseconds between progress log lines when not on a terminal (default 10 s). */
  readonly intervalMs?: number
  /** Terminal width; the line is cut to fit so `\r` can redraw it (default: `stream.columns`, else no limit). */
  readonly columns?: number
  /** The clock, in milliseconds (default `Date.now`); tests pass a fake one. */
  readonly now?: () => number
}

/** Reports a run's progress; `update` is cheap enough to call after every document. */
export interface ProgressReporter {
  /** Records the documents done and input bytes read so far (both cumulative); draws or logs when due. */
  update(documents: number, bytes: number): void
  /** Clears the terminal line; later updates are ignored. Safe to call twice. */
  finish(): void
}

/** Where a run stands: counts so far, time since it started, and the totals when known. */
export interface ProgressState {
  readonly documents: number
  readonly bytes: number
  readonly elapsedMs: number
  readonly totalBytes?: number
  readonly totalDocuments?: number
}

/** Figures derived from a {@link ProgressState}: rates, and share done and ETA when a total is known. */
export interface ProgressFigures {
  readonly documents: number
  readonly mb: number
  readonly docsPerSecond: number
  readonly mbPerSecond: number
  /** Share done, 0 to 1, when a total is known. */
  readonly fraction?: number
  /** Seconds left at the average rate so far, when a total is known and something was done. */
  readonly etaSeconds?: number
}

/** Computes rates (averages since the start), share done (bytes preferred over documents) and ETA. */
export function progressFigures(state: ProgressState): ProgressFigures {
  const seconds = state.elapsedMs / 1000
  const mb = state.bytes / BYTES_PER_MB
  const docsPerSecond = seconds > 0 ? state.documents / seconds : 0
  const mbPerSecond = seconds > 0 ? mb / seconds : 0
  const byBytes = state.totalBytes !== undefined && state.totalBytes > 0
  const byDocuments = !byBytes && state.totalDocuments !== undefined && state.totalDocuments > 0
  if (!byBytes && !byDocuments) return { documents: state.documents, mb, docsPerSecond, mbPerSecond }
  const done = byBytes ? state.bytes : state.documents
  const total = byBytes ? state.totalBytes! : state.totalDocuments!
  const fraction = Math.min(1, Math.max(0, done / total))
  const rate = seconds > 0 ? done / seconds : 0
  const figures = { documents: state.documents, mb, docsPerSecond, mbPerSecond, fraction }
  if (fraction >= 1) return { ...figures, etaSeconds: 0 }
  return rate > 0 ? { ...figures, etaSeconds: (total - done) / rate } : figures
}

/** Formats seconds as `m:ss`, or `h:mm:ss` from an hour on (rounded up to whole seconds); `--:--` when not finite. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--'
  const whole = Math.max(0, Math.ceil(seconds))
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** Formats a count with thousands separators: `1,204`. */
export function formatCount(n: number): string {
  return GROUPED.format(n)
}

/** Formats a rate: whole numbers from 10 on (`96`, `1,204`), one decimal below (`2.5`). */
export function formatRate(n: number): string {
  return n >= 10 ? GROUPED.format(n) : ONE_DECIMAL.format(n)
}

/** Draws a bar of `width` cells, `#` for the share done and `-` for the rest. */
export function formatBar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
}

/**
 * The terminal line: `[#######-----] 58%  1,204 docs  12.3 MB  96 docs/s  1.0 MB/s  ETA 0:42`;
 * bar, percentage and ETA only when a total is known.
 */
export function formatProgressLine(state: ProgressState, barWidth = 20): string {
  const f = progressFigures(state)
  const parts: string[] = []
  if (f.fraction !== undefined) parts.push(`${formatBar(f.fraction, barWidth)} ${wholePercent(f.fraction)}%`)
  parts.push(
    `${formatCount(f.documents)} docs`,
    `${ONE_DECIMAL.format(f.mb)} MB`,
    `${formatRate(f.docsPerSecond)} docs/s`,
    `${ONE_DECIMAL.format(f.mbPerSecond)} MB/s`,
  )
  if (f.etaSeconds !== undefined) parts.push(`ETA ${formatDuration(f.etaSeconds)}`)
  return parts.join('  ')
}

/** The fields of a `progress` log event: documents, mb, docsPerSecond, mbPerSecond, and percent and etaSeconds when a total is known. */
export function progressLogFields(state: ProgressState): {
  event: 'progress'
  documents: number
  mb: number
  docsPerSecond: number
  mbPerSecond: number
  percent?: number
  etaSeconds?: number
} {
  const f = progressFigures(state)
  return {
    event: 'progress',
    documents: f.documents,
    mb: round(f.mb, 1),
    docsPerSecond: round(f.docsPerSecond, 1),
    mbPerSecond: round(f.mbPerSecond, 2),
    ...(f.fraction !== undefined ? { percent: wholePercent(f.fraction) } : {}),
    ...(f.etaSeconds !== undefined ? { etaSeconds: Math.ceil(f.etaSeconds) } : {}),
  }
}

/** Whole percent done, rounded down (with a little slack, so 0.58 is 58 and not 57 from floating point). */
function wholePercent(fraction: number): number {
  return Math.floor(fraction * 100 + 1e-9)
}

function round(n: number, decimals: number): number {
  const scale = 10 ** decimals
  return Math.round(n * scale) / scale
}

/** ANSI: erase the whole current line. */
const ERASE_LINE = '\x1b[2K'

/**
 * Creates a progress reporter. On a terminal it keeps one line on `stream`, redrawn with `\r` at
 * most every {@link TTY_REDRAW_MS} ms and erased by `finish()`; elsewhere it logs a pino `info`
 * event `{event: 'progress', …}` every `intervalMs`. It sets no timers: it draws or logs from
 * `update`, so a stalled run shows its last state.
 */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const now = options.now ?? Date.now
  const startedAt = now()
  const intervalMs = options.intervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS
  const columns = options.columns ?? (options.stream as { columns?: unknown }).columns
  const width = typeof columns === 'number' && columns > 1 ? columns - 1 : Infinity
  let lastDrawAt: number | undefined
  let lastLogAt = startedAt
  let drawn = false
  let finished = false

  const stateAt = (documents: number, bytes: number, at: number): ProgressState => ({
    documents,
    bytes,
    elapsedMs: at - startedAt,
    ...(options.totalBytes !== undefined ? { totalBytes: options.totalBytes } : {}),
    ...(options.totalDocuments !== undefined ? { totalDocuments: options.totalDocuments } : {}),
  })

  return {
    update(documents, bytes) {
      if (finished) return
      const at = now()
      if (options.isTTY) {
        if (lastDrawAt !== undefined && at - lastDrawAt < TTY_REDRAW_MS) return
        lastDrawAt = at
        const line = formatProgressLine(stateAt(documents, bytes, at))
        options.stream.write(`\r${line.length > width ? line.slice(0, width) : line}\x1b[K`)
        drawn = true
      } else if (at - lastLogAt >= intervalMs) {
        lastLogAt = at
        options.logger.info(progressLogFields(stateAt(documents, bytes, at)), 'progress')
      }
    },
    finish() {
      if (finished) return
      finished = true
      if (drawn) options.stream.write(`\r${ERASE_LINE}`)
    },
  }
}

/** Files stat'ed at once by {@link listedFilesBytes}. */
const STAT_BATCH = 64

/**
 * Total on-disk bytes of listed input files: what the readers read (gzip files count compressed).
 * A file that vanished since it was listed counts 0 (the reader will report it as a rejected document).
 */
export async function listedFilesBytes(files: readonly Pick<ListedFile, 'path'>[]): Promise<number> {
  let total = 0
  for (let i = 0; i < files.length; i += STAT_BATCH) {
    const sizes = await Promise.all(files.slice(i, i + STAT_BATCH).map((f) => stat(f.path).then((s) => s.size, () => 0)))
    for (const size of sizes) total += size
  }
  return total
}

/**
 * Total input bytes of a run's input paths (files and folders, recursive), counting exactly the
 * files `listInputFiles` lists (hidden, unsupported and skipped files are left out); gzip files
 * count their compressed size. A missing path is a UsageError, as for the readers.
 */
export async function totalInputBytes(inputs: readonly string[]): Promise<number> {
  const { files } = await listInputFiles(inputs)
  return listedFilesBytes(files)
}
