import type { DuplicateEntry } from './duplicate-entry.js'
import { resolveDuplicateOptions, type DuplicateOptions } from './duplicate-options.js'
import { forEachLshBucket } from './lsh-index.js'
import { estimateJaccard, type MinHashSignature } from './min-hash.js'
import { compareIds, compareSurvivors } from './survivor-rule.js'

/** A document of a cluster that is dropped in favour of the survivor. */
export interface DuplicateMember {
  readonly id: string
  /** `exact`: same normalised text as the survivor; `near`: similar shingles. */
  readonly kind: 'exact' | 'near'
  /**
   * Similarity to the survivor: 1 for exact duplicates, the estimated Jaccard for near ones.
   * Through transitive chaining it can be below the threshold.
   */
  readonly similarity: number
}

/** A set of duplicate documents: the one kept and the others, sorted by id. */
export interface DuplicateCluster {
  readonly survivor: string
  readonly members: readonly DuplicateMember[]
}

/** What `findDuplicates` reports. */
export interface DuplicateResult {
  /** Clusters of two or more documents, sorted by survivor id. */
  readonly clusters: readonly DuplicateCluster[]
  /** For every dropped document, the id of its cluster's survivor; keys inserted in id order. */
  readonly duplicateOf: ReadonlyMap<string, string>
}

function sameEntry(a: DuplicateEntry, b: DuplicateEntry): boolean {
  if (a.chars !== b.chars || a.exactKey !== b.exactKey || a.published !== b.published) return false
  const x = a.signature
  const y = b.signature
  if (x.shingles !== y.shingles || x.shingleWords !== y.shingleWords || x.hashes.length !== y.hashes.length) return false
  return x.hashes.every((h, i) => h === y.hashes[i])
}

function checkEntry(entry: DuplicateEntry, options: DuplicateOptions): void {
  if (typeof entry.id !== 'string' || entry.id.length === 0) throw new TypeError('duplicate entry: id must be a non-empty string')
  // Built only when needed: this runs once per document of the batch.
  const where = (): string => `duplicate entry ${JSON.stringify(entry.id)}`
  if (!Number.isFinite(entry.chars) || entry.chars < 0) throw new RangeError(`${where()}: chars must be a non-negative number`)
  if (typeof entry.exactKey !== 'string') throw new TypeError(`${where()}: exactKey must be a string`)
  const { hashes, shingleWords } = entry.signature
  if (hashes.length !== options.permutations || shingleWords !== options.shingleWords) {
    throw new RangeError(
      `${where()}: signature has ${hashes.length} hashes over ${shingleWords}-word shingles, expected ${options.permutations} over ${options.shingleWords}`,
    )
  }
}

/** The entries as a set: one per id, sorted by id; the same id twice must be the same entry. */
function canonicalEntries(entries: readonly DuplicateEntry[], options: DuplicateOptions): DuplicateEntry[] {
  const byId = new Map<string, DuplicateEntry>()
  for (const entry of entries) {
    checkEntry(entry, options)
    const earlier = byId.get(entry.id)
    if (earlier === undefined) byId.set(entry.id, entry)
    else if (!sameEntry(earlier, entry)) throw new RangeError(`duplicate entry ${JSON.stringify(entry.id)}: two different entries share this id`)
  }
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id))
}

/** Union-find over 0..n−1 with path halving. */
class DisjointSets {
  private readonly parent: Int32Array
  constructor(size: number) {
    this.parent = new Int32Array(size)
    for (let i = 0; i < size; i++) this.parent[i] = i
  }
  find(x: number): number {
    let node = x
    while (this.parent[node] !== node) {
      const grand = this.parent[this.parent[node] as number] as number
      this.parent[node] = grand
      node = grand
    }
    return node
  }
  union(a: number, b: number): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
}

