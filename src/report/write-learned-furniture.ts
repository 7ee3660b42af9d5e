import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { LearnedSite } from '../corpus/learn-repeated-blocks.js'
import { sitePackFromLearned } from '../corpus/site-pack-from-learned.js'
import type { FileInfo } from '../writers/atomic-file-writer.js'
import { writeTextFiles } from './write-reports.js'

/**
 * Writes what the repeated-block pass learned: `reports/corpus.json` (per site, its documents
 * and each learned block with its document frequency) and, for each site that learned blocks,
 * `learned-sites/<domain>.yaml`, a site pack a person can review and copy into config/sites.
 */
export async function writeLearnedFurniture(outDir: string, learned: readonly LearnedSite[]): Promise<FileInfo[]> {
  const report = {
    repeatedBlocks: learned.map((site) => ({
      site: site.site,
      documents: site.documents,
      tooFewDocuments: site.tooFewDocuments,
      droppedKeys: site.droppedKeys,
      blocks: site.blocks.map((b) => ({ text: b.sample, documents: b.documents, share: Math.round(b.share * 1000) / 1000 })),
    })),
  }
  await mkdir(join(outDir, 'reports'), { recursive: true })
  const written = await writeTextFiles(join(outDir, 'reports'), [['corpus.json', `${JSON.stringify(report, null, 2)}\n`]])
  const packs = learned.filter((site) => site.blocks.length > 0).map((site) => [`${site.site}.yaml`, sitePackFromLearned(site)] as const)
  if (packs.length === 0) return written
  await mkdir(join(outDir, 'learned-sites'), { recursive: true })
  return [...written, ...(await writeTextFiles(join(outDir, 'learned-sites'), packs))]
}
