import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempConfig } from '../config/support.js'
import { runCli, SEEDS, SHARED, tempDir } from '../support/run-cli.js'

const CONFIG_DIR = join(SHARED, 'badinputs', 'config')

/** Runs `decruft run` on the seeds with a config whose only rule file is `name`; returns the exit code and stderr. */
async function runWithRuleFile(name: string): Promise<{ code: number; stderr: string; out: string }> {
  const asYaml = name.replace(/\.json$/, '.yaml')
  const cfg = tempConfig({ rules: { [asYaml]: readFileSync(join(CONFIG_DIR, name)) } })
  const out = join(tempDir(), 'out')
  let stderr = ''
  const write = process.stderr.write.bind(process.stderr)
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write
  try {
    return { code: await runCli('run', SEEDS, '--out', out, '--config', cfg.pipelineFile), stderr, out }
  } finally {
    process.stderr.write = write
  }
}

describe('decruft run with each shared bad config file as given', () => {
  for (const name of readdirSync(CONFIG_DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
    it(`${name}: exits 2 before reading input, names the file, writes nothing`, async () => {
      const { code, stderr, out } = await runWithRuleFile(name)
      expect(code).toBe(2)
      expect(stderr).toContain(name.replace(/\.json$/, '.yaml'))
      expect(stderr).toContain('configuration error')
      expect(existsSync(out)).toBe(false)
    })
  }
})

describe('decruft run with the ReDoS rules written as decruft rules', () => {
  it('cleans the ReDoS trigger inputs and 200,000 spaces to the end (a backtracking engine would hang here)', { timeout: 20_000 }, async () => {
    const patterns = ['^(a+)+$', '^(\\w+\\s?)*$', '\\s+$', '(.*a){12}']
    const rules = patterns
      .map((p, i) => `  - id: redos/pattern-${i}\n    description: A catastrophic pattern for backtracking engines.\n    match:\n      pattern: '${p}'\n    action: drop-block\n`)
      .join('')
    const cfg = tempConfig({ rules: { 'redos.yaml': `rules:\n${rules}` } })
    const inputs = tempDir()
    for (const name of ['redos-trigger-aaaa.txt', 'redos-trigger-words.txt']) copyFileSync(join(SHARED, 'badinputs', 'text', name), join(inputs, name))
    writeFileSync(join(inputs, 'spaces.txt'), `start${' '.repeat(200_000)}x\nThe council approved the budget on Tuesday.\n`)
    const out = join(tempDir(), 'out')
    const code = await runCli('run', inputs, '--out', out, '--config', cfg.pipelineFile)
    expect([0, 3]).toContain(code)
    expect(existsSync(join(out, 'manifest.json'))).toBe(true)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { counts: { read: number } }
    expect(manifest.counts.read).toBe(3)
  })
})
