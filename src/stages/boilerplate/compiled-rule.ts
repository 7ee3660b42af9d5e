import { RE2JS } from 're2js'
import type { RuleSpec } from '../../config/rule-schema.js'
import type { Block, Document, DocumentMeta, MetaField } from '../../core/document.js'
import { cssSelectorProblem } from '../segment/css-selector-check.js'
import { blockFoldedText, endsWithSentencePunctuation, foldForMatch } from './block-features.js'
import { DETECTORS } from './detectors/detector-registry.js'
import type { DetectorContext, DetectorMatch } from './detectors/detector.js'

/** A rule ready to run: its spec, the file it came from, and a matcher built once. */
export interface CompiledRule {
  readonly spec: RuleSpec
  /** The rule file, for messages that name where a rule lives. */
  readonly file: string
  readonly match: (block: Block, ctx: DetectorContext) => DetectorMatch | null
  /**
   * A further condition on the document, for rules the corpus passes build from the batch
   * (such as a folder of files without URLs), which a YAML scope cannot name.
   */
  readonly appliesTo?: (doc: Document) => boolean
}

/** Raised when a rule cannot be compiled; the config loader turns it into a config problem. */
export class RuleCompileError extends Error {}

const META_FIELDS: ReadonlySet<string> = new Set<MetaField>([
  'title', 'date', 'author', 'site', 'dateline', 'place', 'agency', 'credit', 'attribution',
])

/** Compiles a validated rule: patterns through RE2 (linear time, so no rule can hang a run). */
export function compileRule(spec: RuleSpec, file: string): CompiledRule {
  return { spec, file, match: buildMatcher(spec) }
}

function buildMatcher(spec: RuleSpec): CompiledRule['match'] {
  const m = spec.match
  if (m.pattern !== undefined) return patternMatcher(spec, m.pattern, m.caseInsensitive ?? false)
  if (m.keywords !== undefined) return keywordMatcher(m.keywords, m.mode ?? 'exact', m.foldDigits ?? false)
  if (m.detector !== undefined) return DETECTORS[m.detector]
  if (m.features !== undefined) return featureMatcher(m.features)
  if (m.selector !== undefined) return selectorMatcher(spec.id, m.selector)
  throw new RuleCompileError('no matcher')
}

/**
 * Selector rules are evaluated on the DOM by the segment stage, which lists on each HTML block
 * the selector rules whose elements contain it; the matcher reads that list.
 */
function selectorMatcher(ruleId: string, selector: string): CompiledRule['match'] {
  const problem = cssSelectorProblem(selector)
  if (problem !== null) throw new RuleCompileError(`selector ${JSON.stringify(selector)}: ${problem}`)
  const reason = `inside an element matching ${JSON.stringify(truncate(selector, 60))}`
  return (block) => (block.html?.selectors?.includes(ruleId) === true ? { reason } : null)
}

function compilePattern(pattern: string, caseInsensitive: boolean): RE2JS {
  try {
    return RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new RuleCompileError(`pattern cannot be compiled by the linear-time engine (RE2 syntax): ${reason}`)
  }
}

function patternMatcher(spec: RuleSpec, pattern: string, caseInsensitive: boolean): CompiledRule['match'] {
  const re = compilePattern(pattern, caseInsensitive)
  const groups = Object.keys(re.namedGroups())
  const unknown = groups.filter((g) => !META_FIELDS.has(g))
  if (spec.action === 'move-to-meta' && unknown.length > 0) {
    throw new RuleCompileError(`named groups must be metadata fields (${[...META_FIELDS].join(', ')}); got ${unknown.join(', ')}`)
  }
  const allMatches = spec.action === 'drop-span'
  return (block) => {
    const matcher = re.matcher(block.text)
    const spans: { start: number; end: number }[] = []
    let meta: DocumentMeta | undefined
    while (matcher.find()) {
      const start = matcher.start()
      const end = matcher.end()
      if (end === start) break
      spans.push({ start, end })
      if (meta === undefined) meta = metaFromGroups(groups, (g) => matcher.group(g), spec, block.text.slice(start, end))
      if (!allMatches) break
    }
    if (spans.length === 0) return null
    return { spans, ...(meta ? { meta } : {}), reason: `matches /${truncate(pattern, 60)}/` }
  }
}

