import { describe, expect, it } from 'vitest'
import { addDocument, createBlockFrequency, mergeBlockFrequency, type BlockFrequency } from '../../src/corpus/block-frequency.js'
import { learnRepeatedBlocks } from '../../src/corpus/learn-repeated-blocks.js'
import { normalizeRepeatedBlock, repeatedBlockKey } from '../../src/corpus/repeated-block-key.js'
import { siteOf } from '../../src/corpus/site-of.js'
import { BASKET_LINE, generatedSite, MENU_LINE, QUOTED_PARAGRAPH, seededRandom, sentence, type GeneratedPage } from './generated-site.js'

function summarise(pages: readonly GeneratedPage[], summary: BlockFrequency = createBlockFrequency()): BlockFrequency {
  for (const page of pages) addDocument(summary, siteOf({ source: { url: page.url } }), page.blocks)
  return summary
}

describe('repeatedBlockKey', () => {
  it('folds case, punctuation, whitespace and numbers, so totals that differ share a key', () => {
    expect(repeatedBlockKey('0 $ / 2,500 $')).toBe(repeatedBlockKey('1,234 $ / 2,500 $'))
    expect(repeatedBlockKey('0 $')).toBe(repeatedBlockKey('3,048 $'))
    expect(repeatedBlockKey(BASKET_LINE(3, '4,210'))).toBe(repeatedBlockKey(BASKET_LINE(7, '1,005.50')))
    expect(normalizeRepeatedBlock('  © 2024 Example NEWS.\tAll   rights reserved! ')).toBe('0 example news all rights reserved')
    expect(repeatedBlockKey('Home | World')).toBe(repeatedBlockKey('HOME   world'))
    expect(repeatedBlockKey('Home | World')).not.toBe(repeatedBlockKey('Home | Sports'))
    expect(repeatedBlockKey('Home | World')).toMatch(/^[0-9a-f]{16}$/)
  })

  it('keeps letters of every script, folds digits of every script, and skips blocks without letters or digits', () => {
    expect(normalizeRepeatedBlock('Главная — Новости')).toBe('главная новости')
    expect(normalizeRepeatedBlock('صفحه ۱۲۳ از ۴')).toBe('صفحه 0 از 0')
    expect(normalizeRepeatedBlock('ｆｕｌｌ　ｗｉｄｔｈ １２')).toBe('full width 0')
    expect(repeatedBlockKey('— | — · ***')).toBeUndefined()
    expect(repeatedBlockKey('')).toBeUndefined()
  })
})

describe('siteOf', () => {
  it('takes the host of the URL, lower case, without www.', () => {
    expect(siteOf({ source: { url: 'https://WWW.News.Example.org/a?b=1' } })).toBe('news.example.org')
    expect(siteOf({ source: { url: 'http://blog.example.com./x', file: 'dump/a.jsonl' } })).toBe('blog.example.com')
  })

  it('groups documents without a URL by their parent folder, or all in one group', () => {
    expect(siteOf({ source: { file: 'crawl/site-a/page1.txt' } })).toBe('(files)/site-a')
    expect(siteOf({ source: { file: 'site-b\\page1.html' } })).toBe('(files)/site-b')
    expect(siteOf({ source: { file: 'page1.txt' } })).toBe('(files)')
    expect(siteOf({ source: { file: 'crawl/site-a/page1.txt', url: 'not a url' } }, 'single')).toBe('(files)')
    expect(siteOf({ source: {} })).toBe('(files)')
  })
})

describe('learnRepeatedBlocks', () => {
  const pages = generatedSite(7)
  const learned = learnRepeatedBlocks(summarise(pages))

  it('learns a line on 30 of 40 pages, with numbers that vary, and the menu on every page', () => {
    expect(learned).toHaveLength(1)
    const site = learned[0]
    expect(site?.site).toBe('news.example.org')
    expect(site?.documents).toBe(40)
    expect(site?.blocks.map((b) => [normalizeRepeatedBlock(b.sample), b.documents, b.share])).toEqual([
      ['home world sports culture', 40, 1],
      ['basket 0 items 0', 30, 0.75],
    ])
    expect(site?.blocks[0]?.sample).toBe(MENU_LINE)
    // The sample is the smallest text seen under the key, whatever order the pages came in.
    const reversed = learnRepeatedBlocks(summarise([...pages].reverse()))
    expect(reversed).toEqual(learned)
  })

  it('does not learn a paragraph two pages quote, nor anything unique', () => {
    const keys = learned[0]?.blocks.map((b) => b.key)
    expect(keys).not.toContain(repeatedBlockKey(QUOTED_PARAGRAPH))
    expect(keys).toHaveLength(2)
  })

  it('requires the share and the count together', () => {
    const summary = summarise(generatedSite(3))
    // The quoted paragraph: 2 documents (5%), passes neither alone.
    expect(learnRepeatedBlocks(summary, { minShare: 0.05, minDocuments: 5 })[0]?.blocks).toHaveLength(2)
    expect(learnRepeatedBlocks(summary, { minShare: 0.5, minDocuments: 2 })[0]?.blocks).toHaveLength(2)
    expect(learnRepeatedBlocks(summary, { minShare: 0.05, minDocuments: 2 })[0]?.blocks.map((b) => b.sample)).toContain(QUOTED_PARAGRAPH)
    // The basket line (75%) fails a share of 0.8, and the menu (40 documents) a count of 41.
    expect(learnRepeatedBlocks(summary, { minShare: 0.8 })[0]?.blocks.map((b) => b.sample)).toEqual([MENU_LINE])
    expect(learnRepeatedBlocks(summary, { minDocuments: 41 })[0]?.blocks).toEqual([])
  })

  it('learns nothing on a site with fewer than minSiteDocuments documents', () => {
    const small = generatedSite(5, 'small.example.com', 5)
    const result = learnRepeatedBlocks(summarise(small), { minDocuments: 2 })
    expect(result).toEqual([{ site: 'small.example.com', documents: 5, blocks: [], tooFewDocuments: true, droppedKeys: 0 }])
    expect(learnRepeatedBlocks(summarise(small), { minDocuments: 2, minSiteDocuments: 5 })[0]?.blocks.length).toBe(2)
  })

  it('keeps sites apart, lists them by name, and refuses thresholds that make no sense', () => {
    const summary = summarise([...generatedSite(1, 'b.example.net', 12), ...generatedSite(2, 'a.example.com', 20)])
    expect(learnRepeatedBlocks(summary).map((s) => [s.site, s.documents, s.blocks.length])).toEqual([
      ['a.example.com', 20, 2],
      ['b.example.net', 12, 2],
    ])
    expect(() => learnRepeatedBlocks(summary, { minShare: 0 })).toThrow(RangeError)
    expect(() => learnRepeatedBlocks(summary, { minDocuments: 1 })).toThrow(RangeError)
  })
})

