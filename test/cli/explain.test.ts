import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { SEEDS, tempDir } from '../support/run-cli.js'

/** Runs the CLI in-process and returns its exit code and what it printed on stdout. */
async function capture(...args: string[]): Promise<{ code: number; out: string }> {
  let out = ''
  const write = process.stdout.write.bind(process.stdout)
  const quiet = process.stderr.write.bind(process.stderr)
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write
  process.stderr.write = (() => true) as typeof process.stderr.write
  try {
    return { code: await main(['node', 'decruft', ...args]), out }
  } finally {
    process.stdout.write = write
    process.stderr.write = quiet
  }
}

describe('decruft explain', () => {
  it('lists each removed block of a page with the rule that removed it and why', async () => {
    const { code, out } = await capture('explain', join(SEEDS, '004_1e088acd9b881b64.txt'), '--removed-only')
    expect(code).toBe(0)
    expect(out).toMatch(/- donations\/counter: only numbers, currency signs and separators\n\s+2,500 \$/)
    expect(out).toMatch(/- comments\/widget-marker: .*\n\s+Notify of/)
    expect(out).toContain('meta.attribution = Original published by')
    expect(out).not.toMatch(/^\s+\d+ \+/m)
  })

  it('filters by rule and prints one JSON line per block', async () => {
    const { code, out } = await capture('explain', SEEDS, '--rule', 'credits/editor-code', '--json')
    expect(code).toBe(0)
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { ruleId: string; text: string; label: string })
    expect(lines).toEqual([expect.objectContaining({ ruleId: 'credits/editor-code', text: 'S/SH 11', label: 'boilerplate' })])
  })

  it('prints ids, file names and text with control characters as one safe line each: no escape codes, no forged lines', async () => {
    const dir = tempDir()
    const record = { id: 'forged\n# other-document (x.txt)\u001b[31m', text: 'Navigation\n\u001b[2JThe council approved the budget on Tuesday after a long debate.' }
    writeFileSync(join(dir, 'hostile.jsonl'), `${JSON.stringify(record)}\n`)
    const { code, out } = await capture('explain', join(dir, 'hostile.jsonl'))
    expect(code).toBe(0)
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(out.split('\n').filter((line) => line.startsWith('# '))).toHaveLength(1)
  })

  it('exits 2 when no document has the asked id', async () => {
    const { code } = await capture('explain', SEEDS, '--id', 'no-such-document')
    expect(code).toBe(2)
  })

  it('picks a JSONL record by its URL and applies a site pack from --sites to it only', async () => {
    const dir = tempDir()
    const page = (url: string) => JSON.stringify({ id: url.slice(-1), url, text: 'Newsletter: the morning briefing\nThe council approved the budget on Tuesday after a long debate in the city hall.' })
    writeFileSync(join(dir, 'pages.jsonl'), `${page('https://news.example.org/a')}\n${page('https://other.example.net/b')}\n`)
    mkdirSync(join(dir, 'sites'))
    writeFileSync(
      join(dir, 'sites', 'news.example.org.yaml'),
      'rules:\n  - id: news/newsletter\n    description: The site opens articles with a newsletter line.\n    match:\n      keywords: [newsletter]\n      mode: prefix\n    action: drop-block\n    priority: 5\n    examples:\n      - text: "Newsletter: sign up\\nThe council met on Tuesday."\n        removes: ["Newsletter: sign up"]\n',
    )
    const onSite = await capture('explain', join(dir, 'pages.jsonl'), '--url', 'https://news.example.org/a', '--sites', join(dir, 'sites'), '--json')
    expect(onSite.code).toBe(0)
    const blocks = onSite.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; ruleId: string | null })
    expect(new Set(blocks.map((b) => b.id))).toEqual(new Set(['a']))
    expect(blocks.map((b) => b.ruleId)).toContain('news/newsletter')
    const elsewhere = await capture('explain', join(dir, 'pages.jsonl'), '--url', 'https://other.example.net/b', '--sites', join(dir, 'sites'), '--json')
    expect(elsewhere.out).not.toContain('news/newsletter')
  })
})
