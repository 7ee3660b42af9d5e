import type { Drop } from '../core/document.js'
import { findDuplicates } from './duplicate-clusters.js'
import type { DuplicateEntry } from './duplicate-entry.js'
import type { DuplicateOptions } from './duplicate-options.js'
import type { PublishedSignature } from './signatures-file.js'
import { compareIds, compareSurvivors } from './survivor-rule.js'

/** The stage name duplicate drops and their trace entries carry. */
export const DUPLICATES_STAGE = 'duplicates'

/** Drop codes of the duplicates pass, one per reason a document leaves the dataset there. */
export const DUPLICATE_CODES = {
  exact: 'D_EXACT_DUPLICATE',
  near: 'D_NEAR_DUPLICATE',
  sameId: 'D_DUPLICATE_ID',
  publishedEarlier: 'D_PUBLISHED_EARLIER',
} as const

/** A kept document of this batch as the pass sees it: where it is, and its entry (no text). */
export interface DuplicateCandidate {
  /** Position of the document in the batch (the spill index); drops are keyed by it. */
  readonly position: number
  /** Orders documents that share an id (e.g. a digest of the processed document). */
  readonly tieBreak: string
  readonly entry: DuplicateEntry
}

/** One cluster as reports show it: who survived, whether an earlier run published it, who was dropped. */
export interface ReportedCluster {
  readonly survivor: string
  readonly publishedEarlier: boolean
  readonly size: number
  readonly members: readonly { readonly id: string; readonly kind: 'exact' | 'near'; readonly similarity: number }[]
}

/** What the duplicates pass decided for a batch. */
export interface DuplicateDecisions {
  /** The drop of every document that leaves the dataset, by batch position. */
  readonly drops: ReadonlyMap<number, Drop>
  /** Clusters with at least one document of this batch dropped, sorted by survivor id. */
  readonly clusters: readonly ReportedCluster[]
  /** Documents dropped because another document of the batch had the same id. */
  readonly sameId: number
}

/**
 * Published entries get the internal id NUL run NUL id: apart from this batch's ids (no reader
 * lets NUL into an id), unique when one id was published by two runs, and among equally long
 * published documents the earliest run (run ids start with their time) survives.
 */
const PUBLISHED_PREFIX = '\u0000'

function roundSimilarity(value: number): number {
  return Math.round(value * 1000) / 1000
}

/**
 * Decides which documents of a batch leave the dataset as duplicates, from entries alone.
 *
 * 1. Documents that share an id: the one with the most characters stays (then the smallest
 *    tie-break); the others are dropped as `D_DUPLICATE_ID`, since an id must name one record.
 * 2. The remaining entries and the `published` ones (signatures of earlier runs) go through
 *    `findDuplicates`. In a cluster with a published survivor, every document of this batch is
 *    dropped as `D_PUBLISHED_EARLIER`; otherwise the non-survivors are dropped as
 *    `D_EXACT_DUPLICATE` or `D_NEAR_DUPLICATE`, each with `duplicateOf` naming the survivor.
 *
 * The decisions depend only on the set of candidates and entries, never on their order.
 */
export function decideDuplicates(
  candidates: readonly DuplicateCandidate[],
  published: readonly PublishedSignature[],
  options: Partial<DuplicateOptions>,
): DuplicateDecisions {
  const drops = new Map<number, Drop>()
  const byId = new Map<string, DuplicateCandidate[]>()
  for (const candidate of candidates) {
    const group = byId.get(candidate.entry.id)
    if (group) group.push(candidate)
    else byId.set(candidate.entry.id, [candidate])
  }
  const winners: DuplicateCandidate[] = []
  let sameId = 0
  for (const [id, group] of byId) {
    group.sort((a, b) => compareSurvivors(a.entry, b.entry) || compareIds(a.tieBreak, b.tieBreak))
    winners.push(group[0] as DuplicateCandidate)
    for (const loser of group.slice(1)) {
      sameId++
      drops.set(loser.position, {
        stage: DUPLICATES_STAGE,
        code: DUPLICATE_CODES.sameId,
        reason: `another document of this batch has the id ${JSON.stringify(id)}; the one with the most text is kept`,
        duplicateOf: id,
      })
    }
  }

  const positionOf = new Map(winners.map((w) => [w.entry.id, w.position]))
  const entries = [
    ...winners.map((w) => ({ ...w.entry, published: false })),
    ...published.map((p) => ({ ...p.entry, id: `${PUBLISHED_PREFIX}${p.run}${PUBLISHED_PREFIX}${p.entry.id}`, published: true })),
  ]
  const publishedId = (internal: string): string => internal.slice(internal.indexOf(PUBLISHED_PREFIX, 1) + 1)
  const result = findDuplicates(entries, options)
  const clusters: ReportedCluster[] = []
  for (const cluster of result.clusters) {
    const publishedEarlier = cluster.survivor.startsWith(PUBLISHED_PREFIX)
    const survivor = publishedEarlier ? publishedId(cluster.survivor) : cluster.survivor
    const members = cluster.members.filter((m) => !m.id.startsWith(PUBLISHED_PREFIX))
    if (members.length === 0) continue
    for (const member of members) {
      const similarity = roundSimilarity(member.similarity)
      const how = member.kind === 'exact' ? 'the same text as' : `a near duplicate (estimated similarity ${similarity}) of`
      drops.set(positionOf.get(member.id) as number, {
        stage: DUPLICATES_STAGE,
        code: publishedEarlier ? DUPLICATE_CODES.publishedEarlier : DUPLICATE_CODES[member.kind],
        reason: publishedEarlier ? `${how} ${JSON.stringify(survivor)}, published by an earlier run` : `${how} ${JSON.stringify(survivor)}, which is kept`,
        duplicateOf: survivor,
      })
    }
    clusters.push({
      survivor,
      publishedEarlier,
      size: members.length + 1,
      members: members.map((m) => ({ id: m.id, kind: m.kind, similarity: roundSimilarity(m.similarity) })),
    })
  }
  return { drops, clusters, sameId }
}