/**
 * Finds exact and near duplicates among documents from their entries alone (no texts).
 *
 * 1. Exact: entries with the same `exactKey` form a group; its best entry by the survivor rule
 *    represents it.
 * 2. Near: LSH over the representatives' signatures (`options.bands` × `options.rows`) gives
 *    candidate pairs; a candidate is verified when its estimated Jaccard is ≥ `options.threshold`.
 * 3. Clusters are the connected components of exact groups and verified pairs (union-find).
 *    Transitive closure: A~B and B~C put A, B and C in one cluster even when A and C are less
 *    similar than the threshold — a chain of small edits stays one story.
 * 4. Survivor: `compareSurvivors` over the whole cluster — a published entry first, then most
 *    characters, then smallest id by UTF-16 code units. Every other document is a member, `exact` when its exact key equals the
 *    survivor's (similarity 1), otherwise `near` with its estimated Jaccard to the survivor.
 *
 * The result depends only on the set of entries: they are deduplicated by id (the same id twice
 * must carry the same entry, e.g. when overlapping batches are merged; otherwise it throws) and
 * sorted by id before anything else, so any input order, batching or concurrency that yields the
 * same entries yields a deep-equal result. Throws when an entry's signature does not match the
 * options (hash count, shingle size) or the options are invalid.
 */
export function findDuplicates(entries: readonly DuplicateEntry[], options: Partial<DuplicateOptions> = {}): DuplicateResult {
  const settings = resolveDuplicateOptions(options)
  const sorted = canonicalEntries(entries, settings)
  const sets = new DisjointSets(sorted.length)

  const groups = new Map<string, number[]>()
  for (const [i, entry] of sorted.entries()) {
    const group = groups.get(entry.exactKey)
    if (group) group.push(i)
    else groups.set(entry.exactKey, [i])
  }
  const representatives: number[] = []
  for (const group of groups.values()) {
    let best = group[0] as number
    for (const i of group) {
      sets.union(best, i)
      if (compareSurvivors(sorted[i] as DuplicateEntry, sorted[best] as DuplicateEntry) < 0) best = i
    }
    representatives.push(best)
  }
  representatives.sort((a, b) => a - b)

  const signatures = representatives.map((i) => (sorted[i] as DuplicateEntry).signature)
  forEachLshBucket(signatures, settings.bands, settings.rows, (members) => {
    for (let x = 0; x < members.length; x++) {
      const a = representatives[members[x] as number] as number
      for (let y = x + 1; y < members.length; y++) {
        const b = representatives[members[y] as number] as number
        // Already connected: verifying the pair could not change the components.
        if (sets.find(a) === sets.find(b)) continue
        const sa = signatures[members[x] as number] as MinHashSignature
        const sb = signatures[members[y] as number] as MinHashSignature
        if (estimateJaccard(sa, sb) >= settings.threshold) sets.union(a, b)
      }
    }
  })

  const components = new Map<number, number[]>()
  for (let i = 0; i < sorted.length; i++) {
    const root = sets.find(i)
    const component = components.get(root)
    if (component) component.push(i)
    else components.set(root, [i])
  }

  const clusters: DuplicateCluster[] = []
  for (const component of components.values()) {
    if (component.length < 2) continue
    let survivor = sorted[component[0] as number] as DuplicateEntry
    for (const i of component) {
      const entry = sorted[i] as DuplicateEntry
      if (compareSurvivors(entry, survivor) < 0) survivor = entry
    }
    const members: DuplicateMember[] = []
    for (const i of component) {
      const entry = sorted[i] as DuplicateEntry
      if (entry === survivor) continue
      members.push(
        entry.exactKey === survivor.exactKey
          ? { id: entry.id, kind: 'exact', similarity: 1 }
          : { id: entry.id, kind: 'near', similarity: estimateJaccard(entry.signature, survivor.signature) },
      )
    }
    clusters.push({ survivor: survivor.id, members })
  }
  clusters.sort((a, b) => compareIds(a.survivor, b.survivor))

  const dropped: Array<[string, string]> = clusters.flatMap((c) => c.members.map((m): [string, string] => [m.id, c.survivor]))
  dropped.sort((a, b) => compareIds(a[0], b[0]))
  return { clusters, duplicateOf: new Map(dropped) }
}
