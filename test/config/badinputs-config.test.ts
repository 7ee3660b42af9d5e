import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js'
import { createDocument } from '../../src/core/document.js'
import { ConfigError } from '../../src/core/errors.js'
import { createBoilerplateStage } from '../../src/stages/boilerplate/boilerplate-stage.js'
import { createSegmentStage } from '../../src/stages/segment/segment-stage.js'
import { configError, ruleYaml, tempConfig } from './support.js'

const BADINPUTS = new URL('../../../shared/badinputs/', import.meta.url)

interface ManifestEntry {
  readonly path: string
  readonly generated: boolean
  readonly expect: string
  readonly code: string
  readonly note: string
}

const manifest = JSON.parse(readFileSync(new URL('MANIFEST.json', BADINPUTS), 'utf8')) as { files: ManifestEntry[] }
const configEntries = manifest.files.filter((f) => f.path.startsWith('config/') && !f.generated && existsSync(new URL(f.path, BADINPUTS)))

/** A temp config whose only rules folder holds just this file, copied byte for byte. */
function withRuleFile(entry: ManifestEntry, asName = basename(entry.path)): ReturnType<typeof tempConfig> {
  return tempConfig({ rules: { [asName]: readFileSync(new URL(entry.path, BADINPUTS)) } })
}

/** Runs every rule of a loaded config over a text document, as the pipeline would. */
function runRules(config: LoadedConfig, text: string): ReturnType<ReturnType<typeof createSegmentStage>['run']> {
  const doc = createSegmentStage().run(createDocument({ id: 'trigger', source: { format: 'text' }, raw: text }))
  return createBoilerplateStage(config.rules, config.pipeline.boilerplate).run(doc)
}

const triggerAaaa = readFileSync(new URL('text/redos-trigger-aaaa.txt', BADINPUTS), 'utf8')
const triggerWords = readFileSync(new URL('text/redos-trigger-words.txt', BADINPUTS), 'utf8')

describe('the shared bad config files, each as the only rule file of a config', () => {
  it('finds the config entries of the manifest', () => {
    expect(configEntries.map((e) => basename(e.path))).toEqual(expect.arrayContaining(['alias-bomb.yaml', 'redos-rules.yaml', 'unsupported-regex.yaml']))
  })

  for (const entry of configEntries.filter((e) => e.expect === 'config-error')) {
    it(`refuses ${entry.path} with a ConfigError that names the file (${entry.code})`, () => {
      const cfg = withRuleFile(entry)
      const error = configError(cfg.pipelineFile)
      expect(error.problems.length).toBeGreaterThan(0)
      expect(error.message).toContain(basename(entry.path))
    })
  }

  for (const entry of configEntries.filter((e) => e.expect === 'bounded')) {
    it(`either refuses ${entry.path} at load or runs its rules on the ReDoS triggers to the end`, { timeout: 10_000 }, () => {
      const cfg = withRuleFile(entry)
      let config: LoadedConfig
      try {
        config = loadConfig(cfg.pipelineFile)
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError)
        expect((error as ConfigError).message).toContain(basename(entry.path))
        return
      }
      for (const text of [triggerAaaa, triggerWords]) expect(runRules(config, text).blocks.length).toBeGreaterThan(0)
    })
  }

  it('leaves Object.prototype untouched after loading the proto-pollution files', () => {
    for (const name of ['proto-pollution.yaml', 'proto-pollution.json']) {
      const entry = configEntries.find((e) => e.path === `config/${name}`)
      if (entry) configError(withRuleFile(entry, name.replace(/\.json$/, '.yaml')).pipelineFile)
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined()
  })

  it('refuses the proto-pollution keys themselves, not only the unknown rule shape', () => {
    const cfg = tempConfig({ rules: { 'p.yaml': '__proto__:\n  polluted: yes\nrules:\n' + ruleYaml('ok/rule') } })
    const [problem, ...rest] = configError(cfg.pipelineFile).problems
    expect(rest).toEqual([])
    expect(problem?.message).toContain('__proto__')
  })

  it('refuses the JSON proto-pollution file when it is given a .yaml name, naming __proto__', () => {
    const entry = configEntries.find((e) => e.path === 'config/proto-pollution.json')
    expect(entry).toBeDefined()
    const error = configError(withRuleFile(entry!, 'proto-pollution.yaml').pipelineFile)
    expect(error.message).toContain('proto-pollution.yaml')
    expect(error.message).toContain('__proto__')
  })

  it('refuses the alias bomb before expanding it', () => {
    const entry = configEntries.find((e) => e.path === 'config/alias-bomb.yaml')!
    const [problem] = configError(withRuleFile(entry).pipelineFile).problems
    expect(problem?.message).toMatch(/alias/i)
  })

  it('refuses UTF-16 bytes with a .yaml name as not UTF-8 text', () => {
    const entry = configEntries.find((e) => e.path === 'config/not-yaml.yaml')!
    const [problem] = configError(withRuleFile(entry).pipelineFile).problems
    expect(problem?.message).toMatch(/not UTF-8/)
  })

  it('refuses the duplicate key of the YAML typing traps file', () => {
    const entry = configEntries.find((e) => e.path === 'config/yaml-typing-traps.yaml')!
    const [problem] = configError(withRuleFile(entry).pipelineFile).problems
    expect(problem?.message).toMatch(/unique/i)
  })
})

