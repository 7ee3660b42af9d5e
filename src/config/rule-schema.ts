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

/** Sites a rule applies to; absent means every document. */
const scopeSchema = z
  .object({
    sites: z.array(z.string().min(1)).min(1),
  })
  .strict()

/** A cleaning rule as written in YAML. */
export const ruleSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'expected an id of the form concept/name (lower case, digits, dashes)'),
    description: z.string().min(10, 'say in a sentence why the rule exists'),
    match: matchSchema,
    where: whereSchema.optional(),
    minRun: z.number().int().min(2).optional(),
    action: z.enum(['drop-block', 'drop-from-here', 'drop-span', 'move-to-meta']),
    field: metaFieldSchema.optional(),
    priority: z.number().int().default(100),
    enabled: z.boolean().default(true),
    scope: scopeSchema.optional(),
    examples: z.array(exampleSchema).default([]),
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
