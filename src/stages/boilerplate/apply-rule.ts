import type { Block, Document, DocumentIssue, DocumentMeta, MetaField, Removal } from '../../core/document.js'
import { withChanges } from '../../core/document.js'
import { siteHost } from '../../core/site-host.js'
import { toIsoDate } from '../metadata/parse-date.js'
import { blockWordCount, PROSE_MIN_WORDS } from './block-features.js'
import type { CompiledRule } from './compiled-rule.js'
import { excerpt } from './excerpt.js'
import type { DetectorMatch, Span } from './detectors/detector.js'

/** Options of the rule engine that are not part of any one rule. */
export interface RuleEngineOptions {
  /**
   * A `drop-from-here` rule (comment sections) fires only after this many characters of prose
   * (content blocks of at least `PROSE_MIN_WORDS` words), so that a marker in a page header or
   * a menu cannot wipe the article (the safety valve).
   */
  readonly minProseCharsBeforeDropFromHere: number
  /** Longest excerpt of removed text kept in provenance. */
  readonly excerptChars: number
}

const STAGE = 'boilerplate'

interface Hit {
  readonly blockIndex: number
  readonly match: DetectorMatch
}

/** Applies one compiled rule to a document and returns the new document with provenance. */
export function applyRule(rule: CompiledRule, doc: Document, options: RuleEngineOptions): Document {
  if (!ruleApplies(rule, doc)) return doc
  const hits = findHits(rule, doc)
  if (hits.length === 0) return doc
  switch (rule.spec.action) {
    case 'drop-block':
      return dropBlocks(rule, doc, hits, options)
    case 'drop-span':
      return dropSpans(rule, doc, hits, options)
    case 'move-to-meta':
      return moveToMeta(rule, doc, hits, options)
    case 'drop-from-here':
      return dropFromHere(rule, doc, hits, options)
  }
}

function ruleApplies(rule: CompiledRule, doc: Document): boolean {
  const { where, scope } = rule.spec
  if (where?.format !== undefined && where.format !== doc.source.format) return false
  if (rule.appliesTo !== undefined && !rule.appliesTo(doc)) return false
  if (scope === undefined) return true
  const host = siteHost(doc.source.url ?? doc.meta.canonicalUrl)
  const onSite = (site: string): boolean => host !== undefined && (host === site || host.endsWith(`.${site}`))
  if (scope.exceptSites?.some(onSite) === true) return false
  return scope.sites === undefined || scope.sites.some(onSite)
}

/** Runs the matcher over the content blocks the rule's `where` allows, then applies `minRun`. */
function findHits(rule: CompiledRule, doc: Document): Hit[] {
  const { where, minRun } = rule.spec
  const content = doc.blocks.filter((b) => b.label === 'content')
  const hits: (Hit & { position: number })[] = []
  content.forEach((block, position) => {
    if (where?.position !== undefined && !inPosition(position, content.length, where.position)) return
    if (where?.maxChars !== undefined && block.text.length > where.maxChars) return
    if (where?.maxWords !== undefined || where?.minWords !== undefined) {
      const words = blockWordCount(block)
      if (where.maxWords !== undefined && words > where.maxWords) return
      if (where.minWords !== undefined && words < where.minWords) return
    }
    const match = rule.match(block, { doc, contentPosition: position, contentCount: content.length })
    if (match !== null) hits.push({ blockIndex: block.index, match, position })
  })
  return minRun === undefined ? hits : keepRuns(hits, minRun)
}

function inPosition(position: number, count: number, range: { first?: number; last?: number }): boolean {
  const inFirst = range.first !== undefined && position < range.first
  const inLast = range.last !== undefined && position >= count - range.last
  return inFirst || inLast
}