describe('YAML typing traps in decruft rules', () => {
  it('refuses an unknown tag such as !!js/function instead of loading it as a string', () => {
    const cfg = tempConfig({
      rules: { 'r.yaml': 'rules:\n' + ruleYaml('trap/tag', "match:\n      pattern: !!js/function 'function () { return 1 }'\n    action: drop-block") },
    })
    const [problem, ...rest] = configError(cfg.pipelineFile).problems
    expect(rest).toEqual([])
    expect(problem?.message).toMatch(/tag/i)
  })

  it('refuses a YAML 1.1 boolean word (yes) where a boolean is expected, since YAML 1.2 reads it as a string', () => {
    const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('trap/yes', 'match:\n      keywords: [x]\n    action: drop-block\n    enabled: yes') } })
    expect(configError(cfg.pipelineFile).problems.map((p) => p.where)).toEqual(['rule trap/yes.enabled'])
  })

  it('reads NO and 1.10 in a keyword list as the words they are only when quoted, and refuses the bare number', () => {
    const ok = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('trap/quoted', "match:\n      keywords: [NO, '1.10']\n    action: drop-block") } })
    expect(loadConfig(ok.pipelineFile).rules[0]?.spec.match.keywords).toEqual(['NO', '1.10'])
    const bad = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('trap/number', 'match:\n      keywords: [1.10]\n    action: drop-block') } })
    expect(configError(bad.pipelineFile).problems.map((p) => p.where)).toEqual(['rule trap/number.match.keywords.0'])
  })
})

describe('the ReDoS patterns of redos-rules.yaml written as decruft rules', () => {
  const patterns = ['^(a+)+$', '^(\\w+\\s?)*$', '\\s+$', '(.*a){12}']
  const rules = patterns.map((p, i) => ruleYaml(`redos/pattern-${i}`, `match:\n      pattern: '${p}'\n    action: drop-block`)).join('')
  const config = loadConfig(tempConfig({ rules: { 'redos.yaml': `rules:\n${rules}` } }).pipelineFile)

  it('load, compiled by the linear-time engine', () => {
    expect(config.rules.map((r) => r.spec.id)).toEqual(patterns.map((_, i) => `redos/pattern-${i}`))
  })

  it('run to the end on the a-run trigger, where only (.*a){12} matches', { timeout: 5_000 }, () => {
    const out = runRules(config, triggerAaaa)
    expect(out.removals.map((r) => r.ruleId)).toEqual(['redos/pattern-3'])
  })

  it('run to the end on the word-run trigger, where none of them matches', { timeout: 5_000 }, () => {
    const out = runRules(config, triggerWords)
    expect(out.blocks.length).toBeGreaterThan(0)
    expect(out.removals).toEqual([])
  })

  it('run to the end on 200,000 spaces followed by x', { timeout: 5_000 }, () => {
    const text = `start${' '.repeat(200_000)}x`
    expect(runRules(config, text).blocks.length).toBe(1)
  })

  it('still match what they are written to match', () => {
    const out = runRules(config, 'aaaa\nkept line!')
    expect(out.removals.map((r) => r.ruleId)).toContain('redos/pattern-0')
    expect(out.blocks.find((b) => b.text === 'aaaa')?.label).toBe('boilerplate')
  })
})