function metaFromGroups(
  groups: readonly string[],
  group: (name: string) => string | null,
  spec: RuleSpec,
  whole: string,
): DocumentMeta | undefined {
  if (spec.action !== 'move-to-meta') return undefined
  const meta: Partial<Record<MetaField, string>> = {}
  for (const name of groups) {
    const value = group(name)?.trim()
    if (value) meta[name as MetaField] = value
  }
  if (spec.field !== undefined && meta[spec.field] === undefined) {
    meta[spec.field] = trimSeparators(whole)
  }
  return meta
}

/** Strips separators a metadata line carries around its value ("Photo: AFP –" → "Photo: AFP"). */
export function trimSeparators(text: string): string {
  return text.replace(/^[\s|–—\-:;,•·]+|[\s|–—\-:;,•·]+$/gu, '')
}

/**
 * Folds the numbers of text already folded by `foldForMatch` to "0": every run of digits
 * becomes "0", and a number written in groups ("3 048", "1 234 50", from "3,048" and
 * "1.234,50") becomes one "0", so "3,048 $" and "0 $" fold alike. For keyword rules with
 * `foldDigits: true` and the corpus pass's repeated-block keys, which must agree.
 */
export function foldDigitRuns(folded: string): string {
  return folded.replace(/\p{N}+/gu, '0').replace(/(?<![^ ])0(?: 0)+(?![^ ])/gu, '0')
}

/** `foldDigitRuns(foldForMatch(text))` of a block's text, computed once per block. */
const blockDigitFoldedText = (() => {
  const cache = new WeakMap<Block, string>()
  return (block: Block): string => {
    let text = cache.get(block)
    if (text === undefined) cache.set(block, (text = foldDigitRuns(blockFoldedText(block))))
    return text
  }
})()

function keywordMatcher(keywords: readonly string[], mode: 'exact' | 'prefix' | 'suffix' | 'contains', foldDigits: boolean): CompiledRule['match'] {
  const fold = foldDigits ? (k: string): string => foldDigitRuns(foldForMatch(k)) : foldForMatch
  const folded = keywords.map(fold).filter((k) => k.length > 0)
  const exact = new Set(folded)
  const foldedText = foldDigits ? blockDigitFoldedText : blockFoldedText
  return (block) => {
    const text = foldedText(block)
    if (text.length === 0) return null
    let hit: string | undefined
    if (mode === 'exact') hit = exact.has(text) ? text : undefined
    else if (mode === 'prefix') hit = folded.find((k) => text === k || text.startsWith(k + ' '))
    else if (mode === 'suffix') hit = folded.find((k) => text === k || text.endsWith(' ' + k))
    else hit = folded.find((k) => ` ${text} `.includes(` ${k} `))
    return hit === undefined ? null : { reason: `${mode} keyword "${hit}"` }
  }
}

function featureMatcher(features: NonNullable<RuleSpec['match']['features']>): CompiledRule['match'] {
  const tags = features.tags ? new Set(features.tags.map((t) => t.toLowerCase())) : undefined
  const tokens = features.tokens?.map((t) => t.toLowerCase())
  const inside = features.inside?.map((t) => t.toLowerCase())
  return (block) => {
    const html = block.html
    const reasons: string[] = []
    if (tags) {
      if (!html || !tags.has(html.tag)) return null
      reasons.push(`tag ${html.tag}`)
    }
    if (inside) {
      const hit = html?.inside.find((t) => inside.includes(t))
      if (hit === undefined) return null
      reasons.push(`inside <${hit}>`)
    }
    if (tokens) {
      const hit = html?.tokens.find((t) => tokens.includes(t))
      if (hit === undefined) return null
      reasons.push(`class/id token "${hit}"`)
    }
    if (features.minLinkDensity !== undefined) {
      if (!html || html.linkDensity < features.minLinkDensity) return null
      reasons.push(`link density ${html.linkDensity.toFixed(2)}`)
    }
    if (features.endsWithSentencePunctuation !== undefined) {
      const ends = endsWithSentencePunctuation(block.text)
      if (ends !== features.endsWithSentencePunctuation) return null
      reasons.push(ends ? 'ends like a sentence' : 'does not end like a sentence')
    }
    if (features.outsideMainContainer !== undefined) {
      const place = html?.mainContainer ?? 'none'
      const outside = place !== 'inside'
      if (!html || outside !== features.outsideMainContainer) return null
      reasons.push(outside ? 'outside the main content container' : 'inside the main content container')
    }
    return { reason: reasons.join(', ') }
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
