import type { LoadedConfig } from '../config/load-config.js'
import { isRejected, type Document } from '../core/document.js'
import type { Stage } from '../core/stage.js'
import { readInputs } from '../readers/read-inputs.js'
import { readerOptionsOf } from '../readers/reader-options.js'
import { compileRule, type CompiledRule } from '../stages/boilerplate/compiled-rule.js'
import { createSegmentStage, segmentOptionsOf } from '../stages/segment/segment-stage.js'
import { addDocument, createBlockFrequency, type BlockFrequency } from './block-frequency.js'
import { learnRepeatedBlocks, type LearnedSite } from './learn-repeated-blocks.js'
import { LEARNED_RULE_PRIORITY } from './site-pack-from-learned.js'
import { FILES_GROUP, siteOf, type SiteGrouping } from './site-of.js'

/** The rule id every removal of a learned repeated block carries. */
export const REPEATED_BLOCK_RULE_ID = 'corpus/repeated-block'

/**
 * The first corpus pass over input paths: reads the inputs once more and learns from their
 * documents (see `learnSiteFurnitureFromDocuments`), so `decruft run` can learn before it cleans.
 */
export async function learnSiteFurniture(inputs: readonly string[], config: LoadedConfig): Promise<LearnedSite[]> {
  const batch = await readInputs(inputs, readerOptionsOf(config))
  return learnSiteFurnitureFromDocuments(batch.documents, config)
}

/**
 * Pass ①'s step for one document: unless it is rejected or, with `fileGrouping: none`, has no
 * URL, segments it (nothing else) and counts its distinct blocks under its site.
 */
export function addToSiteBlockSummary(summary: BlockFrequency, input: Document, segment: Stage, fileGrouping: 'folder' | 'single' | 'none'): void {
  if (isRejected(input)) return
  const site = siteOf(input, siteGroupingOf(fileGrouping))
  if (fileGrouping === 'none' && site.startsWith(FILES_GROUP)) return
  const doc = segment.run(input)
  if (isRejected(doc)) return
  addDocument(summary, site, doc.blocks.map((b) => b.text))
}

/**
 * The first corpus pass over documents from any source (input files, gold records): segments
 * each document (nothing else) and counts per site in how many documents each normalised block
 * appears, then learns the blocks above the configured share and count. A site is a URL host;
 * documents without a URL are grouped by `fileGrouping` (per folder, all in one, or left out).
 * Memory grows with the distinct blocks per site, not with the text read, since each document
 * is dropped once segmented.
 */
export async function learnSiteFurnitureFromDocuments(documents: AsyncIterable<Document> | Iterable<Document>, config: LoadedConfig): Promise<LearnedSite[]> {
  const options = config.pipeline.corpus.repeatedBlocks
  const segment = createSegmentStage(segmentOptionsOf(config))
  const summary = createBlockFrequency()
  for await (const input of documents) addToSiteBlockSummary(summary, input, segment, options.fileGrouping)
  return learnRepeatedBlocks(summary, { minShare: options.minShare, minDocuments: options.minDocuments, minSiteDocuments: options.minSiteDocuments })
}

/** The `siteOf` grouping for a `corpus.repeatedBlocks.fileGrouping` setting (`none` groups like `folder`, then is left out). */
export function siteGroupingOf(fileGrouping: 'folder' | 'single' | 'none'): SiteGrouping {
  return fileGrouping === 'single' ? 'single' : 'folder'
}

/**
 * One rule per site that learned blocks: the blocks as exact keywords with digits folded, after
 * every configured rule, with the rule id `corpus/repeated-block`. A host's rule is scoped to the
 * host as a site pack's would be; a group of files without URLs gets a condition on the group
 * (`fileGrouping` must be the setting the blocks were learned with).
 */
export function repeatedBlockRules(learned: readonly LearnedSite[], fileGrouping: 'folder' | 'single' | 'none' = 'folder'): CompiledRule[] {
  const grouping = siteGroupingOf(fileGrouping)
  return learned
    .filter((site) => site.blocks.length > 0)
    .map((site) => {
      const fileGroup = site.site.startsWith(FILES_GROUP)
      const rule = compileRule(
        {
          id: REPEATED_BLOCK_RULE_ID,
          description: `Blocks on at least the configured share of ${site.site}'s ${site.documents} documents in this batch.`,
          match: { keywords: site.blocks.map((b) => b.sample), mode: 'exact', foldDigits: true },
          action: 'drop-block',
          priority: LEARNED_RULE_PRIORITY,
          enabled: true,
          ...(fileGroup ? {} : { scope: { sites: [site.site] } }),
          examples: [],
        },
        '(learned from the batch)',
      )
      return fileGroup ? { ...rule, appliesTo: (doc: Document) => siteOf(doc, grouping) === site.site } : rule
    })
}

/** The configuration with the rules learned from the batch added after its own (or itself when nothing was learned). */
export function withLearnedRules(config: LoadedConfig, learned: readonly LearnedSite[] | undefined): LoadedConfig {
  if (learned === undefined) return config
  return { ...config, rules: [...config.rules, ...repeatedBlockRules(learned, config.pipeline.corpus.repeatedBlocks.fileGrouping)] }
}
