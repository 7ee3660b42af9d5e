import { existsSync, mkdirSync, readFileSync, readdirSync, copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { shippedPipelineYamlForCopy } from '../support/config.js'
import { REPO, runCli, SEEDS, tempDir } from '../support/run-cli.js'

/** A copy of the shipped configuration with `output.comments` switched on. */
function configWithComments(): string {
  const dir = tempDir()
  mkdirSync(join(dir, 'rules'))
  for (const f of readdirSync(join(REPO, 'config/rules'))) copyFileSync(join(REPO, 'config/rules', f), join(dir, 'rules', f))
  // The shipped pipeline names a site-pack folder (rules.sites) beside rules/; copy it when there.
  if (existsSync(join(REPO, 'config/sites'))) {
    mkdirSync(join(dir, 'sites'))
    for (const f of readdirSync(join(REPO, 'config/sites'))) copyFileSync(join(REPO, 'config/sites', f), join(dir, 'sites', f))
  }
  copyFileSync(join(REPO, 'config/topics.yaml'), join(dir, 'topics.yaml'))
  const yaml = shippedPipelineYamlForCopy()
  const switched = yaml.replace(/^ {2}comments: false$/m, '  comments: true')
  if (switched === yaml) throw new Error('shipped pipeline.yaml no longer has output.comments: false')
  writeFileSync(join(dir, 'pipeline.yaml'), switched)
  return join(dir, 'pipeline.yaml')
}

function records(out: string): { id: string; text: string; comments?: string }[] {
  return readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
}

describe('the optional comments field', () => {
  it('is absent by default', async () => {
    const out = join(tempDir(), 'out')
    await runCli('run', SEEDS, '--out', out)
    expect(records(out).every((r) => !('comments' in r))).toBe(true)
  })

  it('holds the removed comment section, which stays out of the text, when switched on', async () => {
    const out = join(tempDir(), 'out')
    expect(await runCli('run', SEEDS, '--out', out, '--config', configWithComments())).toBe(0)
    const all = records(out)
    const withComments = all.filter((r) => (r.comments ?? '').length > 0)
    expect(withComments).toHaveLength(1)
    expect(withComments[0]?.comments).toContain('Night Hunter')
    expect(withComments[0]?.text).not.toContain('Night Hunter')
    expect(all.every((r) => typeof r.comments === 'string')).toBe(true)
  })
})
