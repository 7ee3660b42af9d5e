import { repeatedBlockKey } from './repeated-block-key.js'

/** Most distinct block keys a summary keeps per site unless told otherwise. */
export const DEFAULT_MAX_KEYS_PER_SITE = 200_000

/**
 * When a site exceeds its bound it is cut to this share of it, so the cut (a sort) happens once
 * per tenth of the bound in new keys, not once per new key.
 */
const PRUNE_TO_SHARE = 0.9

/** One block key of a site: on how many documents it appears, and one of its texts for the report. */
export interface BlockCount {
  /** Documents of the site holding a block with this key (a block counts once per document). */
  documents: number
  /** The smallest original text seen with this key (UTF-16 order), so merging is order-independent. */
  sample: string
}

/** What the pass knows about one site: its document count and its blocks' document counts. */
export interface SiteBlockFrequency {
  /** Documents of the site added, with or without blocks. */
  documents: number
  /** Block key (`repeatedBlockKey`) → its count and sample. */
  readonly keys: Map<string, BlockCount>
  /** Keys dropped to stay within the bound; 0 when the counts are exact. */
  droppedKeys: number
  /** Highest document count among dropped keys: a count may be short by up to this when droppedKeys > 0. */
  maxDroppedDocuments: number
}

/**
 * The mergeable summary of the repeated-block pass: per site, the document count and per block
 * key the number of documents holding it, plus one sample text. Memory grows with distinct
 * blocks (bounded per site), not with total text; summaries of parts of a corpus merge into the
 * summary of the whole (`mergeBlockFrequency`), so workers can each summarise their share.
 * Plain data of Maps: structured clone (worker messages) carries it as is.
 */
export interface BlockFrequency {
  /** Most distinct keys kept per site (see `createBlockFrequency`). */
  readonly maxKeysPerSite: number
  readonly sites: Map<string, SiteBlockFrequency>
}

/** Options of `createBlockFrequency`. */
export interface BlockFrequencyOptions {
  /** Most distinct keys kept per site (default 200,000); beyond it the rarest keys are dropped. */
  readonly maxKeysPerSite?: number
}

/**
 * An empty summary. The bound `maxKeysPerSite` caps memory on sites with many documents: when a
 * site holds more keys, the keys with the smallest document count are dropped (ties: the largest
 * key first, which is deterministic and, keys being hashes, an unbiased choice) until it holds
 * 90% of the bound, and the site records how many keys it dropped and their highest count.
 * Repeated boilerplate survives this (it reappears within a few documents); dropped counts are
 * lost, so learned counts can only be short, never inflated, and with drops the summary of a
 * corpus may depend on the order documents and merges came in.
 */
export function createBlockFrequency(options: BlockFrequencyOptions = {}): BlockFrequency {
  const maxKeysPerSite = options.maxKeysPerSite ?? DEFAULT_MAX_KEYS_PER_SITE
  if (!Number.isInteger(maxKeysPerSite) || maxKeysPerSite < 1) throw new RangeError(`maxKeysPerSite must be a positive integer, got ${maxKeysPerSite}`)
  return { maxKeysPerSite, sites: new Map() }
}

/**
 * Adds one document of `site` to the summary (in place): the site's document count grows by one
 * and every distinct key among `blockTexts` by one, however often the block repeats within the
 * document; blocks without letters or digits are skipped. Then applies the bound.
 */
export function addDocument(summary: BlockFrequency, site: string, blockTexts: readonly string[]): void {
  const entry = siteEntry(summary, site)
  entry.documents += 1
  const seen = new Map<string, string>()
  for (const text of blockTexts) {
    const key = repeatedBlockKey(text)
    if (key === undefined) continue
    const sample = seen.get(key)
    if (sample === undefined || text < sample) seen.set(key, text)
  }
  for (const [key, text] of seen) {
    const count = entry.keys.get(key)
    if (count === undefined) entry.keys.set(key, { documents: 1, sample: text })
    else {
      count.documents += 1
      if (text < count.sample) count.sample = text
    }
  }
  applyBound(entry, summary.maxKeysPerSite)
}

/**
 * The summary of two summaries' documents together, as a new summary (the inputs are left as
 * they are): document counts add up, samples keep the smaller text, drop records add up (their
 * highest count is the larger). Commutative, and associative while no site exceeds the bound
 * (with drops, see `createBlockFrequency`). The bound is the smaller of the two.
 */
export function mergeBlockFrequency(a: BlockFrequency, b: BlockFrequency): BlockFrequency {
  const merged = createBlockFrequency({ maxKeysPerSite: Math.min(a.maxKeysPerSite, b.maxKeysPerSite) })
  for (const part of [a, b]) {
    for (const [site, from] of part.sites) {
      const into = siteEntry(merged, site)
      into.documents += from.documents
      into.droppedKeys += from.droppedKeys
      into.maxDroppedDocuments = Math.max(into.maxDroppedDocuments, from.maxDroppedDocuments)
      for (const [key, count] of from.keys) {
        const have = into.keys.get(key)
        if (have === undefined) into.keys.set(key, { ...count })
        else {
          have.documents += count.documents
          if (count.sample < have.sample) have.sample = count.sample
        }
      }
    }
  }
  for (const entry of merged.sites.values()) applyBound(entry, merged.maxKeysPerSite)
  return merged
}

function siteEntry(summary: BlockFrequency, site: string): SiteBlockFrequency {
  let entry = summary.sites.get(site)
  if (entry === undefined) {
    entry = { documents: 0, keys: new Map(), droppedKeys: 0, maxDroppedDocuments: 0 }
    summary.sites.set(site, entry)
  }
  return entry
}

/** Cuts a site over the bound to 90% of it: smallest document count first, then largest key. */
function applyBound(entry: SiteBlockFrequency, maxKeys: number): void {
  if (entry.keys.size <= maxKeys) return
  let excess = entry.keys.size - Math.max(1, Math.floor(maxKeys * PRUNE_TO_SHARE))
  // Find the count at which the cut ends, so only keys with that count need sorting.
  const byCount = new Map<number, number>()
  for (const { documents } of entry.keys.values()) byCount.set(documents, (byCount.get(documents) ?? 0) + 1)
  const counts = [...byCount.keys()].sort((x, y) => x - y)
  let last = 0
  for (const count of counts) {
    last = count
    const n = byCount.get(count) ?? 0
    if (n >= excess) break
    excess -= n
  }
  const tied: string[] = []
  for (const [key, { documents }] of entry.keys) {
    if (documents < last) drop(entry, key, documents)
    else if (documents === last) tied.push(key)
  }
  tied.sort((x, y) => (x < y ? 1 : x > y ? -1 : 0))
  for (const key of tied.slice(0, excess)) drop(entry, key, last)
}

function drop(entry: SiteBlockFrequency, key: string, documents: number): void {
  entry.keys.delete(key)
  entry.droppedKeys += 1
  entry.maxDroppedDocuments = Math.max(entry.maxDroppedDocuments, documents)
}
