import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import { parseGoldRecord, type GoldRecord } from '../../src/eval/gold-record.js'
import { readGoldLines } from '../../src/eval/read-gold-lines.js'
import { runEval, type EvalField, type EvalResult } from '../../src/eval/run-eval.js'
import { sampleRule } from '../../src/eval/sample-rule.js'
import { createScoreboard, type EvalScores } from '../../src/eval/scoreboard.js'

// Our evaluation must give the reference scorer's figures on the same predictions.
const GOLD = fileURLToPath(new URL('../../../shared/eval/dev.jsonl.gz', import.meta.url))
const SCORER = fileURLToPath(new URL('../../../shared/eval/scorer/score.mjs', import.meta.url))
const SAMPLE = 120
const TOLERANCE = 1e-9

/** Scores a predictions file against a gold file with the reference scorer, in a child process, and returns its JSON. */
async function referenceScores(gold: string, predictions: string): Promise<EvalScores> {
  const out = `${predictions}.scores.json`
  await promisify(execFile)(process.execPath, [SCORER, gold, predictions, '--json', out], { maxBuffer: 1 << 24 })
  return JSON.parse(readFileSync(out, 'utf8')) as EvalScores
}

/**
 * The gold records a `--sample` run should use (every k-th line, worked out here independently
 * of runEval), without their html and text: a small gold file the scorer reads in a moment.
 * Scoring it without --only-predicted checks that runEval used exactly these records.
 */
async function writeGoldSubset(file: string, every: number): Promise<GoldRecord[]> {
  const records: GoldRecord[] = []
  let position = 0
  for await (const { line, lineNumber } of readGoldLines(GOLD)) {
    if (position++ % every === 0) records.push({ ...parseGoldRecord(line, `${GOLD}:${lineNumber}`), html: null, text: null })
  }
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n')
  return records
}

/** Every figure of the reference rows that ours differs from by more than the tolerance ([] = agreement), and how many were compared. */
function disagreements(ours: EvalScores, reference: EvalScores): { compared: number; differences: string[] } {
  const differences: string[] = []
  let compared = 0
  const rows: [string, Record<string, unknown> | undefined, Record<string, unknown>][] = [
    ...Object.entries(reference.datasets).map(([name, row]): [string, Record<string, unknown> | undefined, Record<string, unknown>] => [name, ours.datasets[name] as Record<string, unknown> | undefined, row as unknown as Record<string, unknown>]),
    ['ALL(pooled)', ours.all as unknown as Record<string, unknown>, reference.all as unknown as Record<string, unknown>],
    ['MACRO', ours.macro as unknown as Record<string, unknown>, reference.macro as unknown as Record<string, unknown>],
  ]
  for (const [name, mine, theirs] of rows) {
    if (mine === undefined) {
      differences.push(`${name}: missing from our result`)
      continue
    }
    for (const [key, expected] of Object.entries(theirs)) {
      compared++
      // JSON writes NaN ("no documents for this metric") as null; ours is NaN before serialising.
      const actual = typeof mine[key] === 'number' && Number.isNaN(mine[key]) ? null : mine[key]
      const agree = typeof expected === 'number' ? typeof actual === 'number' && Math.abs(actual - expected) <= TOLERANCE : actual === expected
      if (!agree) differences.push(`${name}.${key}: ours ${String(actual)}, reference ${String(expected)}`)
    }
  }
  if (Object.keys(ours.datasets).join() !== Object.keys(reference.datasets).join()) differences.push('dataset rows differ')
  return { compared, differences }
}

describe(`agreement with the reference scorer on --sample ${SAMPLE} of the dev split`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'decruft-agreement-'))
  const runs = new Map<EvalField, { result: EvalResult; predictions: string }>()
  const subset = join(dir, 'gold-subset.jsonl')
  let subsetRecords: GoldRecord[] = []

  beforeAll(async () => {
    const config = loadConfig()
    subsetRecords = await writeGoldSubset(subset, sampleRule(1775, SAMPLE).every)
    for (const field of ['html', 'text'] as const) {
      const predictions = join(dir, `${field}.jsonl`)
      runs.set(field, { result: await runEval({ gold: GOLD, field, config, sample: SAMPLE, predictions }), predictions })
    }
  }, 120_000)

  for (const field of ['html', 'text'] as const) {
    it(`agrees on every figure, per dataset, pooled and macro, for the ${field} field`, async () => {
      const run = runs.get(field)!
      const reference = await referenceScores(subset, run.predictions)
      const { compared, differences } = disagreements(run.result, reference)
      expect(differences).toEqual([])
      expect(compared).toBeGreaterThan(80)
      expect(reference.all.missing).toBe(0)
      expect(run.result.documents).toBe(subsetRecords.length)
    })
  }

  it('agrees on missing and null predictions, which score as empty output', async () => {
    // From the html predictions: drop every 3rd (missing), make every 5th of the rest null.
    const kept = readFileSync(runs.get('html')!.predictions, 'utf8').trim().split('\n')
      .map((line) => JSON.parse(line) as { id: string; text: string | null })
      .filter((_, i) => i % 3 !== 2)
      .map((p, i) => (i % 5 === 4 ? { id: p.id, text: null } : p))
    const predictions = join(dir, 'holes.jsonl')
    writeFileSync(predictions, kept.map((p) => JSON.stringify(p)).join('\n') + '\n')
    const reference = await referenceScores(subset, predictions)

    const byId = new Map(kept.map((p) => [p.id, p.text]))
    const board = createScoreboard()
    for (const record of subsetRecords) board.add(record, byId.has(record.id) ? byId.get(record.id) : undefined)
    const ours = board.scores()
    const { differences } = disagreements(ours, reference)
    expect(differences).toEqual([])
    expect(ours.all.missing).toBe(subsetRecords.length - kept.length)
    expect(reference.all.missing).toBe(Math.floor(subsetRecords.length / 3))
    // the holes reach the snippet and comment-leak datasets too
    expect(ours.datasets['trafilatura']?.missing).toBeGreaterThan(0)
    expect(kept.some((p) => p.text === null && p.id.startsWith('trafilatura/'))).toBe(true)
  })
})
