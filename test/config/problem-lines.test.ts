import { describe, expect, it } from 'vitest'
import { configError, ruleYaml, tempConfig } from './support.js'

describe('configuration problems name the line', () => {
  it('points at the offending field of a rule, with file:line in the message', () => {
    const file = 'rules:\n' + ruleYaml('ok/first') + ruleYaml('bad/priority', 'match:\n      keywords: [x]\n    action: drop-block\n    priority: high')
    const cfg = tempConfig({ rules: { 'r.yaml': file } })
    const [problem] = configError(cfg.pipelineFile).problems
    const expectedLine = file.split('\n').findIndex((l) => l.includes('priority: high')) + 1
    expect(problem?.line).toBe(expectedLine)
    expect(problem?.where).toBe('rule bad/priority.priority')
    expect(configError(cfg.pipelineFile).message).toContain(`r.yaml:${expectedLine}: rule bad/priority.priority: `)
    expect(problem?.message).toMatch(/expected number/)
  })

  it('points at the pattern of a rule the engine refuses', () => {
    const file = 'rules:\n' + ruleYaml('bad/lookahead', "match:\n      pattern: 'a(?=b)'\n    action: drop-block")
    const [problem] = configError(tempConfig({ rules: { 'r.yaml': file } }).pipelineFile).problems
    expect(problem?.line).toBe(file.split('\n').findIndex((l) => l.includes('pattern:')) + 1)
  })

  it('gives the line of a YAML syntax error', () => {
    const [problem] = configError(tempConfig({ rules: { 'r.yaml': 'rules:\n  - id: a/b\n    match: [unclosed\n' } }).pipelineFile).problems
    expect(problem?.line).toBeGreaterThanOrEqual(3)
  })

  it('gives the line of an unknown rule id in a site pack', () => {
    const pack = 'description: a pack\ndisable:\n  - nope/missing\n'
    const cfg = tempConfig({ rules: { 'r.yaml': 'rules:\n' + ruleYaml('ok/rule') }, sites: { 'example.org.yaml': pack } }, ['rules'])
    const [problem] = configError(cfg.pipelineFile).problems
    expect(problem?.line).toBe(3)
  })
})
