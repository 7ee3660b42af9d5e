import { z } from 'zod'
import { ruleSchema } from './rule-schema.js'
import { sitePackSchema } from './site-pack.js'

/** Where the published JSON Schema files live in the repository, by what they describe. */
export const JSON_SCHEMA_FILES = {
  'rule-file.schema.json': 'rule files: config/rules/*.yaml',
  'site-pack.schema.json': 'site packs: config/sites/<domain>.yaml',
} as const

/** A published schema's file name. */
export type JsonSchemaFile = keyof typeof JSON_SCHEMA_FILES

/**
 * The JSON Schemas editors use to autocomplete and check rule files and site packs, generated
 * from the same zod schemas the loader validates with (the input side: defaults are optional).
 * Checks zod cannot express in JSON Schema (exactly one matcher, field only with move-to-meta)
 * are left to the loader, which reports them with file, line and rule.
 */
export function jsonSchemas(): Record<JsonSchemaFile, unknown> {
  const ruleFile = z
    .object({ rules: z.array(ruleSchema).min(1).describe('The rules of this file; one file per concept.') })
    .strict()
    .describe('A decruft rule file.')
  const sitePack = sitePackSchema
    .extend({ rules: z.array(ruleSchema).default([]).describe('Rules of this site only (no scope: the file name is the site).') })
    .describe('A decruft site pack: rules for one site, named <domain>.yaml.')
  const options = { io: 'input', unrepresentable: 'any' } as const
  return {
    'rule-file.schema.json': z.toJSONSchema(ruleFile, options),
    'site-pack.schema.json': z.toJSONSchema(sitePack, options),
  }
}

/** A schema as the file text that is committed: two-space JSON and a final newline. */
export function jsonSchemaText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`
}
