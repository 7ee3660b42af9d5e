import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import {
  createProgressReporter,
  formatBar,
  formatDuration,
  formatProgressLine,
  listedFilesBytes,
  progressFigures,
  progressLogFields,
  totalInputBytes,
} from '../../src/run/progress-reporter.js'

/** A stream that records what was written. */
function fakeStream(): { write(chunk: string): boolean; chunks: string[] } {
  const chunks: string[] = []
  return { chunks, write: (chunk: string) => (chunks.push(chunk), true) }
}

/** A logger that records `info` calls. */
function fakeLogger(): { info(fields: object, message?: string): void; lines: { fields: object; message?: string }[] } {
  const lines: { fields: object; message?: string }[] = []
  return { lines, info: (fields: object, message?: string) => void lines.push({ fields, ...(message !== undefined ? { message } : {}) }) }
}

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}

describe('formatDuration', () => {
  it('writes m:ss below an hour and h:mm:ss from an hour on, rounding up', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(41.2)).toBe('0:42')
    expect(formatDuration(605)).toBe('10:05')
    expect(formatDuration(3600)).toBe('1:00:00')
    expect(formatDuration(3723)).toBe('1:02:03')
    expect(formatDuration(100 * 3600)).toBe('100:00:00')
  })

  it('shows --:-- for an unknown duration and never goes negative', () => {
    expect(formatDuration(Infinity)).toBe('--:--')
    expect(formatDuration(Number.NaN)).toBe('--:--')
    expect(formatDuration(-3)).toBe('0:00')
  })
})

