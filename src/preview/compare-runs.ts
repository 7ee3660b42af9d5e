import { contentChars, documentText, isRejected, type Block, type BlockLabel, type Document } from '../core/document.js'
import { excerpt } from '../stages/boilerplate/excerpt.js'
import { alignBlocks, type BlockAlignment } from './align-blocks.js'
import { pickExamples } from './pick-examples.js'
import { removedCharsByRule, type RuleCharRow } from './removed-chars-by-rule.js'

/** One sampled document as the current rules and as the proposed rules processed it. */
export interface RunPair {
  readonly current: Document
  readonly proposed: Document
}

/** What `compareRuns` may be told. */
export interface CompareRunsOptions {
  /** How many example blocks to keep of each kind (newly removed, newly kept). Default 5. */
  readonly examples?: number
  /** Rule ids that get a row in the per-rule table even when neither run removed anything with them. */
  readonly listedRuleIds?: readonly string[]
}

/** Default number of example blocks of each kind. */
export const DEFAULT_EXAMPLES = 5

/** How much of a block's text an example keeps. */
export const EXAMPLE_TEXT_CHARS = 200

/** One block that one run keeps and the other does not, with the decision of the run that removes it. */
export interface BlockChange {
  readonly documentId: string
  /** The input file, with `:line` for JSONL records. */
  readonly source: string
  readonly blockIndex: number
  /** The label the removing run gave the block: `boilerplate`, or `metadata` when it was moved there. */
  readonly label: BlockLabel
  /** The rule (or `model/block-classifier`) that removes it: the proposed one for newly removed blocks, the current one for newly kept. */
  readonly ruleId: string | null
  readonly reason: string | null
  /** The start of the block's text as the keeping run has it. */
  readonly text: string
}

/** One document in which the two runs decided anything differently. */
export interface DocumentChange {
  readonly id: string
  readonly source: string
  /** The output differs: text, kept blocks, metadata blocks or whether the document is rejected. */
  readonly outputChanged: boolean
  readonly textDiffers: boolean
  readonly newlyRemoved: number
  readonly newlyKept: number
  /** Blocks both runs remove, but by a different rule or into a different label. */
  readonly reattributed: number
  /** The rejection code of each run, or null when that run keeps the document. */
  readonly rejected: { readonly current: string | null; readonly proposed: string | null }
  readonly charsKept: { readonly current: number; readonly proposed: number }
  readonly alignment: BlockAlignment['by']
  /** Present when blocks could not be paired by index. */
  readonly note?: string
}

/** Everything a preview reports about how the proposed rules change the sample. */
export interface RunComparison {
  readonly documents: number
  /** Documents whose output changes (see `DocumentChange.outputChanged`). */
  readonly affected: number
  readonly textChanged: number
  readonly newlyRejected: number
  readonly noLongerRejected: number
  readonly blocks: { readonly compared: number; readonly newlyRemoved: number; readonly newlyKept: number; readonly reattributed: number }
  readonly charsKept: { readonly current: number; readonly proposed: number }
  /** Characters removed per rule id, current vs proposed, sorted by |delta|. */
  readonly rules: readonly RuleCharRow[]
  /** Up to `examples` blocks of each kind, spread over the rules that decided them. */
  readonly examples: { readonly newlyRemoved: readonly BlockChange[]; readonly newlyKept: readonly BlockChange[] }
  /** Every document with a difference, in input order. */
  readonly changedDocuments: readonly DocumentChange[]
}

/**
 * Compares two runs over the same documents, block by block: a block is newly removed when the
 * current run keeps it (label `content`) and the proposed run does not, newly kept for the
 * reverse. Counts documents whose output text differs and documents rejected by only one side,
 * and tallies the characters each rule removed in each run. Pure: the caller runs the pipelines.
 */
export function compareRuns(pairs: readonly RunPair[], options: CompareRunsOptions = {}): RunComparison {
  const newlyRemoved: BlockChange[] = []
  const newlyKept: BlockChange[] = []
  const changedDocuments: DocumentChange[] = []
  let compared = 0
  let reattributed = 0
  const charsKept = { current: 0, proposed: 0 }
  for (const pair of pairs) {
    const found = compareDocument(pair)
    compared += found.compared
    reattributed += found.change.reattributed
    newlyRemoved.push(...found.newlyRemoved)
    newlyKept.push(...found.newlyKept)
    charsKept.current += found.change.charsKept.current
    charsKept.proposed += found.change.charsKept.proposed
    if (found.changed) changedDocuments.push(found.change)
  }
  const limit = options.examples ?? DEFAULT_EXAMPLES
  const byRule = (change: BlockChange) => change.ruleId ?? ''
  return {
    documents: pairs.length,
    affected: changedDocuments.filter((d) => d.outputChanged).length,
    textChanged: changedDocuments.filter((d) => d.textDiffers).length,
    newlyRejected: changedDocuments.filter((d) => d.rejected.current === null && d.rejected.proposed !== null).length,
    noLongerRejected: changedDocuments.filter((d) => d.rejected.current !== null && d.rejected.proposed === null).length,
    blocks: { compared, newlyRemoved: newlyRemoved.length, newlyKept: newlyKept.length, reattributed },
    charsKept,
    rules: removedCharsByRule(pairs, options.listedRuleIds),
    examples: { newlyRemoved: pickExamples(acrossDocuments(newlyRemoved), limit, byRule), newlyKept: pickExamples(acrossDocuments(newlyKept), limit, byRule) },
    changedDocuments,
  }
}