/** Keeps only hits that stand in runs of at least `minRun` consecutive content blocks. */
function keepRuns(hits: readonly (Hit & { position: number })[], minRun: number): Hit[] {
  const kept: Hit[] = []
  let run: (Hit & { position: number })[] = []
  const flush = (): void => {
    if (run.length >= minRun) kept.push(...run)
    run = []
  }
  for (const hit of hits) {
    const last = run[run.length - 1]
    if (last !== undefined && hit.position !== last.position + 1) flush()
    run.push(hit)
  }
  flush()
  return kept
}

function decide(block: Block, label: Block['label'], rule: CompiledRule, reason: string, text = block.text): Block {
  return { ...block, text, label, decidedBy: { stage: STAGE, ruleId: rule.spec.id, reason } }
}

function removal(rule: CompiledRule, block: Block, removedText: string, scope: Removal['scope'], options: RuleEngineOptions): Removal {
  return {
    stage: STAGE,
    ruleId: rule.spec.id,
    blockIndex: block.index,
    chars: removedText.length,
    excerpt: excerpt(removedText, options.excerptChars),
    scope,
  }
}

/** Replaces each hit block by what `decideHit` makes of it, collecting the removals it reports. */
function rewriteHits(
  doc: Document,
  hits: readonly Hit[],
  decideHit: (block: Block, match: DetectorMatch) => { block: Block; removal: Removal },
): { blocks: Block[]; removals: Removal[] } {
  const byIndex = new Map(hits.map((h) => [h.blockIndex, h.match]))
  const removals: Removal[] = []
  const blocks = doc.blocks.map((block) => {
    const match = byIndex.get(block.index)
    if (!match) return block
    const result = decideHit(block, match)
    removals.push(result.removal)
    return result.block
  })
  return { blocks, removals: [...doc.removals, ...removals] }
}

function dropBlocks(rule: CompiledRule, doc: Document, hits: readonly Hit[], options: RuleEngineOptions): Document {
  return withChanges(
    doc,
    rewriteHits(doc, hits, (block, match) => ({
      block: decide(block, 'boilerplate', rule, match.reason),
      removal: removal(rule, block, block.text, 'block', options),
    })),
  )
}

/** Cuts spans out of a block; returns the remaining text with the seam closed up. */
function cutSpans(text: string, spans: readonly Span[]): string {
  let out = ''
  let at = 0
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue
    out = joinSeam(out, text.slice(at, span.start))
    at = span.end
  }
  return joinSeam(out, text.slice(at)).trim()
}

function joinSeam(left: string, right: string): string {
  if (left.length === 0) return right
  if (right.length === 0) return left
  const needsSpace = !/\s$/u.test(left) && !/^\s/u.test(right)
  return needsSpace ? `${left} ${right}` : left.replace(/\s+$/u, ' ') + right.replace(/^\s+/u, '')
}

/** True when what is left of a block after a cut is only punctuation or space. */
function isResidue(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text)
}

/**
 * Cuts a match's spans out of a block (the whole block when the match has none). What is left
 * stays content; when nothing but punctuation is left, the whole block takes `emptiedLabel`.
 */
function cutMatch(
  rule: CompiledRule,
  block: Block,
  match: DetectorMatch,
  emptiedLabel: 'boilerplate' | 'metadata',
  options: RuleEngineOptions,
): { block: Block; removal: Removal } {
  const spans = match.spans ?? [{ start: 0, end: block.text.length }]
  const left = cutSpans(block.text, spans)
  const emptiedScope = emptiedLabel === 'metadata' ? 'meta' : 'block'
  if (isResidue(left)) {
    return { block: decide(block, emptiedLabel, rule, match.reason), removal: removal(rule, block, block.text, emptiedScope, options) }
  }
  const cut = spans.map((s) => block.text.slice(s.start, s.end)).join(' … ')
  const partScope = emptiedLabel === 'metadata' ? 'meta' : 'span'
  return {
    block: decide(block, 'content', rule, match.reason, left),
    removal: { ...removal(rule, block, cut, partScope, options), chars: block.text.length - left.length },
  }
}