describe('formatProgressLine', () => {
  it('draws bar, percentage, counts, rates and ETA when the total bytes are known', () => {
    // 58% of the bytes in 12.5 s: 1,204 docs, 12.3 MB, 96 docs/s, ~1.0 MB/s, the rest at the same rate.
    const line = formatProgressLine({ documents: 1204, bytes: 12_300_000, elapsedMs: 12_500, totalBytes: 12_300_000 / 0.58 }, 12)
    expect(line).toBe('[#######-----] 58%  1,204 docs  12.3 MB  96 docs/s  1.0 MB/s  ETA 0:10')
  })

  it('leaves out bar and ETA when no total is known', () => {
    expect(formatProgressLine({ documents: 5, bytes: 250_000, elapsedMs: 2_000 })).toBe('5 docs  0.3 MB  2.5 docs/s  0.1 MB/s')
  })

  it('falls back to the document total when the byte total is unknown', () => {
    const line = formatProgressLine({ documents: 25, bytes: 0, elapsedMs: 5_000, totalDocuments: 100 }, 4)
    expect(line).toBe('[#---] 25%  25 docs  0.0 MB  5.0 docs/s  0.0 MB/s  ETA 0:15')
  })

  it('shows no ETA before anything is done, and 100% with ETA 0:00 past the total', () => {
    expect(formatProgressLine({ documents: 0, bytes: 0, elapsedMs: 0, totalBytes: 10 }, 4)).toBe('[----] 0%  0 docs  0.0 MB  0.0 docs/s  0.0 MB/s')
    expect(formatProgressLine({ documents: 3, bytes: 12, elapsedMs: 1_000, totalBytes: 10 }, 4)).toMatch(/^\[####\] 100% .* ETA 0:00$/)
  })
})

describe('progress figures', () => {
  it('prefers bytes over documents for the share done', () => {
    const f = progressFigures({ documents: 90, bytes: 100, elapsedMs: 1_000, totalBytes: 400, totalDocuments: 100 })
    expect(f.fraction).toBe(0.25)
    expect(f.etaSeconds).toBe(3)
  })

  it('draws bars of the given width', () => {
    expect(formatBar(0, 5)).toBe('[-----]')
    expect(formatBar(0.5, 4)).toBe('[##--]')
    expect(formatBar(2, 3)).toBe('[###]')
  })

  it('gives the log fields rounded, with etaSeconds only when a total is known', () => {
    expect(progressLogFields({ documents: 7, bytes: 1_234_567, elapsedMs: 3_000 })).toEqual({
      event: 'progress',
      documents: 7,
      mb: 1.2,
      docsPerSecond: 2.3,
      mbPerSecond: 0.41,
    })
    expect(progressLogFields({ documents: 10, bytes: 2_000_000, elapsedMs: 10_000, totalBytes: 8_000_000 })).toMatchObject({ percent: 25, etaSeconds: 30 })
  })
})

describe('createProgressReporter on a terminal', () => {
  it('redraws one line with \\r at most every 100 ms and erases it at the end', () => {
    const stream = fakeStream()
    const clock = fakeClock()
    const reporter = createProgressReporter({ stream, isTTY: true, totalBytes: 1_000_000, logger: fakeLogger(), now: clock.now })
    clock.advance(1_000)
    reporter.update(10, 100_000)
    clock.advance(50)
    reporter.update(11, 110_000) // too soon: not drawn
    clock.advance(50)
    reporter.update(12, 120_000)
    expect(stream.chunks).toHaveLength(2)
    for (const chunk of stream.chunks) {
      expect(chunk.startsWith('\r')).toBe(true)
      expect(chunk).not.toContain('\n')
    }
    expect(stream.chunks[0]).toContain('10 docs')
    expect(stream.chunks[0]).toContain('10%')
    expect(stream.chunks[1]).toContain('12 docs')
    reporter.finish()
    expect(stream.chunks.at(-1)).toBe('\r\x1b[2K')
    reporter.update(20, 200_000)
    reporter.finish()
    expect(stream.chunks).toHaveLength(3)
  })

  it('cuts the line to the terminal width so \\r can redraw it', () => {
    const stream = fakeStream()
    const reporter = createProgressReporter({ stream, isTTY: true, totalBytes: 100, columns: 20, logger: fakeLogger(), now: fakeClock().now })
    reporter.update(1, 10)
    expect(stream.chunks[0]!.replace('\r', '').replace('\x1b[K', '')).toHaveLength(19)
  })

  it('writes nothing at the end when it never drew', () => {
    const stream = fakeStream()
    createProgressReporter({ stream, isTTY: true, logger: fakeLogger(), now: fakeClock().now }).finish()
    expect(stream.chunks).toEqual([])
  })
})

describe('createProgressReporter off a terminal', () => {
  it('logs a progress event every intervalMs and never touches the stream', () => {
    const stream = fakeStream()
    const logger = fakeLogger()
    const clock = fakeClock()
    const reporter = createProgressReporter({ stream, isTTY: false, totalDocuments: 100, logger, intervalMs: 10_000, now: clock.now })
    for (let i = 1; i <= 30; i++) {
      clock.advance(1_000)
      reporter.update(i, i * 100_000)
    }
    reporter.finish()
    expect(stream.chunks).toEqual([])
    expect(logger.lines.map((l) => l.message)).toEqual(['progress', 'progress', 'progress'])
    expect(logger.lines[0]!.fields).toEqual({ event: 'progress', documents: 10, mb: 1, docsPerSecond: 1, mbPerSecond: 0.1, percent: 10, etaSeconds: 90 })
    expect(logger.lines[2]!.fields).toMatchObject({ documents: 30, etaSeconds: 70 })
  })

  it('defaults to one line every 10 s', () => {
    const logger = fakeLogger()
    const clock = fakeClock()
    const reporter = createProgressReporter({ stream: fakeStream(), isTTY: false, logger, now: clock.now })
    clock.advance(9_999)
    reporter.update(1, 1)
    expect(logger.lines).toHaveLength(0)
    clock.advance(1)
    reporter.update(2, 2)
    expect(logger.lines).toHaveLength(1)
    expect(logger.lines[0]!.fields).not.toHaveProperty('etaSeconds')
  })
})

describe('totalInputBytes', () => {
  const roots: string[] = []
  afterEach(async () => {
    await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })))
  })

  it('adds up the files the readers would read, recursively, leaving out hidden and unsupported files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'decruft-progress-'))
    roots.push(root)
    await mkdir(join(root, 'sub/deeper'), { recursive: true })
    await writeFile(join(root, 'a.txt'), 'x'.repeat(10))
    await writeFile(join(root, 'sub/b.html'), 'x'.repeat(100))
    await writeFile(join(root, 'sub/deeper/c.jsonl.gz'), Buffer.alloc(1000))
    await writeFile(join(root, 'notes.md'), 'x'.repeat(5000))
    await writeFile(join(root, '.hidden.txt'), 'x'.repeat(7000))
    const single = join(root, 'single.jsonl')
    await writeFile(single, 'x'.repeat(3))
    expect(await totalInputBytes([join(root, 'sub'), join(root, 'a.txt')])).toBe(1110)
    // single.jsonl is inside root too: listed once, counted once.
    expect(await totalInputBytes([root, single])).toBe(1113)
  })

  it('counts a file that vanished as 0 and rejects a missing input path as bad usage', async () => {
    expect(await listedFilesBytes([{ path: join(tmpdir(), 'decruft-no-such-file.txt') }])).toBe(0)
    await expect(totalInputBytes([join(tmpdir(), 'decruft-no-such-folder')])).rejects.toBeInstanceOf(UsageError)
  })
})
