import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { shippedPipelineYamlForCopy } from '../support/config.js'
import { runCli, REPO, SEEDS, SHARED, tempDir } from '../support/run-cli.js'

/** A copy of the seeds plus extra files, in a fresh folder. */
function seedsWith(extra: Record<string, string | Buffer>): string {
  const dir = tempDir()
  for (const f of readdirSync(SEEDS)) copyFileSync(join(SEEDS, f), join(dir, f))
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content)
  return dir
}

/** A copy of the shipped config whose rules folder also holds the given rule file. */
function configWithRuleFile(ruleYaml: string): string {
  const dir = tempDir()
  mkdirSync(join(dir, 'rules'))
  for (const f of readdirSync(join(REPO, 'config/rules'))) copyFileSync(join(REPO, 'config/rules', f), join(dir, 'rules', f))
  writeFileSync(join(dir, 'pipeline.yaml'), shippedPipelineYamlForCopy())
  copyFileSync(join(REPO, 'config/topics.yaml'), join(dir, 'topics.yaml'))
  writeFileSync(join(dir, 'rules', 'zz-user.yaml'), ruleYaml)
  return join(dir, 'pipeline.yaml')
}

describe('exit codes a scheduler can act on', () => {
  it('exits 0 when every document is written', async () => {
    const out = join(tempDir(), 'out')
    expect(await runCli('run', SEEDS, '--out', out)).toBe(0)
    expect(existsSync(join(out, 'manifest.json'))).toBe(true)
  })

  it('exits 3 when some documents fail, and writes them to rejects with their reason', async () => {
    const input = seedsWith({ 'empty.txt': '', 'image.txt': readFileSync(join(SHARED, 'badinputs/text/binary-png-as-txt.txt')) })
    const out = join(tempDir(), 'out')
    expect(await runCli('run', input, '--out', out)).toBe(3)
    const rejects = readFileSync(join(out, 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; code: string; stage: string })
    expect(rejects.map((r) => [r.id, r.code]).sort()).toEqual([['empty', 'E_EMPTY'], ['image', 'E_BINARY']])
    const dataset = readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n')
    expect(dataset).toHaveLength(5)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { counts: { read: number; written: number; rejected: number } }
    expect(manifest.counts).toMatchObject({ read: 7, written: 5, rejected: 2 })
  })

  it('exits 2 on a rule the linear-time engine cannot run, names file and rule, and writes nothing', async () => {
    const config = configWithRuleFile(`rules:
  - id: custom/lookbehind
    description: A rule with a lookbehind, which RE2 does not support.
    match: { pattern: '(?<=foo)bar' }
    action: drop-block
`)
    const out = join(tempDir(), 'out')
    let stderr = ''
    const write = process.stderr.write.bind(process.stderr)
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write
    try {
      expect(await runCli('run', SEEDS, '--out', out, '--config', config)).toBe(2)
    } finally {
      process.stderr.write = write
    }
    expect(stderr).toContain('zz-user.yaml')
    expect(stderr).toContain('custom/lookbehind')
    expect(existsSync(out)).toBe(false)
  })

  it('exits 2 when inputs are given without --out, or an input does not exist', async () => {
    const quiet = process.stderr.write.bind(process.stderr)
    process.stderr.write = (() => true) as typeof process.stderr.write
    try {
      expect(await runCli('run', SEEDS)).toBe(2)
      expect(await runCli('run', join(tempDir(), 'missing'), '--out', join(tempDir(), 'out'))).toBe(2)
      expect(await runCli('run', '--concurrency', 'zero')).toBe(2)
    } finally {
      process.stderr.write = quiet
    }
  })

  it('exits 1 when the output folder cannot be created', async () => {
    const blocker = join(tempDir(), 'a-file')
    writeFileSync(blocker, 'not a folder')
    const quiet = process.stderr.write.bind(process.stderr)
    process.stderr.write = (() => true) as typeof process.stderr.write
    try {
      expect(await runCli('run', SEEDS, '--out', join(blocker, 'out'))).toBe(1)
    } finally {
      process.stderr.write = quiet
    }
  })
})