describe('block frequency summaries', () => {
  const pages = [...generatedSite(11), ...generatedSite(12, 'other.example.com', 25)]
  const random = seededRandom(99)
  const shuffled = [...pages].sort(() => random() - 0.5)

  it('count a block once per document and keep the document count of each site', () => {
    const summary = summarise(pages)
    expect(summary.sites.get('news.example.org')?.documents).toBe(40)
    expect(summary.sites.get('other.example.com')?.documents).toBe(25)
    expect(summary.sites.get('news.example.org')?.keys.get(repeatedBlockKey(MENU_LINE) ?? '')).toEqual({ documents: 40, sample: MENU_LINE })
  })

  it('merge two halves into the summary of the whole, in either order', () => {
    const whole = summarise(shuffled)
    const first = summarise(shuffled.slice(0, 30))
    const second = summarise(shuffled.slice(30))
    expect(mergeBlockFrequency(first, second)).toEqual(whole)
    expect(mergeBlockFrequency(second, first)).toEqual(whole)
    // The comparison sees counts: a summary of other documents is not equal.
    expect(mergeBlockFrequency(first, first)).not.toEqual(whole)
    expect(summarise(shuffled.slice(1))).not.toEqual(whole)
    expect(learnRepeatedBlocks(mergeBlockFrequency(second, first))).toEqual(learnRepeatedBlocks(whole))
  })

  it('merge associatively and leave their inputs unchanged', () => {
    const [a, b, c] = [shuffled.slice(0, 10), shuffled.slice(10, 40), shuffled.slice(40)].map((part) => summarise(part)) as [BlockFrequency, BlockFrequency, BlockFrequency]
    const aBefore = structuredClone(a)
    const left = mergeBlockFrequency(mergeBlockFrequency(a, b), c)
    const right = mergeBlockFrequency(a, mergeBlockFrequency(b, c))
    expect(left).toEqual(right)
    expect(left).toEqual(summarise(pages))
    expect(mergeBlockFrequency(createBlockFrequency(), a)).toEqual(a)
    expect(a).toEqual(aBefore)
  })

  it('survive structured clone, as worker messages carry them', () => {
    const summary = summarise(pages)
    expect(structuredClone(summary)).toEqual(summary)
  })

  it('stay within the bound on distinct keys per site, dropping the rarest and recording it', () => {
    const summary = createBlockFrequency({ maxKeysPerSite: 50 })
    const unbounded = summarise(pages.slice(0, 40))
    summarise(pages.slice(0, 40), summary)
    const site = summary.sites.get('news.example.org')
    expect(site?.keys.size).toBeLessThanOrEqual(50)
    expect(site?.droppedKeys).toBeGreaterThan(0)
    expect(site?.maxDroppedDocuments).toBe(1)
    expect(site?.documents).toBe(40)
    // Repeated furniture survives the bound, with its count exact here.
    expect(learnRepeatedBlocks(summary)).toEqual(learnRepeatedBlocks(unbounded).map((s) => ({ ...s, droppedKeys: site?.droppedKeys })))
    // A merge over the bound is cut the same way whatever the order.
    const x = summarise(pages.slice(0, 20), createBlockFrequency({ maxKeysPerSite: 60 }))
    const y = summarise(pages.slice(20, 40), createBlockFrequency({ maxKeysPerSite: 60 }))
    expect(mergeBlockFrequency(x, y)).toEqual(mergeBlockFrequency(y, x))
    expect(mergeBlockFrequency(x, y).sites.get('news.example.org')?.keys.size).toBeLessThanOrEqual(60)
  })

  it('cut ties by dropping the largest keys first, deterministically', () => {
    const summary = createBlockFrequency({ maxKeysPerSite: 10 })
    const texts = Array.from({ length: 11 }, (_, i) => sentence(seededRandom(i)))
    addDocument(summary, 's.example', texts)
    const kept = [...(summary.sites.get('s.example')?.keys.keys() ?? [])].sort()
    const all = texts.map((t) => repeatedBlockKey(t) ?? '').sort()
    expect(kept).toEqual(all.slice(0, 9))
    expect(summary.sites.get('s.example')?.droppedKeys).toBe(2)
    expect(() => createBlockFrequency({ maxKeysPerSite: 0 })).toThrow(RangeError)
  })
})
