import type { LoadedConfig } from '../config/load-config.js'
import { isRejected, type Document } from '../core/document.js'
import { readInputs } from '../readers/read-inputs.js'
import { compileRule, type CompiledRule } from '../stages/boilerplate/compiled-rule.js'
import { createSegmentStage, selectorRulesOf } from '../stages/segment/segment-stage.js'
import { addDocument, createBlockFrequency } from './block-frequency.js'
import { learnRepeatedBlocks, type LearnedSite } from './learn-repeated-blocks.js'
import { LEARNED_RULE_PRIORITY } from './site-pack-from-learned.js'
import { FILES_GROUP, siteOf } from './site-of.js'

/** The rule id every removal of a learned repeated block carries. */
export const REPEATED_BLOCK_RULE_ID = 'corpus/repeated-block'

/**
 * The first corpus pass over input paths: reads the inputs once more and learns from their
 * documents (see `learnSiteFurnitureFromDocuments`), so `decruft run` can learn before it cleans.
 */
export async function learnSiteFurniture(inputs: readonly string[], config: LoadedConfig): Promise<LearnedSite[]> {
  const batch = await readInputs(inputs, { maxDocumentBytes: config.pipeline.limits.maxDocumentBytes })
  return learnSiteFurnitureFromDocuments(batch.documents, config)
}

/**
 * The first corpus pass over documents from any source (input files, gold records): segments
 * each document (nothing else) and counts per site in how many documents each normalised block
 * appears, then learns the blocks above the configured share and count. Only documents with a
 * URL take part (a site is a URL host); memory grows with the distinct blocks per site, not
 * with the text read, since each document is dropped once segmented.
 */
export async function learnSiteFurnitureFromDocuments(documents: AsyncIterable<Document> | Iterable<Document>, config: LoadedConfig): Promise<LearnedSite[]> {
  const options = config.pipeline.corpus.repeatedBlocks
  const segment = createSegmentStage({ selectors: selectorRulesOf(config.rules) })
  const summary = createBlockFrequency()
  for await (const input of documents) {
    if (input.source.url === undefined || isRejected(input)) continue
    const site = siteOf(input)
    if (site.startsWith(FILES_GROUP)) continue
    const doc = segment.run(input)
    if (isRejected(doc)) continue
    addDocument(summary, site, doc.blocks.map((b) => b.text))
  }
  return learnRepeatedBlocks(summary, { minShare: options.minShare, minDocuments: options.minDocuments, minSiteDocuments: options.minSiteDocuments })
}

/**
 * One rule per site that learned blocks: the blocks as exact keywords with digits folded, scoped
 * to the site, after every configured rule, with the rule id `corpus/repeated-block`.
 */
export function repeatedBlockRules(learned: readonly LearnedSite[]): CompiledRule[] {
  return learned
    .filter((site) => site.blocks.length > 0)
    .map((site) =>
      compileRule(
        {
          id: REPEATED_BLOCK_RULE_ID,
          description: `Blocks on at least the configured share of ${site.site}'s ${site.documents} documents in this batch.`,
          match: { keywords: site.blocks.map((b) => b.sample), mode: 'exact', foldDigits: true },
          action: 'drop-block',
          priority: LEARNED_RULE_PRIORITY,
          enabled: true,
          scope: { sites: [site.site] },
          examples: [],
        },
        '(learned from the batch)',
      ),
    )
}
