import { join } from 'node:path'
import { CommanderError } from 'commander'
import { describe, expect, it } from 'vitest'
import { createRulesCommand } from '../../src/cli/rules-command.js'
import { ConfigError, UsageError } from '../../src/core/errors.js'
import { ruleYaml, tempConfig } from '../config/support.js'

/** What one run of the command printed, the exit code it set, and what it threw (if anything). */
interface RulesRun {
  code: number | undefined
  out: string
  error: unknown
}

/**
 * Runs `decruft rules ARGS` in-process through the command itself (as main.ts registers it)
 * and captures stdout; stderr is silenced.
 */
async function rules(...args: string[]): Promise<RulesRun> {
  const run: RulesRun = { code: undefined, out: '', error: undefined }
  const write = process.stdout.write.bind(process.stdout)
  const quiet = process.stderr.write.bind(process.stderr)
  process.stdout.write = ((chunk: string) => ((run.out += chunk), true)) as typeof process.stdout.write
  process.stderr.write = (() => true) as typeof process.stderr.write
  try {
    await createRulesCommand((code) => (run.code = code)).parseAsync(['node', 'rules', ...args])
  } catch (error) {
    run.error = error
  } finally {
    process.stdout.write = write
    process.stderr.write = quiet
  }
  return run
}

/** A rule folder whose one rule has a passing example and a failing one. */
function rulesWithFailingExample(): { pipelineFile: string; rulesDir: string } {
  const body = `match:
      keywords: [subscribe now]
    action: drop-block
    examples:
      - text: |
          The council approved the budget on Monday after a long debate.
          Subscribe now
        removes: ["Subscribe now"]
        keeps: ["The council approved the budget"]
      - text: |
          Subscribe now
          The council approved the budget on Monday after a long debate.
        removes: ["The council approved the budget"]
        keeps: ["Subscribe now"]`
  const config = tempConfig({ rules: { 'custom.yaml': `rules:\n${ruleYaml('custom/subscribe', body)}` } })
  return { pipelineFile: config.pipelineFile, rulesDir: join(config.dir, 'rules') }
}

describe('decruft rules test', () => {
  it('passes every example of the shipped rules: exit 0, one ok line per rule, a summary', async () => {
    const { code, out, error } = await rules('test')
    expect(error).toBeUndefined()
    expect(code).toBe(0)
    expect(out).toMatch(/^ok {3}comments\/signature \(\d+ examples?\)$/m)
    expect(out).toMatch(/^\d+ rules, \d+ examples: all passed\n$/m)
    expect(out).not.toMatch(/FAIL|\u001b\[/)
  })

  it('reports a failing example: exit 1, the rule id, the example, and each snippet with where it ended up', async () => {
    const { pipelineFile } = rulesWithFailingExample()
    const { code, out, error } = await rules('test', '--config', pipelineFile)
    expect(error).toBeUndefined()
    expect(code).toBe(1)
    expect(out).toMatch(/^FAIL custom\/subscribe example 2 of 2 \(.*custom\.yaml\)$/m)
    expect(out).toContain('- expected removed by custom/subscribe: "The council approved the budget"')
    expect(out).toContain('+ kept in the text: "The council approved the budget on Monday after a long debate."')
    expect(out).toContain('- expected kept: "Subscribe now"')
    expect(out).toContain('+ removed by custom/subscribe: "Subscribe now"')
    expect(out).toMatch(/^1 rule: 1 of 2 examples failed\n$/m)
  })

  it('tests the rule folders given with --rules instead of the configuration\'s', async () => {
    const { rulesDir } = rulesWithFailingExample()
    const { code, out } = await rules('test', '--rules', rulesDir)
    expect(code).toBe(1)
    expect(out).toContain('FAIL custom/subscribe example 2')
    expect(out).not.toContain('comments/signature')
  })

  it('runs only the examples of the rules named with --rule', async () => {
    const { code, out } = await rules('test', '--rule', 'comments/signature', 'donations/counter')
    expect(code).toBe(0)
    expect(out.trim().split('\n')).toEqual([
      expect.stringMatching(/^ok {3}comments\/signature \(/),
      expect.stringMatching(/^ok {3}donations\/counter \(/),
      '',
      expect.stringMatching(/^2 rules, \d+ examples: all passed$/),
    ])
  })

  it('rejects a --rule id that names no rule, rather than passing with no examples', async () => {
    const { error } = await rules('test', '--rule', 'comments/no-such-rule')
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toContain('comments/no-such-rule')
  })

  it('lets a configuration error propagate (main maps it to exit 2)', async () => {
    const config = tempConfig({ rules: { 'bad.yaml': `rules:\n${ruleYaml('custom/bad', 'match:\n      pattern: "(?<=a)b"\n    action: drop-block')}` } })
    const { code, error } = await rules('test', '--config', config.pipelineFile)
    expect(error).toBeInstanceOf(ConfigError)
    expect(code).toBeUndefined()
  })

  it('colours ok and FAIL on a terminal, and not when NO_COLOR is set', async () => {
    const { pipelineFile } = rulesWithFailingExample()
    const wasTty = process.stdout.isTTY
    const noColor = process.env['NO_COLOR']
    process.stdout.isTTY = true
    try {
      delete process.env['NO_COLOR']
      const coloured = await rules('test', '--config', pipelineFile)
      expect(coloured.out).toContain('\u001b[31mFAIL\u001b[0m custom/subscribe')
      process.env['NO_COLOR'] = '1'
      const plain = await rules('test', '--config', pipelineFile)
      expect(plain.out).not.toContain('\u001b[')
    } finally {
      process.stdout.isTTY = wasTty
      if (noColor === undefined) delete process.env['NO_COLOR']
      else process.env['NO_COLOR'] = noColor
    }
  })

  it('explains in --help what an example is and how to write one', async () => {
    const { out, error } = await rules('test', '--help')
    expect(error).toBeInstanceOf(CommanderError)
    for (const text of ['removes:', 'keeps:', 'meta:', 'examples:', 'decruft rules test --rule']) expect(out).toContain(text)
  })
})
