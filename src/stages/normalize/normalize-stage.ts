import type { Block, Document, DocumentIssue, DocumentMeta, Edit, MetaField, Removal } from '../../core/document.js'
import { isRejected, withChanges } from '../../core/document.js'
import type { Stage } from '../../core/stage.js'
import {
  asciiDashes,
  collapseDoubledQuotes,
  collapseWhitespace,
  composeNfc,
  decodeEntities,
  removeInvisibles,
  repairMojibake,
  straightenQuotes,
  type TextNormalizer,
} from './text-normalizers.js'

/** The normalization policy, from `normalize:` in the pipeline config. */
export interface NormalizeOptions {
  readonly quotes: 'keep' | 'straight'
  readonly dashes: 'keep' | 'ascii'
  readonly repairMojibake: boolean
}

const STAGE = 'normalize'

/**
 * The normalize stage: fixes text in place, block by block, in a fixed order (entities,
 * mojibake, invisibles, NFC, doubled quotes, quote and dash policy, whitespace). Each fix is an
 * edit with its rule id and the characters it changed, so the stage's character accounting adds up.
 */
export function createNormalizeStage(options: NormalizeOptions): Stage {
  // A page's text and metadata were decoded once by the HTML parser; decoding again would
  // turn a literal "&amp;lt;" on the page into "<".
  const allSteps = buildSteps(options)
  const stepsFor = {
    text: allSteps,
    html: allSteps.filter((s) => s !== decodeEntities),
  }
  const metaStepsFor = {
    text: stepsFor.text.filter((s) => s !== collapseDoubledQuotes),
    html: stepsFor.html.filter((s) => s !== collapseDoubledQuotes),
  }
  return {
    name: STAGE,
    run(doc: Document): Document {
      if (isRejected(doc)) return doc
      const tally = new Map<string, { count: number; charsDelta: number }>()
      const removals: Removal[] = []
      const activeSteps = stepsFor[doc.source.format]
      const metaSteps = metaStepsFor[doc.source.format]
      const blocks = doc.blocks.map((block): Block => {
        if (block.label !== 'content') return block
        const text = runSteps(block.text, activeSteps, tally)
        if (text === block.text) return block
        if (text.length === 0) {
          removals.push({ stage: STAGE, ruleId: 'normalize/empty-block', blockIndex: block.index, chars: 0, excerpt: '', scope: 'block' })
          return { ...block, text, label: 'boilerplate', decidedBy: { stage: STAGE, ruleId: 'normalize/empty-block', reason: 'nothing left after normalization' } }
        }
        return { ...block, text }
      })
      const edits: Edit[] = [...tally.entries()]
        .filter(([, t]) => t.count > 0)
        .map(([ruleId, t]) => ({ stage: STAGE, ruleId, count: t.count, charsDelta: t.charsDelta }))
      const issues: DocumentIssue[] = []
      const control = tally.get(removeInvisibles.ruleId)
      if (control && control.count > 0) {
        issues.push({ stage: STAGE, code: 'W_CONTROL_CHARS', severity: 'warning', message: `removed ${control.count} control or invisible characters` })
      }
      const mojibake = tally.get(repairMojibake.ruleId)
      if (mojibake && mojibake.count > 0) {
        issues.push({ stage: STAGE, code: 'W_MOJIBAKE_SUSPECTED', severity: 'warning', message: `repaired ${mojibake.count} characters of UTF-8 that had been read as latin-1 or windows-1252` })
      }
      return withChanges(doc, {
        blocks,
        meta: normalizeMeta(doc.meta, metaSteps),
        edits: [...doc.edits, ...edits],
        removals: [...doc.removals, ...removals],
        issues: [...doc.issues, ...issues],
      })
    },
  }
}

function buildSteps(options: NormalizeOptions): TextNormalizer[] {
  const steps: TextNormalizer[] = [decodeEntities]
  if (options.repairMojibake) steps.push(repairMojibake)
  steps.push(removeInvisibles, composeNfc, collapseDoubledQuotes)
  if (options.quotes === 'straight') steps.push(straightenQuotes)
  if (options.dashes === 'ascii') steps.push(asciiDashes)
  steps.push(collapseWhitespace)
  return steps
}

function runSteps(text: string, steps: readonly TextNormalizer[], tally?: Map<string, { count: number; charsDelta: number }>): string {
  let current = text
  for (const step of steps) {
    const result = step.apply(current)
    if (tally && result.count > 0) {
      const entry = tally.get(step.ruleId) ?? { count: 0, charsDelta: 0 }
      entry.count += result.count
      entry.charsDelta += current.length - result.text.length
      tally.set(step.ruleId, entry)
    }
    current = result.text
  }
  return current
}

function normalizeMeta(meta: DocumentMeta, steps: readonly TextNormalizer[]): DocumentMeta {
  const out: Partial<Record<MetaField, string>> = {}
  for (const [key, value] of Object.entries(meta) as [MetaField, string][]) {
    const normalized = runSteps(value, steps)
    if (normalized.length > 0) out[key] = normalized
  }
  return out
}
