import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { Command } from 'commander'
import { JSON_SCHEMA_FILES, jsonSchemas, jsonSchemaText } from '../config/json-schemas.js'
import { DEFAULT_CONFIG_FILE, loadConfig, type LoadedConfig } from '../config/load-config.js'
import { ExitCode, UsageError } from '../core/errors.js'
import { describeExampleFailure } from '../rules/describe-example-failure.js'
import { runRuleExamples, type RuleExampleResult } from '../rules/run-rule-examples.js'
import { painter, wantsColor } from './terminal-color.js'

/** Parsed options of `decruft rules test`. */
interface RulesTestOptions {
  config: string
  rules?: string[]
  sites?: string
  rule?: string[]
}

/** Paints a mark for the terminal: green ok, red FAIL, or nothing when colour is off. */
interface Paint {
  ok(text: string): string
  fail(text: string): string
  dim(text: string): string
}

/**
 * Builds `decruft rules` with its `test` subcommand, which runs every rule's examples through
 * the rule set and explains each failure: the check the test suite makes, for rule authors and
 * CI. `setExitCode` receives 1 when an example fails; configuration errors propagate as thrown.
 */
export function createRulesCommand(setExitCode: (code: number) => void): Command {
  const test = new Command('test')
    .description("run every rule's examples through the rule set and report the ones that fail")
    .option('-c, --config <file>', 'pipeline configuration (YAML)', DEFAULT_CONFIG_FILE)
    .option('--rules <dir...>', "rule folders to use instead of the configuration's rules.directories (without --sites: no site packs)")
    .option('--sites <dir>', "site pack folder to use instead of the configuration's rules.sites")
    .option('--rule <id...>', 'only the examples of these rules (the whole rule set still runs on them)')
    .exitOverride()
    .showHelpAfterError('(run decruft rules test --help for usage)')
    .addHelpText('after', HELP)
    .action((options: RulesTestOptions) => {
      const config = loadConfig(options.config, {
        withBlockModel: false,
        ...(options.rules ? { rulesDirectories: options.rules } : {}),
        ...(options.sites !== undefined ? { sitesDirectory: options.sites } : {}),
      })
      checkRuleIds(config, options.rule)
      const results = runRuleExamples(config, options.rule ? { ruleIds: options.rule } : {})
      process.stdout.write(formatReport(config, results, options.rule, paintFor(wantsColor(process.stdout))))
      setExitCode(results.every((r) => r.passed) ? ExitCode.ok : ExitCode.examplesFailed)
    })
  const schema = new Command('schema')
    .description('print or write the JSON Schemas that let editors check rule files and site packs')
    .option('--out <dir>', `write ${Object.keys(JSON_SCHEMA_FILES).join(' and ')} into this folder instead of printing the rule file schema`)
    .exitOverride()
    .addHelpText(
      'after',
      `
The repository ships them in schemas/; each rule file names its schema on its first line, which
editors with a YAML language server (VS Code's YAML extension, for one) use to autocomplete and
check as you type:
  # yaml-language-server: $schema=../../schemas/rule-file.schema.json`,
    )
    .action(async (options: { out?: string }) => {
      const schemas = jsonSchemas()
      if (options.out === undefined) {
        process.stdout.write(jsonSchemaText(schemas['rule-file.schema.json']))
        return
      }
      await mkdir(options.out, { recursive: true })
      for (const [name, schemaJson] of Object.entries(schemas)) await writeFile(join(options.out, name), jsonSchemaText(schemaJson))
    })
  return new Command('rules')
    .description('check cleaning rules: decruft rules test runs their examples; decruft rules schema prints their JSON Schema')
    .exitOverride()
    .addCommand(test)
    .addCommand(schema)
}

const HELP = `
An example is a small input written in a rule's YAML, under examples:, together with what the
rule must do to it. Each example runs as a real run would, through the segment stage and the
whole rule set (rules only, no block model), and then:
  removes: [...]   each snippet must be removed by THIS rule and be gone from the kept text
  keeps: [...]     each snippet must be in the kept text
  meta: {...}      each metadata field must equal the given value
Whitespace is squashed before comparing. A disabled rule's examples run with it switched on.

Writing examples (in the rule, next to match: and action:):
    examples:
      - text: |                        # or html: '<p>...</p>'; url: to test scope.sites
          Support ExampleNews
          The ministry denied the report on Tuesday.
        removes: ["Support ExampleNews"]
        keeps: ["The ministry denied the report"]
      - text: |
          By Maria Keller
          Prices rose in every region last month.
        removes: ["By Maria Keller"]
        meta: { author: "Maria Keller" }

Output: one line per rule (ok, or FAIL with the example number), then for each failure
"- what the example expects" and "+ what happened instead", then a summary line.

Exit codes: 0 every example passed; 1 some example failed; 2 bad usage or configuration.

Examples:
  decruft rules test
  decruft rules test --rule comments/signature --rule donations/counter
  decruft rules test --config my-pipeline.yaml --rules my-rules/`

/** Fails on ids that name no rule, so a typo does not pass as "0 examples, all passed". */
function checkRuleIds(config: LoadedConfig, ids: readonly string[] | undefined): void {
  const known = new Set(config.rules.map((rule) => rule.spec.id))
  const unknown = (ids ?? []).filter((id) => !known.has(id))
  if (unknown.length > 0) {
    const folders = [...new Set(config.ruleFiles.map((file) => shortPath(dirname(file))))]
    const where = folders.length > 0 ? ` in ${folders.join(', ')}` : ''
    throw new UsageError(`no rule with id ${unknown.join(', ')}${where}`)
  }
}

/** The report: one line per rule (and per failing example), each failure explained, a summary. */
function formatReport(config: LoadedConfig, results: readonly RuleExampleResult[], ruleIds: readonly string[] | undefined, paint: Paint): string {
  const rules = config.rules.filter((rule) => ruleIds === undefined || ruleIds.includes(rule.spec.id))
  const lines: string[] = []
  for (const rule of rules) {
    const id = rule.spec.id
    const own = results.filter((r) => r.ruleId === id)
    const disabled = rule.spec.enabled ? '' : ', disabled: run as if enabled'
    if (own.length === 0) {
      lines.push(`${paint.dim('none')} ${id} (no examples; see decruft rules test --help)`)
      continue
    }
    const failed = own.filter((r) => !r.passed)
    if (failed.length === 0) {
      lines.push(`${paint.ok('ok  ')} ${id} (${count(own.length, 'example')}${disabled})`)
      continue
    }
    for (const result of failed) {
      lines.push(`${paint.fail('FAIL')} ${id} example ${result.example} of ${own.length} (${shortPath(result.file)}${disabled})`)
      for (const failure of result.failures) {
        for (const line of describeExampleFailure(failure, id)) lines.push(`     ${line}`)
      }
    }
  }
  const failedCount = results.filter((r) => !r.passed).length
  const summary =
    failedCount === 0
      ? paint.ok(`${count(rules.length, 'rule')}, ${count(results.length, 'example')}: all passed`)
      : paint.fail(`${count(rules.length, 'rule')}: ${failedCount} of ${count(results.length, 'example')} failed`)
  return `${lines.join('\n')}\n\n${summary}\n`
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** A path relative to the working directory when that is shorter. */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel.length > 0 && rel.length < path.length ? rel : path
}

function paintFor(colour: boolean): Paint {
  const paint = painter(colour)
  return { ok: (t) => paint('green', t), fail: (t) => paint('red', t), dim: (t) => paint('dim', t) }
}
