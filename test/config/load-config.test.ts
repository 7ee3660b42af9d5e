import { describe, expect, it } from 'vitest'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../src/config/load-config.js'
import { ConfigError, type ConfigProblem } from '../../src/core/errors.js'
import { configError, ruleYaml, SHIPPED_DIR, tempConfig } from './support.js'

/** The problems of an error that name the given file (by base name) and mention the given text. */
function problemsAbout(error: ConfigError, file: string, where?: string): ConfigProblem[] {
  return error.problems.filter((p) => basename(p.file) === file && (where === undefined || (p.where ?? '').includes(where)))
}

describe('loadConfig on the shipped configuration', () => {
  const config = loadConfig()

  it('loads config/pipeline.yaml by default, with every rule file of config/rules', () => {
    expect(config.file).toBe(DEFAULT_CONFIG_FILE)
    expect(config.rules.length).toBeGreaterThan(10)
    expect(config.ruleFiles.map((f) => basename(f))).toContain('embedded-data.yaml')
    for (const f of config.ruleFiles) expect(f.startsWith(join(SHIPPED_DIR, 'rules'))).toBe(true)
  })

  it('applies the pipeline options the file sets', () => {
    expect(config.pipeline.normalize).toEqual({ quotes: 'keep', dashes: 'keep', repairMojibake: true })
    expect(config.pipeline.concurrency).toBe(4)
    expect(config.taxonomy.topics.length).toBeGreaterThan(0)
  })

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.pipeline)).toBe(true)
    expect(Object.isFrozen(config.pipeline.normalize)).toBe(true)
    expect(Object.isFrozen(config.rules)).toBe(true)
    expect(Object.isFrozen(config.rules[0])).toBe(true)
    expect(Object.isFrozen(config.rules[0]?.spec.match)).toBe(true)
    expect(Object.isFrozen(config.taxonomy.topics[0])).toBe(true)
  })

  it('throws when code tries to change it (ES modules run in strict mode)', () => {
    expect(() => {
      ;(config as { hash: string }).hash = 'changed'
    }).toThrow(TypeError)
    expect(() => {
      ;(config.pipeline.normalize as { quotes: string }).quotes = 'straight'
    }).toThrow(TypeError)
    expect(() => (config.rules as unknown[]).push({})).toThrow(TypeError)
    expect(config.pipeline.normalize.quotes).toBe('keep')
  })

  it('has a sha256 hash of 64 hex digits that is the same on a second load', () => {
    expect(config.hash).toMatch(/^[0-9a-f]{64}$/)
    const again = loadConfig()
    expect(again).not.toBe(config)
    expect(again.hash).toBe(config.hash)
  })

  it('gives a copy of the configuration in another folder the same hash', () => {
    const rules = Object.fromEntries(config.ruleFiles.map((f) => [basename(f), readFileSync(f, 'utf8')]))
    const sites = Object.fromEntries(config.sitePackFiles.map((f) => [basename(f), readFileSync(f, 'utf8')]))
    expect(loadConfig(tempConfig({ rules, sites }, ['rules']).pipelineFile).hash).toBe(config.hash)
  })

  it('changes the hash when a rule changes', () => {
    const rules = Object.fromEntries(config.ruleFiles.map((f) => [basename(f), readFileSync(f, 'utf8')]))
    rules['donations.yaml'] = (rules['donations.yaml'] as string).replace('priority: 10', 'priority: 11')
    expect(loadConfig(tempConfig({ rules }).pipelineFile).hash).not.toBe(config.hash)
  })
})

