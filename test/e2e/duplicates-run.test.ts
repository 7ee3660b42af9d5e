import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generatedSite, type GeneratedPage } from '../corpus/generated-site.js'
import { runCli, tempDir } from '../support/run-cli.js'

interface InputRecord {
  readonly id: string
  readonly url: string
  readonly text: string
}

interface RejectLine {
  readonly id: string
  readonly stage: string
  readonly code: string
  readonly duplicate_of?: string
}

interface Cluster {
  readonly survivor: string
  readonly size: number
  readonly members: readonly { readonly id: string; readonly kind: string }[]
}

function record(page: GeneratedPage, id: string): InputRecord {
  return { id, url: page.url, text: page.blocks.join('\n') }
}

/** The body sentence of a page with the most words, with one word taken out of its middle. */
function withOneWordLess(page: GeneratedPage): GeneratedPage {
  const blocks = [...page.blocks]
  let longest = 0
  blocks.forEach((b, i) => {
    if (b.split(' ').length > (blocks[longest] ?? '').split(' ').length) longest = i
  })
  const words = (blocks[longest] as string).split(' ')
  words.splice(Math.floor(words.length / 2), 1)
  blocks[longest] = words.join(' ')
  return { url: page.url.replace('news.example.org', 'mirror.example.net'), blocks }
}

function jsonl(records: readonly InputRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n'
}

function lines<T>(file: string): T[] {
  const text = readFileSync(file, 'utf8').trim()
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l) as T)
}

const id = (i: number): string => `p${String(i).padStart(2, '0')}`

describe('decruft run drops exact and near duplicates, the same way in any order', () => {
  const pages = generatedSite(23)
  const originals = pages.map((p, i) => record(p, id(i)))
  // Equal length: the survivor rule keeps the smaller id, p05 ("p05" < "p05-copy").
  const exactCopy = { ...(originals[5] as InputRecord), id: 'p05-copy', url: 'https://mirror.example.net/a' }
  const edited = record(withOneWordLess(pages[12] as GeneratedPage), 'edited-p12')
  const batch = [...originals, exactCopy, edited]
  const dir = tempDir()
  writeFileSync(join(dir, 'a.jsonl'), jsonl(batch.slice(0, 21)))
  writeFileSync(join(dir, 'b.jsonl'), jsonl(batch.slice(21)))
  const forward = join(dir, 'forward')
  const backward = join(dir, 'backward')
  const runs = (async () => [
    await runCli('run', join(dir, 'a.jsonl'), join(dir, 'b.jsonl'), '--out', forward, '--concurrency', '1'),
    await runCli('run', join(dir, 'b.jsonl'), join(dir, 'a.jsonl'), '--out', backward, '--concurrency', '8'),
  ])()

  it('drops the exact copy and the copy with a word less, naming the documents they copy', async () => {
    expect(await runs).toEqual([0, 0])
    const rejects = lines<RejectLine>(join(forward, 'rejects.jsonl'))
    expect(rejects).toContainEqual(expect.objectContaining({ id: 'p05-copy', stage: 'duplicates', code: 'D_EXACT_DUPLICATE', duplicate_of: 'p05' }))
    expect(rejects).toContainEqual(expect.objectContaining({ id: 'edited-p12', stage: 'duplicates', code: 'D_NEAR_DUPLICATE', duplicate_of: 'p12' }))
    const kept = lines<{ id: string }>(join(forward, 'dataset.jsonl')).map((r) => r.id)
    expect(kept).toHaveLength(40)
    expect(kept).toContain('p05')
    expect(kept).toContain('p12')
  })

  it('writes records in id order', async () => {
    await runs
    const kept = lines<{ id: string }>(join(forward, 'dataset.jsonl')).map((r) => r.id)
    expect(kept).toEqual([...kept].sort())
  })

  it('gives byte-identical datasets when the input files come in the other order at another concurrency', async () => {
    await runs
    for (const file of ['dataset.jsonl', 'dataset.csv', 'rejects.jsonl']) {
      expect(readFileSync(join(backward, file)), file).toEqual(readFileSync(join(forward, file)))
    }
  })

  it('reports the clusters with their sizes and the duplicates stage in the run report', async () => {
    await runs
    const corpus = JSON.parse(readFileSync(join(forward, 'reports', 'corpus.json'), 'utf8')) as { duplicates: { dropped: number; clusters: Cluster[] } }
    expect(corpus.duplicates.dropped).toBe(2)
    expect(corpus.duplicates.clusters).toEqual([
      expect.objectContaining({ survivor: 'p05', size: 2, members: [expect.objectContaining({ id: 'p05-copy', kind: 'exact' })] }),
      expect.objectContaining({ survivor: 'p12', size: 2, members: [expect.objectContaining({ id: 'edited-p12', kind: 'near' })] }),
    ])
    const stage = JSON.parse(readFileSync(join(forward, 'reports', 'duplicates.json'), 'utf8')) as { documentsIn: number; documentsOut: number; dropped: Record<string, number> }
    expect(stage).toMatchObject({ documentsIn: 42, documentsOut: 40, dropped: { D_EXACT_DUPLICATE: 1, D_NEAR_DUPLICATE: 1 } })
    const summary = readFileSync(join(forward, 'reports', 'summary.md'), 'utf8')
    expect(summary).toContain('## Corpus passes')
    expect(summary).toMatch(/42 documents compared, 2 clusters, 2 documents dropped/)
    expect(summary).toContain('- 2 documents, kept "p12"; dropped "edited-p12" (0.9')
  })

  it('keeps the same records, apart from their line numbers, when the lines of a file are reversed', async () => {
    await runs
    const reversed = join(dir, 'reversed.jsonl')
    writeFileSync(reversed, jsonl([...batch].reverse()))
    const out = join(dir, 'reversed-out')
    expect(await runCli('run', reversed, '--out', out)).toBe(0)
    const withoutSource = (file: string): unknown[] => lines<Record<string, unknown>>(file).map(({ source: _source, ...rest }) => rest)
    expect(withoutSource(join(out, 'dataset.jsonl'))).toEqual(withoutSource(join(forward, 'dataset.jsonl')))
    expect(withoutSource(join(out, 'rejects.jsonl'))).toEqual(withoutSource(join(forward, 'rejects.jsonl')))
  })

  it('keeps one record per id: a second document with the same id goes to rejects', async () => {
    const file = join(dir, 'same-id.jsonl')
    const other = record(pages[30] as GeneratedPage, 'p03')
    writeFileSync(file, jsonl([originals[3] as InputRecord, other]))
    const out = join(dir, 'same-id-out')
    expect(await runCli('run', file, '--out', out)).toBe(0)
    const keptText = lines<{ id: string; text: string }>(join(out, 'dataset.jsonl'))
    expect(keptText.map((r) => r.id)).toEqual(['p03'])
    const rejects = lines<RejectLine>(join(out, 'rejects.jsonl'))
    expect(rejects).toEqual([expect.objectContaining({ id: 'p03', code: 'D_DUPLICATE_ID', duplicate_of: 'p03' })])
  })
})

