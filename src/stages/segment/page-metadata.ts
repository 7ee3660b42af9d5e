import type { CheerioAPI } from 'cheerio'
import type { DocumentMeta, MetaField } from '../../core/document.js'
import { toIsoDate } from '../metadata/parse-date.js'

const MAX_JSON_LD_NODES = 2_000
const MAX_JSON_LD_DEPTH = 12
const ARTICLE_TYPES = /article|posting|report|webpage|creativework|blog/i

/**
 * What a page says about itself: OpenGraph and <meta> tags, JSON-LD (Article and kin), <time>
 * and <html lang>. Structured sources win over the <title> element, which often carries the
 * site name too.
 */
export function readPageMetadata($: CheerioAPI): DocumentMeta {
  const metaTag = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = $(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`).first().attr('content')
      if (value && value.trim()) return value.trim()
    }
    return undefined
  }
  const ld = readJsonLd($)
  const found: Partial<Record<MetaField, string | undefined>> = {
    title: metaTag('og:title', 'twitter:title') ?? ld.title ?? clean($('title').first().text()),
    date: isoOrUndefined(
      metaTag('article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued', 'sailthru.date', 'parsely-pub-date') ??
        ld.date ??
        $('time[datetime]').first().attr('datetime') ??
        $('[itemprop="datePublished"]').first().attr('datetime'),
    ),
    author: nonUrl(metaTag('author', 'article:author', 'byl', 'dc.creator')) ?? ld.author,
    site: metaTag('og:site_name', 'application-name') ?? ld.site,
    description: metaTag('og:description', 'description', 'twitter:description'),
    htmlLang: $('html').attr('lang')?.trim() || undefined,
  }
  const meta: Partial<Record<MetaField, string>> = {}
  for (const [key, value] of Object.entries(found) as [MetaField, string | undefined][]) {
    if (value !== undefined && value.length > 0) meta[key] = value
  }
  return meta
}

/**
 * The address a page declares for itself (`<link rel="canonical">`, else `og:url`), when it is
 * an absolute http(s) URL: lets site packs apply to saved pages that came without one.
 */
export function readPageUrl($: CheerioAPI): string | undefined {
  const candidates = [$('link[rel~="canonical"]').first().attr('href'), $('meta[property="og:url"]').first().attr('content')]
  for (const candidate of candidates) {
    const value = candidate?.trim()
    if (!value) continue
    try {
      const url = new URL(value)
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href
    } catch {
      // not an absolute URL: try the next declaration
    }
  }
  return undefined
}

function clean(text: string | undefined): string | undefined {
  const value = text?.replace(/\s+/g, ' ').trim()
  return value ? value : undefined
}

function isoOrUndefined(value: string | undefined): string | undefined {
  return value ? (toIsoDate(value) ?? undefined) : undefined
}

function nonUrl(value: string | undefined): string | undefined {
  return value && !/^https?:\/\//i.test(value) ? value : undefined
}

interface JsonLdFacts {
  title?: string
  date?: string
  author?: string
  site?: string
}

/** Reads headline, date, author and publisher from JSON-LD blocks, walking @graph arrays with bounds. */
function readJsonLd($: CheerioAPI): JsonLdFacts {
  const facts: JsonLdFacts = {}
  let visited = 0
  const visit = (node: unknown, depth: number): void => {
    if (visited++ > MAX_JSON_LD_NODES || depth > MAX_JSON_LD_DEPTH || node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1)
      return
    }
    const record = node as Record<string, unknown>
    const type = String(record['@type'] ?? '')
    if (ARTICLE_TYPES.test(type)) {
      facts.title ??= stringOf(record['headline']) ?? stringOf(record['name'])
      facts.date ??= stringOf(record['datePublished']) ?? stringOf(record['dateCreated'])
      facts.author ??= nameOf(record['author'])
      facts.site ??= nameOf(record['publisher'])
    }
    if (record['@graph'] !== undefined) visit(record['@graph'], depth + 1)
  }
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      visit(JSON.parse($(el).text()), 0)
    } catch {
      // Broken JSON-LD is common; the page's other metadata still counts.
    }
  })
  return facts
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return stringOf(value)
  if (Array.isArray(value)) return value.map(nameOf).filter((v): v is string => v !== undefined).join(', ') || undefined
  if (value && typeof value === 'object') return stringOf((value as Record<string, unknown>)['name'])
  return undefined
}
