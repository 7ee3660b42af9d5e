import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { SEEDS } from '../support/run-cli.js'

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

  it('exits 2 when no document has the asked id', async () => {
    const { code } = await capture('explain', SEEDS, '--id', 'no-such-document')
    expect(code).toBe(2)
  })
})