/**
 * Reorders block changes so that each rule's first change in every document comes before any
 * rule's second change in a document (stable otherwise): examples then show different pages.
 */
function acrossDocuments(changes: readonly BlockChange[]): BlockChange[] {
  const seen = new Map<string, number>()
  const ranked = changes.map((change, order) => {
    const key = `${change.ruleId ?? ''}\u0000${change.documentId}\u0000${change.source}`
    const rank = seen.get(key) ?? 0
    seen.set(key, rank + 1)
    return { change, rank, order }
  })
  return ranked.sort((a, b) => a.rank - b.rank || a.order - b.order).map(({ change }) => change)
}

/** What one document contributes to the comparison. */
interface DocumentFindings {
  readonly change: DocumentChange
  /** True when anything differs, output or attribution. */
  readonly changed: boolean
  readonly compared: number
  readonly newlyRemoved: readonly BlockChange[]
  readonly newlyKept: readonly BlockChange[]
}

function compareDocument({ current, proposed }: RunPair): DocumentFindings {
  const alignment = alignBlocks(current.blocks, proposed.blocks)
  const source = describeSource(current)
  const change = (block: Block, decidedBy: Block, text: string): BlockChange => ({
    documentId: current.id,
    source,
    blockIndex: block.index,
    label: decidedBy.label,
    ruleId: decidedBy.decidedBy?.ruleId ?? null,
    reason: decidedBy.decidedBy?.reason ?? null,
    text: excerpt(text, EXAMPLE_TEXT_CHARS),
  })
  const newlyRemoved: BlockChange[] = []
  const newlyKept: BlockChange[] = []
  let reattributed = 0
  let unpaired = 0
  let compared = 0
  for (const { current: before, proposed: after } of alignment.blocks) {
    if (before === undefined || after === undefined) {
      unpaired++
      continue
    }
    compared++
    const keptBefore = before.label === 'content'
    const keptAfter = after.label === 'content'
    if (keptBefore && !keptAfter) newlyRemoved.push(change(before, after, before.text))
    else if (!keptBefore && keptAfter) newlyKept.push(change(after, before, after.text))
    else if (!keptBefore && !keptAfter && (before.label !== after.label || before.decidedBy?.ruleId !== after.decidedBy?.ruleId)) reattributed++
  }
  const rejected = { current: rejectionCode(current), proposed: rejectionCode(proposed) }
  const textDiffers = outputText(current) !== outputText(proposed)
  const outputChanged = textDiffers || newlyRemoved.length > 0 || newlyKept.length > 0 || (rejected.current === null) !== (rejected.proposed === null)
  const note =
    alignment.by === 'index'
      ? undefined
      : `block counts differ (current ${current.blocks.length}, proposed ${proposed.blocks.length}): compared by ${alignment.by === 'offset' ? 'text position' : 'order'}${unpaired > 0 ? `, ${unpaired} block(s) on one side only` : ''}`
  return {
    changed: outputChanged || reattributed > 0 || note !== undefined,
    compared,
    newlyRemoved,
    newlyKept,
    change: {
      id: current.id,
      source,
      outputChanged,
      textDiffers,
      newlyRemoved: newlyRemoved.length,
      newlyKept: newlyKept.length,
      reattributed,
      rejected,
      charsKept: { current: outputChars(current), proposed: outputChars(proposed) },
      alignment: alignment.by,
      ...(note !== undefined ? { note } : {}),
    },
  }
}

/** The text the dataset would get, or null when the document is rejected. */
function outputText(doc: Document): string | null {
  return isRejected(doc) ? null : documentText(doc)
}

/** Characters the dataset would get: the content blocks, or 0 when the document is rejected. */
function outputChars(doc: Document): number {
  return isRejected(doc) ? 0 : contentChars(doc)
}

/** Why a document is rejected (its drop code or first error code), or null when it is kept. */
function rejectionCode(doc: Document): string | null {
  if (!isRejected(doc)) return null
  return doc.dropped?.code ?? doc.issues.find((issue) => issue.severity === 'error')?.code ?? 'rejected'
}

function describeSource(doc: Document): string {
  const file = doc.source.file ?? ''
  return doc.source.line !== undefined ? `${file}:${doc.source.line}` : file
}
