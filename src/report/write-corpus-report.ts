import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { DuplicateDecisions } from '../corpus/decide-duplicates.js'
import type { LearnedSite } from '../corpus/learn-repeated-blocks.js'
import { sitePackFromLearned } from '../corpus/site-pack-from-learned.js'
import { FILES_GROUP } from '../corpus/site-of.js'
import type { FileInfo } from '../writers/atomic-file-writer.js'
import { writeTextFiles } from './write-reports.js'

/** What the duplicates pass looked at and decided, for the corpus report. */
export interface DuplicatesSummary {
  readonly threshold: number
  readonly shingleWords: number
  /** Kept documents of this batch the pass compared. */
  readonly documents: number
  readonly decisions: DuplicateDecisions
  /** The signatures file of earlier runs, when the run used one. */
  readonly signatures?: { readonly path: string; readonly earlier: number; readonly added: number }
}

/** What the corpus passes of a run produced; each part present when its pass ran. */
export interface CorpusPassResults {
  readonly learned?: readonly LearnedSite[]
  readonly duplicates?: DuplicatesSummary
}

/** The JSON of `reports/corpus.json`: per site the learned blocks, and the duplicate clusters with their sizes. */
export function corpusReport(results: CorpusPassResults): Record<string, unknown> {
  const report: Record<string, unknown> = {}
  if (results.learned) {
    report['repeatedBlocks'] = results.learned.map((site) => ({
      site: site.site,
      documents: site.documents,
      tooFewDocuments: site.tooFewDocuments,
      droppedKeys: site.droppedKeys,
      blocks: site.blocks.map((b) => ({ text: b.sample, documents: b.documents, share: Math.round(b.share * 1000) / 1000 })),
    }))
  }
  const duplicates = results.duplicates
  if (duplicates) {
    const byCode: Record<string, number> = {}
    for (const drop of duplicates.decisions.drops.values()) byCode[drop.code] = (byCode[drop.code] ?? 0) + 1
    report['duplicates'] = {
      threshold: duplicates.threshold,
      shingleWords: duplicates.shingleWords,
      documents: duplicates.documents,
      dropped: duplicates.decisions.drops.size,
      byCode: Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1))),
      ...(duplicates.signatures ? { signatures: duplicates.signatures } : {}),
      clusters: duplicates.decisions.clusters,
    }
  }
  return report
}

/**
 * Writes what the corpus passes found: `reports/corpus.json` (see `corpusReport`) and, for each
 * site (URL host) that learned blocks, `learned-sites/<domain>.yaml`, a site pack a person can
 * review and copy into config/sites; groups of files without URLs are in corpus.json only, as
 * packs apply to URLs. Writes nothing when no pass ran.
 */
export async function writeCorpusReport(outDir: string, results: CorpusPassResults): Promise<FileInfo[]> {
  if (!results.learned && !results.duplicates) return []
  await mkdir(join(outDir, 'reports'), { recursive: true })
  const written = await writeTextFiles(join(outDir, 'reports'), [['corpus.json', `${JSON.stringify(corpusReport(results), null, 2)}\n`]])
  const packs = (results.learned ?? []).filter((site) => site.blocks.length > 0 && !site.site.startsWith(FILES_GROUP)).map((site) => [`${site.site}.yaml`, sitePackFromLearned(site)] as const)
  if (packs.length === 0) return written
  await mkdir(join(outDir, 'learned-sites'), { recursive: true })
  return [...written, ...(await writeTextFiles(join(outDir, 'learned-sites'), packs))]
}
