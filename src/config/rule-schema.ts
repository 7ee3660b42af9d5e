import { z } from 'zod'

/** Metadata fields a `move-to-meta` rule may fill. */
export const metaFieldSchema = z.enum([
  'title',
  'date',
  'author',
  'site',
  'dateline',
  'place',
  'agency',
  'credit',
  'attribution',
])

/** Where in the document a rule may look: the first or last N content blocks, or everywhere. */
const positionSchema = z
  .object({
    first: z.number().int().positive().optional(),
    last: z.number().int().positive().optional(),
  })
  .strict()
  .refine((p) => p.first !== undefined || p.last !== undefined, { message: 'give first, last, or both' })

/** Block conditions that narrow any matcher: size, shape and position. */
const whereSchema = z
  .object({
    maxWords: z.number().int().positive().optional(),
    minWords: z.number().int().nonnegative().optional(),
    maxChars: z.number().int().positive().optional(),
    position: positionSchema.optional(),
    format: z.enum(['text', 'html']).optional(),
  })
  .strict()

/** Thresholds on block features (mostly for HTML blocks). */
const featuresSchema = z
  .object({
    tags: z.array(z.string().min(1)).optional(),
    inside: z.array(z.string().min(1)).optional(),
    tokens: z.array(z.string().min(1)).optional(),
    minLinkDensity: z.number().min(0).max(1).optional(),
    endsWithSentencePunctuation: z.boolean().optional(),
    /**
     * true: only blocks outside the container that content scoring picks as the page's main
     * text (HTML); for names like "sidebar" or "share" that sites also put on article wrappers.
     */
    outsideMainContainer: z.boolean().optional(),
  })
  .strict()

/** The named detectors a rule can call; each is implemented in code with its own tests. */
export const detectorNameSchema = z.enum([
  'counter',
  'date-line',
  'embedded-data',
  'headline',
  'repeated-title',
  'teaser',
  'short-line',
])

/** How a rule finds boilerplate: exactly one of pattern, keywords, detector, features or selector. */
const matchSchema = z
  .object({
    pattern: z.string().min(1).optional(),
    caseInsensitive: z.boolean().optional(),
    keywords: z
      .array(z.string().regex(/[\p{L}\p{N}]/u, 'expected a keyword with a letter or digit (keywords match words; punctuation and spaces are ignored)'))
      .min(1)
      .optional(),
    mode: z.enum(['exact', 'prefix', 'suffix', 'contains']).optional(),
    /**
     * true: numbers fold to "0" in the keywords and in the block text before comparing, so
     * "3,048 $" matches the keyword "0 $" (blocks learned as repeated across a site's pages).
     */
    foldDigits: z.boolean().optional(),
    detector: detectorNameSchema.optional(),
    features: featuresSchema.optional(),
    /** CSS selector (HTML input): blocks inside a matching element match. */
    selector: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const kinds = [m.pattern, m.keywords, m.detector, m.features, m.selector].filter((k) => k !== undefined).length
    if (kinds !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one of pattern, keywords, detector, features, selector; got ${kinds}`,
      })
    }
    if (m.mode !== undefined && m.keywords === undefined) {
      ctx.addIssue({ code: 'custom', message: 'mode applies to keywords only' })
    }
    if (m.foldDigits !== undefined && m.keywords === undefined) {
      ctx.addIssue({ code: 'custom', message: 'foldDigits applies to keywords only' })
    }
    if (m.caseInsensitive !== undefined && m.pattern === undefined) {
      ctx.addIssue({ code: 'custom', message: 'caseInsensitive applies to pattern only' })
    }
  })

/** One worked example: an input and the snippets the rule must remove and must keep. */
const exampleSchema = z
  .object({
    text: z.string().optional(),
    html: z.string().optional(),
    url: z.string().optional(),
    removes: z.array(z.string().min(1)).default([]),
    keeps: z.array(z.string().min(1)).default([]),
    meta: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((e) => (e.text === undefined) !== (e.html === undefined), { message: 'give exactly one of text or html' })
  .refine((e) => e.removes.length + e.keeps.length + Object.keys(e.meta ?? {}).length > 0, {
    message: 'an example needs removes, keeps or meta',
  })

/** A site as rules name it: a lower-case host name; subdomains belong to it. */
export const siteNameSchema = z
  .string()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'expected a lower-case domain such as example.org (no scheme, path or www.)')

/**
 * Sites a rule applies to (`sites`; absent means every document) and sites it never applies
 * to (`exceptSites`, which a site pack's `disable` and `override` fill). A site covers its subdomains.
 */
const scopeSchema = z
  .object({
    sites: z.array(siteNameSchema).min(1).optional(),
    exceptSites: z.array(siteNameSchema).min(1).optional(),
  })
  .strict()
  .refine((s) => s.sites !== undefined || s.exceptSites !== undefined, { message: 'give sites, exceptSites or both' })

/** A cleaning rule as written in YAML. */
export const ruleSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'expected an id of the form concept/name (lower case, digits, dashes)')
      .describe('concept/name, e.g. comments/widget-marker; every removal the rule makes carries it.'),
    description: z.string().min(10, 'say in a sentence why the rule exists').describe('Why the rule exists, in a sentence or two.'),
    match: matchSchema.describe('How the rule finds boilerplate: exactly one of pattern (RE2), keywords, detector, features or selector (CSS, HTML only).'),
    where: whereSchema.optional().describe('Conditions on the block: word and character counts, position from the start or end, input format.'),
    minRun: z.number().int().min(2).optional().describe('Only runs of at least this many consecutive matching blocks count.'),
    action: z
      .enum(['drop-block', 'drop-from-here', 'drop-span', 'move-to-meta'])
      .describe('drop-block: remove the block; drop-from-here: remove it and everything after (comment sections); drop-span: cut the match out of the block; move-to-meta: keep it as metadata.'),
    field: metaFieldSchema.optional().describe('The metadata field a move-to-meta rule fills (or use named groups in the pattern).'),
    priority: z.number().int().default(100).describe('Lower runs first; later rules see what earlier ones decided.'),
    enabled: z.boolean().default(true),
    scope: scopeSchema.optional().describe('Sites the rule applies to (sites) or never applies to (exceptSites); a site covers its subdomains.'),
    examples: z.array(exampleSchema).default([]).describe('Worked examples, run by `decruft rules test` and the test suite: an input and what must be removed, kept or set as metadata.'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.action === 'move-to-meta' && r.field === undefined && r.match.pattern === undefined && r.match.detector !== 'headline') {
      ctx.addIssue({ code: 'custom', path: ['field'], message: 'move-to-meta needs a field (or named groups in its pattern)' })
    }
    if (r.action !== 'move-to-meta' && r.field !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: 'field applies to move-to-meta only' })
    }
    if (r.action === 'drop-span' && r.match.pattern === undefined && r.match.detector !== 'embedded-data') {
      ctx.addIssue({ code: 'custom', path: ['action'], message: 'drop-span needs a pattern or a span detector (embedded-data)' })
    }
  })

/** A rule file: a list of rules under `rules:`. */
export const ruleFileSchema = z
  .object({
    rules: z.array(z.unknown()).min(1),
  })
  .strict()

/** A rule as validated from YAML, before compilation. */
export type RuleSpec = z.infer<typeof ruleSchema>
/** A rule's worked example. */
export type RuleExample = z.infer<typeof exampleSchema>
/** A metadata field name that rules may fill. */
export type RuleMetaField = z.infer<typeof metaFieldSchema>
/** A detector name. */
export type DetectorName = z.infer<typeof detectorNameSchema>
