import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { duplicateCount, generateCorpus, siteProfile, writeCorpus, type CorpusRecord, type GeneratedDocument } from '../../src/bench/generate-corpus.js'
import { tempDir } from '../support/run-cli.js'

const OPTIONS = { documents: 300, sites: 5, paragraphs: 4, duplicateShare: 0.2, textShare: 0.2, seed: 42 }

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** The article's paragraphs of a record: between the date and the end of the article (HTML) or the related stories (text). */
function articleParagraphs(record: CorpusRecord): string[] {
  if ('html' in record) {
    const body = /<\/time><\/p>\n([\s\S]*?)\n<\/(?:article|div)>/.exec(record.html)?.[1] ?? ''
    return [...body.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => unescapeHtml(m[1] ?? ''))
  }
  const lines = record.text.split('\n')
  const start = lines.findIndex((l) => l.startsWith('By ')) + 2
  return lines.slice(start, lines.indexOf('Related stories'))
}

function contentOf(record: CorpusRecord): string {
  return 'html' in record ? record.html : record.text
}

describe('generateCorpus', () => {
  const docs: GeneratedDocument[] = [...generateCorpus(OPTIONS)]

  it('writes the same bytes for the same seed and different ones for another seed, plain or gzip', async () => {
    const dir = tempDir('decruft-bench-test-')
    await writeCorpus(join(dir, 'a.jsonl'), OPTIONS)
    await writeCorpus(join(dir, 'b.jsonl'), OPTIONS)
    await writeCorpus(join(dir, 'c.jsonl'), { ...OPTIONS, seed: 43 })
    const stats = await writeCorpus(join(dir, 'a.jsonl.gz'), OPTIONS)
    const a = readFileSync(join(dir, 'a.jsonl'))
    expect(a.equals(readFileSync(join(dir, 'b.jsonl')))).toBe(true)
    expect(a.equals(readFileSync(join(dir, 'c.jsonl')))).toBe(false)
    expect(gunzipSync(readFileSync(join(dir, 'a.jsonl.gz'))).equals(a)).toBe(true)
    expect(stats.bytes).toBe(a.length)
    expect(stats.documents).toBe(300)
    expect(stats.exactDuplicates + stats.nearDuplicates).toBe(60)
    expect(stats.htmlRecords + stats.textRecords).toBe(300)
    rmSync(dir, { recursive: true, force: true })
  })

  it('has the requested number of documents, with unique ids and URLs, on the requested sites', () => {
    expect(docs).toHaveLength(300)
    expect(new Set(docs.map((d) => d.record.id)).size).toBe(300)
    expect(new Set(docs.map((d) => d.record.url)).size).toBe(300)
    const hosts = new Set(docs.map((d) => new URL(d.record.url).hostname.replace(/^www\./, '')))
    expect([...hosts].sort()).toEqual(['site-01.example', 'site-02.example', 'site-03.example', 'site-04.example', 'site-05.example'])
    for (const doc of docs) expect(new URL(doc.record.url).hostname.replace(/^www\./, '')).toBe(siteProfile(42, doc.site).host)
    expect(docs.some((d) => 'text' in d.record)).toBe(true)
    expect(docs.some((d) => 'html' in d.record)).toBe(true)
  })

  it('has the requested share of duplicates: exact copies and near copies with a few words edited', () => {
    const duplicates = docs.filter((d) => d.duplicateOf !== undefined)
    expect(duplicates).toHaveLength(duplicateCount(OPTIONS))
    expect(duplicates).toHaveLength(60)
    const exact = duplicates.filter((d) => d.duplicateKind === 'exact')
    const near = duplicates.filter((d) => d.duplicateKind === 'near')
    expect(exact.length).toBeGreaterThan(10)
    expect(near.length).toBeGreaterThan(10)
    const byId = new Map(docs.map((d) => [d.record.id, d]))
    for (const duplicate of duplicates) {
      const original = byId.get(duplicate.duplicateOf as string)
      expect(original?.duplicateOf).toBeUndefined()
      const copy = articleParagraphs(duplicate.record)
      const source = articleParagraphs((original as GeneratedDocument).record)
      expect(source).toHaveLength(4)
      if (duplicate.duplicateKind === 'exact') {
        expect(copy).toEqual(source)
      } else {
        const a = copy.join(' ').split(' ')
        const b = source.join(' ').split(' ')
        expect(a).toHaveLength(b.length)
        const changed = a.filter((word, i) => word !== b[i]).length
        expect(changed).toBeGreaterThanOrEqual(1)
        expect(changed).toBeLessThanOrEqual(Math.max(1, Math.round(b.length / 100)))
      }
    }
  })

  it('gives different articles different prose', () => {
    const originals = docs.filter((d) => d.duplicateOf === undefined)
    const firstParagraphs = new Set(originals.map((d) => articleParagraphs(d.record)[0]))
    expect(firstParagraphs.size).toBe(originals.length)
  })

  it('repeats each site\'s furniture on every page of the site, and not on other sites', () => {
    for (let site = 0; site < OPTIONS.sites; site++) {
      const profile = siteProfile(42, site)
      const pages = docs.filter((d) => d.site === site)
      expect(pages.length).toBeGreaterThan(10)
      for (const page of pages) {
        const content = contentOf(page.record)
        for (const line of [profile.appeal, profile.cookieNotice, profile.footerLine, profile.newsletterLine]) expect(content).toContain(line)
        for (const item of profile.menu) expect(content).toContain('html' in page.record ? `>${item}</a>` : item)
        expect(content).toMatch(/\d[\d,]* \$ \/ \d[\d,]* \$/)
      }
      const others = docs.filter((d) => d.site !== site)
      for (const page of others) expect(contentOf(page.record)).not.toContain(profile.footerLine)
    }
    expect(docs.some((d) => /Comments?</.test(contentOf(d.record)))).toBe(true)
  })

  it('scales the article length with paragraphs alone', () => {
    const short = [...generateCorpus({ ...OPTIONS, documents: 20, paragraphs: 2 })]
    const long = [...generateCorpus({ ...OPTIONS, documents: 20, paragraphs: 8 })]
    expect(long).toHaveLength(20)
    for (const doc of long) if (doc.duplicateOf === undefined) expect(articleParagraphs(doc.record)).toHaveLength(8)
    for (const doc of short) if (doc.duplicateOf === undefined) expect(articleParagraphs(doc.record)).toHaveLength(2)
  })

  it('rejects options out of range', () => {
    expect(() => [...generateCorpus({ documents: 0 })]).toThrow(RangeError)
    expect(() => [...generateCorpus({ duplicateShare: 0.9 })]).toThrow(/duplicateShare/)
  })
})