describe('loadConfig on bad configurations', () => {
  it('reports every problem of several rule files and folders in one ConfigError', () => {
    const cfg = tempConfig(
      {
        rules: {
          'a.yaml':
            'rules:\n' +
            ruleYaml('bad/unknown-key', 'match:\n      keywords: [x]\n    action: drop-block\n    selectr: ".ad"') +
            '  - id: bad/no-description\n    match:\n      keywords: [x]\n    action: drop-block\n' +
            ruleYaml('bad/two-matchers', "match:\n      pattern: 'x'\n      keywords: [x]\n    action: drop-block") +
            ruleYaml('bad/lookbehind', "match:\n      pattern: '(?<=a)b'\n    action: drop-block") +
            ruleYaml('bad/backreference', "match:\n      pattern: '(a)\\1'\n    action: drop-block") +
            ruleYaml('shared/same-id'),
          'b.yaml': 'rules:\n' + ruleYaml('shared/same-id'),
          'c.yaml': 'rules:\n  - id: broken/yaml\n    description: [unclosed\n',
        },
      },
      ['rules', 'no-such-folder'],
    )
    const error = configError(cfg.pipelineFile)
    expect(problemsAbout(error, 'a.yaml', 'rule bad/unknown-key')).not.toEqual([])
    expect(problemsAbout(error, 'a.yaml', 'rule bad/no-description')).not.toEqual([])
    expect(problemsAbout(error, 'a.yaml', 'rule bad/two-matchers')).not.toEqual([])
    expect(problemsAbout(error, 'a.yaml', 'rule bad/lookbehind')).not.toEqual([])
    expect(problemsAbout(error, 'a.yaml', 'rule bad/backreference')).not.toEqual([])
    expect(problemsAbout(error, 'b.yaml', 'rule shared/same-id')).not.toEqual([])
    expect(problemsAbout(error, 'c.yaml')).not.toEqual([])
    expect(error.problems.some((p) => p.where === 'rules.directories' && p.message.includes('no-such-folder'))).toBe(true)
    // The message a person reads lists every problem, each with its file.
    for (const p of error.problems) expect(error.message).toContain(p.file)
  })

  it('names the file, the rule id and the key of an unknown key in a rule', () => {
    const cfg = tempConfig({ rules: { 'typo.yaml': 'rules:\n' + ruleYaml('bad/typo', 'match:\n      keywords: [x]\n    action: drop-block\n    selectr: ".ad"') } })
    const [problem, ...rest] = configError(cfg.pipelineFile).problems
    expect(rest).toEqual([])
    expect(problem?.file).toBe(cfg.ruleFile('rules', 'typo.yaml'))
    expect(problem?.where).toBe('rule bad/typo')
    expect(problem?.message).toContain('selectr')
  })

  it('names the field of a missing description', () => {
    const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n  - id: bad/no-description\n    match:\n      keywords: [x]\n    action: drop-block\n' } })
    expect(configError(cfg.pipelineFile).problems.map((p) => p.where)).toEqual(['rule bad/no-description.description'])
  })

  it('refuses a rule with two matchers', () => {
    const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('bad/two', "match:\n      pattern: 'x'\n      detector: counter\n    action: drop-block") } })
    const [problem] = configError(cfg.pipelineFile).problems
    expect(problem?.where).toBe('rule bad/two.match')
    expect(problem?.message).toMatch(/exactly one of pattern, keywords, detector, features, selector; got 2/)
  })

  for (const [what, pattern] of [
    ['a lookbehind', '(?<=a)b'],
    ['a lookahead', 'price(?= USD)'],
    ['a backreference', '(a)\\1'],
    ['an unclosed class', '[abc'],
    ['an unbalanced parenthesis', '(foo'],
  ] as const) {
    it(`refuses a pattern with ${what}, ${pattern}, naming the file and the rule`, () => {
      const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('bad/pattern', `match:\n      pattern: '${pattern}'\n    action: drop-block`) } })
      const problems = configError(cfg.pipelineFile).problems
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatchObject({ file: cfg.ruleFile('rules', 'r.yaml'), where: 'rule bad/pattern' })
      expect(problems[0]?.message).toMatch(/RE2/)
    })
  }

  it('refuses a duplicate rule id across two files, naming the second file and the first', () => {
    const cfg = tempConfig({ rules: { 'one.yaml': 'rules:\n' + ruleYaml('dup/id'), 'two.yaml': 'rules:\n' + ruleYaml('dup/id') } })
    const problems = configError(cfg.pipelineFile).problems
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: cfg.ruleFile('rules', 'two.yaml'), where: 'rule dup/id' })
    expect(problems[0]?.message).toContain('one.yaml')
  })

  it('refuses a rules folder that does not exist, naming the pipeline file', () => {
    const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('ok/rule') } }, ['rules', 'missing'])
    const problems = configError(cfg.pipelineFile).problems
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: cfg.pipelineFile, where: 'rules.directories' })
    expect(problems[0]?.message).toContain('missing')
  })

  it('refuses a rules folder that holds no rule files, naming what it found instead', () => {
    const cfg = tempConfig({ rules: { 'rules.json': '{"rules": []}' } })
    const [problem] = configError(cfg.pipelineFile).problems
    expect(problem).toMatchObject({ file: cfg.pipelineFile, where: 'rules.directories' })
    expect(problem?.message).toMatch(/no rule files.*rules\.json/)
  })

  it('reports a YAML syntax error with the file and its line', () => {
    const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n  - id: x/y\n    description: [unclosed\n' } })
    const [problem] = configError(cfg.pipelineFile).problems
    expect(problem?.file).toBe(cfg.ruleFile('rules', 'r.yaml'))
    expect(problem?.message).toMatch(/not valid YAML.*line \d+/)
  })

  it('refuses a blank keyword and a keyword made only of punctuation, which would match nothing', () => {
    const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('bad/keywords', "match:\n      keywords: ['ok', ' ', '.*']\n    action: drop-block") } })
    const wheres = configError(cfg.pipelineFile).problems.map((p) => p.where)
    expect(wheres).toEqual(['rule bad/keywords.match.keywords.1', 'rule bad/keywords.match.keywords.2'])
  })

  it('refuses an unknown key in the pipeline file, naming the key', () => {
    const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('ok/rule') } })
    const pipeline = readFileSync(cfg.pipelineFile, 'utf8').replace('concurrency: 4', 'concurency: 4')
    writeFileSync(cfg.pipelineFile, pipeline)
    const [problem] = configError(cfg.pipelineFile).problems
    expect(problem?.file).toBe(cfg.pipelineFile)
    expect(problem?.message).toContain('concurency')
  })

  it('refuses a missing topics file, naming it', () => {
    const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('ok/rule') } })
    rmSync(join(cfg.dir, 'topics.yaml'))
    const [problem] = configError(cfg.pipelineFile).problems
    expect(problem?.file).toBe(join(cfg.dir, 'topics.yaml'))
    expect(problem?.message).toMatch(/cannot read: ENOENT/)
  })

  it('loads a temp config with one valid rule', () => {
    const config = loadConfig(tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('ok/rule') } }).pipelineFile)
    expect(config.rules.map((r) => r.spec.id)).toEqual(['ok/rule'])
  })
})