function dropSpans(rule: CompiledRule, doc: Document, hits: readonly Hit[], options: RuleEngineOptions): Document {
  return withChanges(doc, rewriteHits(doc, hits, (block, match) => cutMatch(rule, block, match, 'boilerplate', options)))
}

function moveToMeta(rule: CompiledRule, doc: Document, hits: readonly Hit[], options: RuleEngineOptions): Document {
  let meta: DocumentMeta = doc.meta
  const rewritten = rewriteHits(doc, hits, (block, match) => {
    meta = mergeMeta(meta, metaOf(rule, match, block))
    return cutMatch(rule, block, match, 'metadata', options)
  })
  return withChanges(doc, { ...rewritten, meta })
}

function metaOf(rule: CompiledRule, match: DetectorMatch, block: Block): DocumentMeta {
  const found: Partial<Record<MetaField, string>> = { ...match.meta }
  const field = rule.spec.field
  if (field !== undefined && found[field] === undefined) found[field] = block.text.trim()
  if (found.date !== undefined) {
    const iso = toIsoDate(found.date)
    if (iso === null) delete found.date
    else found.date = iso
  }
  return found
}

/** Fields that collect every value found (a page has many captions); others keep the first. */
const ACCUMULATING_FIELDS: ReadonlySet<MetaField> = new Set(['credit', 'attribution'])

/** Adds metadata without overwriting what an earlier rule or the page itself already said. */
function mergeMeta(meta: DocumentMeta, found: DocumentMeta): DocumentMeta {
  const merged: Partial<Record<MetaField, string>> = { ...meta }
  for (const [key, value] of Object.entries(found) as [MetaField, string][]) {
    if (value.length === 0) continue
    const existing = merged[key]
    if (existing === undefined) merged[key] = value
    else if (ACCUMULATING_FIELDS.has(key) && !existing.split(' | ').includes(value)) merged[key] = `${existing} | ${value}`
  }
  return merged
}

/**
 * Drops the first marked block and everything after it, once enough prose precedes the marker.
 * Prose before an HTML page's main content container (teasers, sidebars) does not count: a
 * "Posted by" line at the top of the article is a byline, not the start of a thread.
 */
function dropFromHere(rule: CompiledRule, doc: Document, hits: readonly Hit[], options: RuleEngineOptions): Document {
  let charsBefore = 0
  const hitIndexes = new Set(hits.map((h) => h.blockIndex))
  let startIndex: number | undefined
  let skipped: number | undefined
  for (const block of doc.blocks) {
    if (block.label !== 'content') continue
    if (hitIndexes.has(block.index)) {
      if (charsBefore >= options.minProseCharsBeforeDropFromHere) {
        startIndex = block.index
        break
      }
      skipped ??= block.index
    }
    if (blockWordCount(block) >= PROSE_MIN_WORDS && block.html?.mainContainer !== 'before') charsBefore += block.text.length
  }
  const issues: DocumentIssue[] = []
  if (skipped !== undefined) {
    issues.push({
      stage: STAGE,
      code: 'W_SAFETY_VALVE',
      severity: 'warning',
      message: `rule ${rule.spec.id} matched block ${skipped} with fewer than ${options.minProseCharsBeforeDropFromHere} characters of prose before it; kept the rest of the document`,
    })
  }
  if (startIndex === undefined) return issues.length > 0 ? withChanges(doc, { issues: [...doc.issues, ...issues] }) : doc
  const marker = hits.find((h) => h.blockIndex === startIndex)
  const removals: Removal[] = []
  const blocks = doc.blocks.map((block) => {
    if (block.index < (startIndex as number) || block.label !== 'content') return block
    removals.push(removal(rule, block, block.text, 'block', options))
    const reason = block.index === startIndex ? (marker?.match.reason ?? 'section marker') : `after the marker in block ${startIndex}`
    return decide(block, 'boilerplate', rule, reason)
  })
  return withChanges(doc, { blocks, removals: [...doc.removals, ...removals], issues: [...doc.issues, ...issues] })
}
