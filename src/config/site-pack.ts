import { basename } from 'node:path'
import { z } from 'zod'
import type { ConfigProblem } from '../core/errors.js'
import { compileRule, RuleCompileError, type CompiledRule } from '../stages/boilerplate/compiled-rule.js'
import { lineField, readYamlFile } from './read-yaml-file.js'
import { ruleSchema, siteNameSchema, type RuleSpec } from './rule-schema.js'
import { ruleLabel } from './rule-label.js'

/** Fields of a default rule that a site pack's `override` may replace. */
const overrideSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().optional(),
    match: z.unknown().optional(),
    where: z.unknown().optional(),
    minRun: z.unknown().optional(),
    action: z.unknown().optional(),
    field: z.unknown().optional(),
    priority: z.unknown().optional(),
    enabled: z.unknown().optional(),
    examples: z.unknown().optional(),
  })
  .strict()

/**
 * A site pack, `config/sites/<domain>.yaml`: rules that apply to one site only. `rules` adds
 * rules (scoped to the site), `override` replaces fields of default rules on this site, and
 * `disable` switches default rules off on this site. Everything else keeps the default rules.
 */
export const sitePackSchema = z
  .object({
    /** Optional; when given it must equal the file name without `.yaml`. */
    site: siteNameSchema.optional(),
    description: z.string().optional(),
    rules: z.array(z.unknown()).default([]),
    override: z.array(overrideSchema).default([]),
    disable: z.array(z.string().min(1)).default([]),
  })
  .strict()

/** The id a default rule's override gets on one site: `navigation/link-list@example.org`. */
export function overrideRuleId(ruleId: string, site: string): string {
  return `${ruleId}@${site}`
}

/** A site pack file name's site: `example.org.yaml` → `example.org`. */
export function siteOfPackFile(file: string): string {
  return basename(file).replace(/\.ya?ml$/i, '').toLowerCase()
}

/**
 * Applies site packs to the default rules: adds each pack's rules scoped to its site, adds an
 * override rule per overridden default (scoped to the site, id `<id>@<site>`), and excludes
 * the site from every default rule a pack disables or overrides. Problems name the pack file,
 * the rule and the field; the returned list is the whole rule set.
 */
export function applySitePacks(defaults: readonly CompiledRule[], packFiles: readonly string[], problems: ConfigProblem[]): CompiledRule[] {
  const byId = new Map(defaults.map((rule) => [rule.spec.id, rule]))
  const exceptions = new Map<string, string[]>()
  const added: CompiledRule[] = []
  const except = (ruleId: string, site: string): void => {
    const sites = exceptions.get(ruleId) ?? []
    if (!sites.includes(site)) sites.push(site)
    exceptions.set(ruleId, sites)
  }
  for (const file of packFiles) {
    const site = siteOfPackFile(file)
    if (!siteNameSchema.safeParse(site).success) {
      problems.push({ file, message: `a site pack is named after its site, e.g. example.org.yaml; "${site}" is not a domain` })
      continue
    }
    const read = readYamlFile(file)
    if ('problem' in read) {
      problems.push(read.problem)
      continue
    }
    const parsed = sitePackSchema.safeParse(read.data)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file, ...lineField(read.lineOf(issue.path)), where: issue.path.join('.') || undefined, message: issue.message })
      continue
    }
    const at = (...path: PropertyKey[]): { line?: number } => lineField(read.lineOf(path))
    const pack = parsed.data
    if (pack.site !== undefined && pack.site !== site) {
      problems.push({ file, ...at('site'), where: 'site', message: `expected ${site} (the file name), got ${pack.site}` })
      continue
    }
    const unknown = (ruleId: string, where: string, path: PropertyKey[]): boolean => {
      if (byId.has(ruleId)) return false
      problems.push({ file, ...at(...path), where, message: `no default rule has the id ${ruleId}` })
      return true
    }
    pack.disable.forEach((ruleId, i) => {
      if (!unknown(ruleId, `disable ${ruleId}`, ['disable', i])) except(ruleId, site)
    })
    pack.override.forEach((entry, i) => {
      const base = byId.get(entry.id)
      if (unknown(entry.id, `override ${entry.id}`, ['override', i]) || base === undefined) return
      const merged = { ...base.spec, examples: [], ...withoutUndefined(entry), scope: undefined }
      const label = `override ${entry.id}`
      const spec = parseRule(merged, label, file, problems, (path) => at('override', i, ...path))
      if (spec === undefined) return
      const rule = compileInto({ ...spec, id: overrideRuleId(entry.id, site), scope: { sites: [site] }, examples: onSite(spec.examples, site) }, file, label, problems, at('override', i))
      if (rule === undefined) return
      added.push(rule)
      except(entry.id, site)
    })
    pack.rules.forEach((raw, position) => {
      const label = ruleLabel(raw, position)
      if (raw !== null && typeof raw === 'object' && 'scope' in raw) {
        problems.push({ file, ...at('rules', position, 'scope'), where: `${label}.scope`, message: `rules in a site pack apply to ${site} only; remove scope` })
        return
      }
      const spec = parseRule(raw, label, file, problems, (path) => at('rules', position, ...path))
      if (spec === undefined) return
      const rule = compileInto({ ...spec, scope: { sites: [site] }, examples: onSite(spec.examples, site) }, file, label, problems, at('rules', position))
      if (rule !== undefined) added.push(rule)
    })
  }
  const scopedDefaults = defaults.map((rule) => {
    const sites = exceptions.get(rule.spec.id)
    if (sites === undefined) return rule
    const scope = { ...rule.spec.scope, exceptSites: [...(rule.spec.scope?.exceptSites ?? []), ...sites].sort() }
    return compileRule({ ...rule.spec, scope }, rule.file)
  })
  return [...scopedDefaults, ...added]
}

function parseRule(raw: unknown, label: string, file: string, problems: ConfigProblem[], at: (path: PropertyKey[]) => { line?: number }): RuleSpec | undefined {
  const parsed = ruleSchema.safeParse(raw)
  if (parsed.success) return parsed.data as RuleSpec
  for (const issue of parsed.error.issues) problems.push({ file, ...at(issue.path), where: [label, ...issue.path].join('.'), message: issue.message })
  return undefined
}

function compileInto(spec: RuleSpec, file: string, label: string, problems: ConfigProblem[], line: { line?: number }): CompiledRule | undefined {
  try {
    return compileRule(spec, file)
  } catch (error) {
    if (!(error instanceof RuleCompileError)) throw error
    problems.push({ file, ...line, where: label, message: error.message })
    return undefined
  }
}

/** A pack's examples run as pages of its site unless they name another URL. */
function onSite(examples: RuleSpec['examples'], site: string): RuleSpec['examples'] {
  return examples.map((example) => (example.url !== undefined ? example : { ...example, url: `https://${site}/` }))
}

function withoutUndefined(entry: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined))
}
