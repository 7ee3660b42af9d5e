import { Document, isScalar, isSeq } from 'yaml'
import { siteNameSchema } from '../config/rule-schema.js'
import type { LearnedSite } from './learn-repeated-blocks.js'

/** The id prefix of a learned rule; the rule of a site's pack is `corpus/repeated-blocks-<site, dots as dashes>`. */
export const LEARNED_RULE_ID_PREFIX = 'corpus/repeated-blocks'

/**
 * Priority of the learned rule: after every shipped rule (they run at 5–55, or 100 when they
 * give none), so move-to-meta rules take metadata lines and drop-from-here rules see the
 * markers that start comment sections before the learned rule drops what repeats.
 */
export const LEARNED_RULE_PRIORITY = 1000

/** The line of prose the pack's example puts after a learned block, which the rule must keep. */
const EXAMPLE_PROSE = 'This sentence stands for the text of an article, which the learned rule keeps.'

const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/u

/** Options of `sitePackFromLearned`. */
export interface SitePackFromLearnedOptions {
  /** The rule's id (default `corpus/repeated-blocks-<site with dashes for dots>`, unique per pack). */
  readonly ruleId?: string
  /** The rule's priority (default `LEARNED_RULE_PRIORITY`). */
  readonly priority?: number
  /** The thresholds the list was learned with, named in the header when given. */
  readonly learnedWith?: { readonly minShare: number; readonly minDocuments: number }
}

/**
 * Renders what one site learned as the YAML text of its site pack (`config/sites/<site>.yaml`)
 * for a person to review, keep, edit or discard: one rule of keywords in `mode: exact` with
 * `foldDigits: true` (so the numbers in a block, such as a basket total or a year, may differ),
 * one keyword per learned block (its sample text, with a comment giving its document count and
 * share and its key), and one example that `decruft rules test` runs: a line of prose, which must
 * be kept, then the first learned block that fits on a line, which must be removed (prose first,
 * since the headline rule takes a page's first line; a block spanning lines gets an HTML example). The header says it was learned, from how many
 * documents, and that it needs review; no date, so the same list renders the same text. The
 * rule id carries the site because rule ids must be unique across all packs. Throws when the
 * site is not a domain (groups of files without URL cannot have packs) or learned nothing.
 */
export function sitePackFromLearned(learned: LearnedSite, options: SitePackFromLearnedOptions = {}): string {
  const { site, blocks, documents } = learned
  if (!siteNameSchema.safeParse(site).success) throw new RangeError(`a site pack needs a domain such as example.org; "${site}" is not one (documents without a URL cannot have a pack)`)
  if (blocks.length === 0) throw new RangeError(`${site} learned no repeated blocks; there is no pack to write`)
  const ruleId = options.ruleId ?? `${LEARNED_RULE_ID_PREFIX}-${site.replace(/\./g, '-')}`
  const keywords = blocks.map((block) => (/[\p{L}\p{N}]/u.test(block.sample) ? block.sample : fallbackKeyword(block.sample)))
  const exampleIndex = Math.max(0, keywords.findIndex((k) => !LINE_BREAK.test(k)))
  const exampleBlock = keywords[exampleIndex] ?? ''
  const example = LINE_BREAK.test(exampleBlock)
    ? { html: `<html><body><p>${EXAMPLE_PROSE}</p>\n<p>${escapeHtml(exampleBlock)}</p></body></html>\n`, removes: [exampleBlock.replace(/\s+/g, ' ').trim()], keeps: [EXAMPLE_PROSE] }
    : { text: `${EXAMPLE_PROSE}\n${exampleBlock}\n`, removes: [exampleBlock], keeps: [EXAMPLE_PROSE] }
  const doc = new Document({
    site,
    description: `Blocks repeated on many pages of ${site}, learned from ${documents} documents; review before use.`,
    rules: [
      {
        id: ruleId,
        description: `Blocks that repeat on many of the ${documents} documents of ${site} the corpus pass learned from (menus, footers, notices).`,
        match: { mode: 'exact', foldDigits: true, keywords },
        action: 'drop-block',
        priority: options.priority ?? LEARNED_RULE_PRIORITY,
        examples: [example],
      },
    ],
  })
  const list = doc.getIn(['rules', 0, 'match', 'keywords'], true)
  if (!isSeq(list)) throw new Error('unreachable: keywords is a sequence')
  list.items.forEach((item, i) => {
    const block = blocks[i]
    if (!isScalar(item) || block === undefined) return
    item.type = 'QUOTE_DOUBLE'
    item.comment = ` ${block.documents} of ${documents} documents (${percent(block.share)}), key ${block.key}`
  })
  const thresholds = options.learnedWith
  const header = [
    'yaml-language-server: $schema=../../schemas/site-pack.schema.json',
    '',
    `Learned by the corpus pass (repeated blocks) from ${documents} documents of ${site}: each keyword`,
    'below is a block that appeared, numbers aside, on the number of documents its comment gives',
    ...(thresholds ? [`(at least ${percent(thresholds.minShare)} of them and at least ${thresholds.minDocuments}).`] : ['(above the share and count the pass was given).']),
    'REVIEW BEFORE USE: delete every keyword that is article text rather than furniture, or discard',
    'the whole file. Check it with: decruft rules test    and preview it: decruft preview',
  ]
  return `${header.map((line) => (line.length > 0 ? `# ${line}` : '#')).join('\n')}\n${doc.toString({ lineWidth: 0 })}`
}

/** A keyword for a sample without letters or digits before NFKC (such as "㎏"): its NFKC form. */
function fallbackKeyword(sample: string): string {
  return sample.normalize('NFKC')
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
