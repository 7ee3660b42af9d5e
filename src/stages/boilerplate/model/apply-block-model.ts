import type { Block, Document, DocumentIssue, Removal } from '../../../core/document.js'
import { withChanges } from '../../../core/document.js'
import { excerpt } from '../excerpt.js'
import { scoreBlocks, type BlockModel } from './block-model.js'
import type { Contribution } from './logistic-layer.js'

/** The rule id the block classifier's decisions carry in provenance. */
export const MODEL_RULE_ID = 'model/block-classifier'

/** A block scoring within this margin of the page's best block survives when the model would empty a page. */
const BEST_BLOCK_MARGIN = 0.1
const EXPLAINED_FEATURES = 3

/**
 * Applies the block classifier to the blocks the rules left as content: blocks scoring below the
 * format's threshold become boilerplate, each recorded with the model's rule id, its score and
 * the features that weighed most. If the model would empty the page, the best-scoring blocks
 * stay and the document is flagged `W_MODEL_KEPT_BEST`.
 */
export function applyBlockModel(model: BlockModel, doc: Document, excerptChars: number): Document {
  const content = doc.blocks.filter((b) => b.label === 'content')
  if (content.length === 0) return doc
  const formatModel = model.formats[doc.source.format]
  const scores = scoreBlocks(formatModel, doc.blocks)
  const threshold = formatModel.threshold
  let keep = new Set(content.filter((b) => (scores.probabilities[b.index] ?? 0) >= threshold).map((b) => b.index))
  const issues: DocumentIssue[] = []
  if (keep.size === 0) {
    const best = Math.max(...content.map((b) => scores.probabilities[b.index] ?? 0))
    keep = new Set(content.filter((b) => (scores.probabilities[b.index] ?? 0) >= best - BEST_BLOCK_MARGIN).map((b) => b.index))
    issues.push({
      stage: 'boilerplate',
      code: 'W_MODEL_KEPT_BEST',
      severity: 'warning',
      message: `the block classifier scored every block below ${threshold}; kept the ${keep.size} best-scoring`,
    })
  }
  const removals: Removal[] = []
  const blocks = doc.blocks.map((block): Block => {
    if (block.label !== 'content' || keep.has(block.index)) return block
    const p = scores.probabilities[block.index] ?? 0
    const reason = `p(content)=${p.toFixed(2)} < ${threshold}; ${describe(scores.explain(block.index))}`
    removals.push({
      stage: 'boilerplate',
      ruleId: MODEL_RULE_ID,
      blockIndex: block.index,
      chars: block.text.length,
      excerpt: excerpt(block.text, excerptChars),
      scope: 'block',
    })
    return { ...block, label: 'boilerplate', decidedBy: { stage: 'boilerplate', ruleId: MODEL_RULE_ID, reason } }
  })
  if (removals.length === 0 && issues.length === 0) return doc
  return withChanges(doc, { blocks, removals: [...doc.removals, ...removals], issues: [...doc.issues, ...issues] })
}

function describe(contributions: readonly Contribution[]): string {
  const strongest = contributions.filter((c) => c.weight < 0).slice(0, EXPLAINED_FEATURES)
  return `strongest: ${strongest.map((c) => `${c.feature}=${round(c.value)} (${c.weight.toFixed(2)})`).join(', ')}`
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2)
}
