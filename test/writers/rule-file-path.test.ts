import { describe, expect, it } from 'vitest'
import { ruleFilePath } from '../../src/writers/rule-file-path.js'

describe('ruleFilePath', () => {
  it('gives a file under the config folder relative to it, with forward slashes', () => {
    expect(ruleFilePath('/cfg', '/cfg/rules/titles.yaml')).toBe('rules/titles.yaml')
    expect(ruleFilePath('/cfg/', '/cfg/rules/nested/a.yml')).toBe('rules/nested/a.yml')
    expect(ruleFilePath('/cfg', '/cfg/..hidden/a.yaml')).toBe('..hidden/a.yaml')
  })

  it('gives a file outside the config folder as an absolute path', () => {
    expect(ruleFilePath('/cfg', '/shared/rules/a.yaml')).toBe('/shared/rules/a.yaml')
    expect(ruleFilePath('/cfg', '/cfg-other/rules/a.yaml')).toBe('/cfg-other/rules/a.yaml')
    expect(ruleFilePath('/cfg/sub', '/cfg/rules/a.yaml')).toBe('/cfg/rules/a.yaml')
  })
})