describe('the selectors of bad-selectors.yaml written as decruft selector rules', () => {
  const selectors: Record<string, string> = {
    'unclosed-attribute': 'div[',
    'unclosed-pseudo': 'p:has(',
    'trailing-comma': 'script, style, ',
    'expensive-nesting': '*:has(*:has(*:has(*:has(div))))',
    'selects-everything': '*',
  }
  const rules = Object.entries(selectors)
    .map(([name, selector]) => ruleYaml(`selectors/${name}`, `match:\n      selector: '${selector}'\n    action: drop-block`))
    .join('')
  const cfg = tempConfig({ rules: { 'selectors.yaml': `rules:\n${rules}` } })

  it('are all refused at load, together, each naming the file and its rule', () => {
    const error = configError(cfg.pipelineFile)
    expect(error.problems.map((p) => p.where)).toEqual(Object.keys(selectors).map((name) => `rule selectors/${name}`))
    for (const problem of error.problems) expect(problem.file).toMatch(/selectors\.yaml$/)
  })

  it('say why: a parse error, nested :has(), or a selector for the whole page', () => {
    const messages = configError(cfg.pipelineFile).problems.map((p) => p.message)
    expect(messages.slice(0, 3).every((m) => /not a valid CSS selector/.test(m))).toBe(true)
    expect(messages[3]).toMatch(/:has\(\) inside :has\(\)/)
    expect(messages[4]).toMatch(/whole page/)
  })
})

describe('the other bad config files written as decruft rules, keeping their hostile content', () => {
  const problemsOf = (rules: string): ReturnType<typeof configError>['problems'] => configError(tempConfig({ rules: { 'r.yaml': `rules:\n${rules}` } }).pipelineFile).problems

  it('unsupported-regex: backreference, lookahead and lookbehind are refused, each naming its rule and the engine', () => {
    const patterns = { backreference: '(\\w+) \\1', lookahead: 'price(?= USD)', lookbehind: '(?<=\\$)\\d+' }
    const problems = problemsOf(Object.entries(patterns).map(([name, p]) => ruleYaml(`regex/${name}`, `match:\n      pattern: '${p}'\n    action: drop-block`)).join(''))
    expect(problems.map((p) => p.where)).toEqual(Object.keys(patterns).map((name) => `rule regex/${name}`))
    for (const problem of problems) expect(problem.message).toMatch(/linear-time engine \(RE2 syntax\)/)
  })

  it('invalid-regex: unclosed class, unbalanced paren, an unknown flags key and the empty pattern are refused', () => {
    const problems = problemsOf(
      ruleYaml('regex/unclosed-class', "match:\n      pattern: '[abc'\n    action: drop-block") +
        ruleYaml('regex/unbalanced-paren', "match:\n      pattern: '(foo'\n    action: drop-block") +
        ruleYaml('regex/bad-flags', "match:\n      pattern: 'ok'\n      flags: 'gz'\n    action: drop-block") +
        ruleYaml('regex/empty-pattern', "match:\n      pattern: ''\n    action: drop-block"),
    )
    expect(problems.map((p) => p.where)).toEqual(['rule regex/unclosed-class', 'rule regex/unbalanced-paren', 'rule regex/bad-flags.match', 'rule regex/empty-pattern.match.pattern'])
    expect(problems[2]?.message).toMatch(/flags/)
  })

  it('keywords-hostile: empty, blank and punctuation-only keywords are refused (keywords match words)', () => {
    const problems = problemsOf(ruleYaml('kw/hostile', "match:\n      keywords: ['', ' ', 'c++', 'a.b', '(x)', '.*']\n    action: drop-block"))
    expect(problems.map((p) => p.where)).toEqual(['rule kw/hostile.match.keywords.0', 'rule kw/hostile.match.keywords.1', 'rule kw/hostile.match.keywords.5'])
  })

  it('keywords-hostile: the rest match as words, never as regular expressions, with kaf variants, case and accents folded', () => {
    const rules = ruleYaml('kw/literal', "match:\n      keywords: ['c++', 'a.b', '(x)', 'كتاب', 'كتاب', 'CAFÉ']\n    action: drop-block")
    const config = loadConfig(tempConfig({ rules: { 'r.yaml': `rules:\n${rules}` } }).pipelineFile)
    const removed = (line: string): boolean => runRules(config, `${line}\nThe council met on Tuesday.`).blocks[0]?.label === 'boilerplate'
    expect(removed('a.b')).toBe(true)
    expect(removed('axb')).toBe(false)
    expect(removed('C++')).toBe(true)
    expect(removed('(x)')).toBe(true)
    expect(removed('xx')).toBe(false)
    expect(removed('کتاب')).toBe(true)
    expect(removed('cafe\u0301')).toBe(true)
  })

  it('unknown-keys: typos of keys are errors naming the key, not ignored', () => {
    const problems = problemsOf('  - id: typo/rule\n    descrption: A rule with a typo in a key.\n    match:\n      selectr: .ad\n    action: drop-block\n')
    const text = problems.map((p) => `${p.where}: ${p.message}`).join('\n')
    expect(text).toMatch(/descrption/)
    expect(text).toMatch(/selectr/)
  })
})
