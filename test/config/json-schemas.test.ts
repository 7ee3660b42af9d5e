import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { JSON_SCHEMA_FILES, jsonSchemas, jsonSchemaText, type JsonSchemaFile } from '../../src/config/json-schemas.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const yamlFiles = (dir: string): string[] => readdirSync(join(REPO, dir)).filter((f) => f.endsWith('.yaml')).map((f) => join(REPO, dir, f))

describe('the published JSON Schemas', () => {
  const generated = jsonSchemas()

  for (const name of Object.keys(JSON_SCHEMA_FILES) as JsonSchemaFile[]) {
    it(`schemas/${name} is what the loader's schemas generate (regenerate: decruft rules schema --out schemas)`, () => {
      expect(readFileSync(join(REPO, 'schemas', name), 'utf8')).toBe(jsonSchemaText(generated[name]))
    })
  }

  const ajv = new Ajv2020({ strict: false, allErrors: true })
  const cases: [string, JsonSchemaFile][] = [
    ['config/rules', 'rule-file.schema.json'],
    ['config/sites', 'site-pack.schema.json'],
  ]
  for (const [dir, name] of cases) {
    it(`accepts every shipped file in ${dir}/ and is named on its first line`, () => {
      const validate = ajv.compile(generated[name] as object)
      for (const file of yamlFiles(dir)) {
        const text = readFileSync(file, 'utf8')
        expect(text.split('\n')[0], file).toBe(`# yaml-language-server: $schema=../../schemas/${name}`)
        expect(validate(parse(text)), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true)
      }
    })
  }

  it('rejects what an editor should flag: an unknown key, a wrong action, a bad id', () => {
    const validate = ajv.compile(generated['rule-file.schema.json'] as object)
    const rule = { id: 'a/b', description: 'A rule for this test only.', match: { keywords: ['x'] }, action: 'drop-block' }
    expect(validate({ rules: [rule] })).toBe(true)
    expect(validate({ rules: [{ ...rule, selectr: 'div' }] })).toBe(false)
    expect(validate({ rules: [{ ...rule, action: 'delete' }] })).toBe(false)
    expect(validate({ rules: [{ ...rule, id: 'NoSlash' }] })).toBe(false)
  })
})