describe('decruft run --signatures drops what earlier runs published', () => {
  const pages = generatedSite(31)
  const originals = pages.map((p, i) => record(p, id(i)))
  const dir = tempDir()
  const signatures = join(dir, 'state', 'published.jsonl')
  writeFileSync(join(dir, 'night-1.jsonl'), jsonl(originals.slice(0, 20)))
  const republished = record(withOneWordLess(pages[3] as GeneratedPage), 'syndicated-p03')
  writeFileSync(join(dir, 'night-2.jsonl'), jsonl([...originals.slice(15), republished]))
  const runs = (async () => [
    await runCli('run', join(dir, 'night-1.jsonl'), '--out', join(dir, 'out-1'), '--signatures', signatures),
    await runCli('run', join(dir, 'night-2.jsonl'), '--out', join(dir, 'out-2'), '--signatures', signatures),
  ])()

  it('keeps every document of the first night, and the history holds what both nights published', async () => {
    expect(await runs).toEqual([0, 0])
    expect(lines(join(dir, 'out-1', 'dataset.jsonl'))).toHaveLength(20)
    const history = lines<{ id: string }>(signatures)
    expect(history[0]).toMatchObject({ format: 'decruft-signatures', shingleWords: 5, permutations: 128 })
    expect(history.slice(1).map((h) => h.id)).toHaveLength(40)
  })

  it('drops on the second night the pages and the near copy published on the first', async () => {
    await runs
    const kept = lines<{ id: string }>(join(dir, 'out-2', 'dataset.jsonl')).map((r) => r.id)
    expect(kept).toEqual(originals.slice(20).map((r) => r.id))
    const rejects = lines<RejectLine>(join(dir, 'out-2', 'rejects.jsonl'))
    expect(rejects.map((r) => [r.id, r.code, r.duplicate_of])).toEqual([
      ['p15', 'D_PUBLISHED_EARLIER', 'p15'],
      ['p16', 'D_PUBLISHED_EARLIER', 'p16'],
      ['p17', 'D_PUBLISHED_EARLIER', 'p17'],
      ['p18', 'D_PUBLISHED_EARLIER', 'p18'],
      ['p19', 'D_PUBLISHED_EARLIER', 'p19'],
      ['syndicated-p03', 'D_PUBLISHED_EARLIER', 'p03'],
    ])
  })

  it('refuses a signatures file made with other shingle settings, before reading any input', async () => {
    await runs
    const foreign = join(dir, 'foreign.jsonl')
    writeFileSync(foreign, `${JSON.stringify({ format: 'decruft-signatures', scheme: 1, shingleWords: 3, permutations: 128 })}\n`)
    const out = join(dir, 'out-foreign')
    expect(await runCli('run', join(dir, 'night-1.jsonl'), '--out', out, '--signatures', foreign)).toBe(2)
    expect(() => readFileSync(join(out, 'manifest.json'))).toThrow()
  })
})
