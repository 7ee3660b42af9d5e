import type { BlockFrequency } from './block-frequency.js'

/** Thresholds of `learnRepeatedBlocks`; a block must pass both `minShare` and `minDocuments`. */
export interface LearnRepeatedBlocksOptions {
  /** Least share of the site's documents a block must appear on (0..1, default 0.5). */
  readonly minShare?: number
  /** Least number of the site's documents a block must appear on (default 5). */
  readonly minDocuments?: number
  /** Sites with fewer documents learn nothing (default 10). */
  readonly minSiteDocuments?: number
}

/** The defaults of `learnRepeatedBlocks`, for reports and site pack headers. */
export const REPEATED_BLOCK_DEFAULTS = { minShare: 0.5, minDocuments: 5, minSiteDocuments: 10 } as const

/** One block learned as boilerplate of a site. */
export interface LearnedBlock {
  /** Its `repeatedBlockKey`. */
  readonly key: string
  /** One original text of it (the smallest seen), to show and to match by. */
  readonly sample: string
  /** Documents of the site it appears on. */
  readonly documents: number
  /** documents / the site's documents. */
  readonly share: number
}

/** What one site learned: its blocks, best-attested first, and whether its counts are exact. */
export interface LearnedSite {
  readonly site: string
  readonly documents: number
  /** Learned blocks, by documents (most first), then key. */
  readonly blocks: readonly LearnedBlock[]
  /** True when the site had fewer than `minSiteDocuments` documents and so learned nothing. */
  readonly tooFewDocuments: boolean
  /** Keys the summary dropped to stay within its bound (0: counts are exact). */
  readonly droppedKeys: number
}

/**
 * The blocks of each site that appear on at least `minShare` of its documents AND on at least
 * `minDocuments` of them: the share alone would take a paragraph two pages of a small site
 * quote, the count alone a paragraph quoted on a handful of pages of a large one. A site with
 * fewer than `minSiteDocuments` documents learns nothing, because on a few pages a share says
 * little (the follow-ups of one story share their background paragraphs) and every removal
 * would rest on a handful of pages. One entry per site, sorted by site (UTF-16 order); blocks
 * by documents (most first), then key: the same summary always gives the same list.
 */
export function learnRepeatedBlocks(summary: BlockFrequency, options: LearnRepeatedBlocksOptions = {}): LearnedSite[] {
  const { minShare, minDocuments, minSiteDocuments } = { ...REPEATED_BLOCK_DEFAULTS, ...withoutUndefined(options) }
  if (!(minShare > 0 && minShare <= 1)) throw new RangeError(`minShare must be in (0, 1], got ${minShare}`)
  if (!Number.isInteger(minDocuments) || minDocuments < 2) throw new RangeError(`minDocuments must be an integer of at least 2 (a block on one document is not repeated), got ${minDocuments}`)
  if (!Number.isInteger(minSiteDocuments) || minSiteDocuments < 1) throw new RangeError(`minSiteDocuments must be a positive integer, got ${minSiteDocuments}`)
  const sites = [...summary.sites.keys()].sort(compareStrings)
  return sites.map((site) => {
    const entry = summary.sites.get(site)
    if (entry === undefined) throw new Error('unreachable')
    const tooFewDocuments = entry.documents < minSiteDocuments
    const blocks: LearnedBlock[] = []
    if (!tooFewDocuments) {
      for (const [key, { documents, sample }] of entry.keys) {
        const share = documents / entry.documents
        if (documents >= minDocuments && share >= minShare) blocks.push({ key, sample, documents, share })
      }
      blocks.sort((x, y) => y.documents - x.documents || compareStrings(x.key, y.key))
    }
    return { site, documents: entry.documents, blocks, tooFewDocuments, droppedKeys: entry.droppedKeys }
  })
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>
}
