import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPreviewCommand } from '../../src/cli/preview-command.js'
import { ConfigError } from '../../src/core/errors.js'
import type { PreviewReport } from '../../src/preview/preview-report.js'
import { REPO, tempDir } from '../support/run-cli.js'

/** The line the proposed rule removes; the current rules and the block classifier keep it. */
const NEWSROOM_LINE = 'Readers can reach the newsroom at any hour through the contact form, the ministry spokesman added.'

const ARTICLE = [
  'Iran and Russia agree to expand energy cooperation',
  'TEHRAN – Iranian and Russian officials agreed on Wednesday to expand cooperation in the energy sector, including new investment in oil and gas fields.',
  'The agreement was reached during a meeting between the two countries’ energy ministers in Tehran, the ministry said in a statement.',
  NEWSROOM_LINE,
  'Both sides said they hoped trade between the two countries would double over the next five years, according to the statement.',
  'Officials did not say when the first projects would begin, but a working group is expected to meet again next month.',
].join('\n')

const NEW_RULE = `rules:
  - id: custom/newsroom-contact
    description: A contact line that newsrooms append to every article; not article text.
    match:
      keywords: [reach the newsroom]
      mode: contains
    action: drop-block
    priority: 50
`

/** A copy of the shipped rules folder plus one file with the new rule. */
function proposedRules(): string {
  const dir = join(tempDir(), 'rules')
  mkdirSync(dir)
  for (const f of readdirSync(join(REPO, 'config/rules'))) copyFileSync(join(REPO, 'config/rules', f), join(dir, f))
  writeFileSync(join(dir, 'zz-custom.yaml'), NEW_RULE)
  return dir
}

/** An input folder with the article, an untouched copy of it under another name, and an empty file. */
function inputs(): string {
  const dir = tempDir()
  writeFileSync(join(dir, 'article.txt'), ARTICLE)
  writeFileSync(join(dir, 'other.txt'), ARTICLE.replace(`${NEWSROOM_LINE}\n`, ''))
  writeFileSync(join(dir, 'empty.txt'), '')
  return dir
}

/** Runs `decruft preview` in-process through its own command and returns what it printed. */
async function preview(...args: string[]): Promise<string> {
  let out = ''
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write
  try {
    await createPreviewCommand().exitOverride().parseAsync(args, { from: 'user' })
    return out
  } finally {
    process.stdout.write = write
  }
}

describe('decruft preview', () => {
  it('names the new rule, counts the affected document and shows the line it newly removes', async () => {
    const out = await preview('--rules', proposedRules(), inputs())
    expect(out).toContain('1 added: custom/newsroom-contact')
    expect(out).toMatch(/documents\s+2 sampled/)
    expect(out).toMatch(/1 rejected at read and skipped \(E_EMPTY 1\)/)
    expect(out).toMatch(/affected\s+1 {3}output text differs in 1/)
    expect(out).toMatch(/custom\/newsroom-contact \(new\)\s+0\s+98\s+\+98/)
    expect(out).toMatch(/article block 3 \(article\.txt\)\n\s+now removed by custom\/newsroom-contact: .*\n\s+\| Readers can reach the newsroom at any hour/)
    expect(out).toMatch(/newly kept blocks \(0 of 0 shown\)\n {2}none/)
    expect(out).not.toContain('\u001b[')
  })

  it('prints the whole report as one JSON object with --json', async () => {
    const out = await preview('--rules', proposedRules(), '--json', '--sample', '1', '--examples', '1', inputs())
    const report = JSON.parse(out) as PreviewReport
    expect(report.ruleChanges).toEqual({ added: ['custom/newsroom-contact'], removed: [], changed: [] })
    expect(report.proposed.rules).toBe(report.current.rules + 1)
    expect(report.current.hash).not.toBe(report.proposed.hash)
    expect(report.sample).toMatchObject({ limit: 1, documents: 1, moreInput: true })
    expect(report.comparison).toMatchObject({ documents: 1, affected: 1, newlyRejected: 0, noLongerRejected: 0 })
    expect(report.comparison.examples.newlyRemoved).toEqual([
      expect.objectContaining({ documentId: 'article', blockIndex: 3, ruleId: 'custom/newsroom-contact', text: NEWSROOM_LINE }),
    ])
    expect(report.comparison.rules[0]).toMatchObject({ ruleId: 'custom/newsroom-contact', current: 0, proposed: NEWSROOM_LINE.length })
  })

  it('reports no change when the proposed rules are a plain copy', async () => {
    const dir = join(tempDir(), 'rules')
    mkdirSync(dir)
    for (const f of readdirSync(join(REPO, 'config/rules'))) copyFileSync(join(REPO, 'config/rules', f), join(dir, f))
    const out = await preview('--rules', dir, inputs())
    expect(out).toContain('nothing can change')
    expect(out).toMatch(/affected\s+0/)
  })

  it('fails with a ConfigError naming the rule when a proposed rule is invalid, and a usage error without --rules', async () => {
    const dir = proposedRules()
    writeFileSync(join(dir, 'zz-bad.yaml'), NEW_RULE.replace('custom/newsroom-contact', 'custom/bad-rule').replace('keywords: [reach the newsroom]', "pattern: '(?<=x)y'"))
    await expect(preview('--rules', dir, inputs())).rejects.toSatisfy((error) => error instanceof ConfigError && error.message.includes('custom/bad-rule'))
    const quiet = process.stderr.write.bind(process.stderr)
    process.stderr.write = (() => true) as typeof process.stderr.write
    try {
      await expect(preview(inputs())).rejects.toMatchObject({ code: 'commander.missingMandatoryOptionValue' })
      await expect(preview('--rules', dir, '--sample', '0', inputs())).rejects.toMatchObject({ code: 'commander.invalidArgument' })
    } finally {
      process.stderr.write = quiet
    }
  })
})
