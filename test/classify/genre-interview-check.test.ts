import { createReadStream, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { classifyGenre } from '../../src/stages/classify/genre.js'
import { SHARED } from '../support/run-cli.js'

/** One hand label of test/fixtures/genre/interview-check.jsonl (see the README there). */
interface CheckLabel {
  id: string
  label: 'interview' | 'not-interview'
  note: string
}

const EVAL_FILE = join(SHARED, 'eval/dev.jsonl.gz')
const LABELS = readFileSync(new URL('../fixtures/genre/interview-check.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as CheckLabel)

/** Gold texts of the labelled ids, read by streaming the shared file once. */
async function goldTexts(ids: ReadonlySet<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const lines = createInterface({ input: createReadStream(EVAL_FILE).pipe(createGunzip()), crlfDelay: Infinity })
  for await (const line of lines) {
    const id = /^\{"id":"([^"]+)"/.exec(line)?.[1]
    if (id === undefined || !ids.has(id)) continue
    const record = JSON.parse(line) as { gold: string | null }
    if (record.gold !== null) found.set(id, record.gold)
    if (found.size === ids.size) break
  }
  return found
}

describe.skipIf(!existsSync(EVAL_FILE))('interview check on hand-labelled pages of the shared eval set', () => {
  let golds: Map<string, string>

  beforeAll(async () => {
    golds = await goldTexts(new Set(LABELS.map((l) => l.id)))
  }, 60_000)

  it('finds every labelled page with a gold text', () => {
    expect(LABELS.filter((l) => !golds.has(l.id)).map((l) => l.id)).toEqual([])
    expect(LABELS.filter((l) => l.label === 'interview').length).toBeGreaterThanOrEqual(5)
  })

  it('tells interviews from look-alikes on at least 90% of the pages', () => {
    const results = LABELS.map((l) => {
      const decision = classifyGenre((golds.get(l.id) ?? '').split('\n'), {})
      return { id: l.id, label: l.label, predicted: decision.genre, correct: (decision.genre === 'interview') === (l.label === 'interview') }
    })
    const accuracy = results.filter((r) => r.correct).length / results.length
    const wrong = results.filter((r) => !r.correct)
    expect(accuracy, JSON.stringify(wrong)).toBeGreaterThanOrEqual(0.9)
    // Every true interview is found; the known miss is the readers' Q&A column, which has the same turns.
    expect(results.filter((r) => r.label === 'interview' && !r.correct)).toEqual([])
  })
})
