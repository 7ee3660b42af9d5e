import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import { tempConfig } from '../config/support.js'
import { generatedSite, MENU_LINE, QUOTED_PARAGRAPH } from '../corpus/generated-site.js'
import { runCli, tempDir } from '../support/run-cli.js'

/** A copy of the shipped config with the repeated-block pass switched on. */
function configWithRepeatedBlocks(): string {
  const rules = Object.fromEntries(loadConfig().ruleFiles.map((f) => [f.split('/').pop() as string, readFileSync(f, 'utf8')]))
  const cfg = tempConfig({ rules })
  const text = readFileSync(cfg.pipelineFile, 'utf8')
  const enabled = text.replace(/(repeatedBlocks:\n\s+enabled: )false/, '$1true')
  if (enabled === text) throw new Error('the shipped pipeline.yaml no longer has corpus.repeatedBlocks.enabled: false')
  writeFileSync(cfg.pipelineFile, enabled)
  return cfg.pipelineFile
}

interface DatasetRecord {
  readonly id: string
  readonly text: string
}

describe('decruft run with the repeated-block pass on', () => {
  const pages = generatedSite(7)
  const dir = tempDir()
  const input = join(dir, 'pages.jsonl')
  writeFileSync(input, pages.map((p, i) => JSON.stringify({ id: `p${String(i).padStart(2, '0')}`, url: p.url, text: p.blocks.join('\n') })).join('\n') + '\n')
  const out = join(dir, 'out')
  const run = runCli('run', input, '--out', out, '--config', configWithRepeatedBlocks())
  const records = async (): Promise<DatasetRecord[]> => {
    await run
    return readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as DatasetRecord)
  }

  it('removes the site lines learned from the batch from every page, numbers and all', async () => {
    expect(await run).toBe(0)
    const all = await records()
    expect(all).toHaveLength(40)
    for (const record of all) {
      expect(record.text).not.toContain(MENU_LINE)
      expect(record.text).not.toMatch(/^Basket: \d+ items/m)
    }
  })

  it('keeps the paragraph that only two pages quote', async () => {
    const quoting = (await records()).filter((r) => r.text.includes(QUOTED_PARAGRAPH))
    expect(quoting).toHaveLength(2)
  })

  it('reports the learned blocks with their document frequency and writes a reviewable site pack', async () => {
    await run
    const corpus = JSON.parse(readFileSync(join(out, 'reports', 'corpus.json'), 'utf8')) as { repeatedBlocks: { site: string; documents: number; blocks: { text: string; documents: number }[] }[] }
    const site = corpus.repeatedBlocks.find((s) => s.site === 'news.example.org')
    expect(site?.documents).toBe(40)
    expect(site?.blocks.find((b) => b.text === MENU_LINE)?.documents).toBe(40)
    expect(site?.blocks.find((b) => b.text.startsWith('Basket:'))?.documents).toBe(30)
    const pack = readFileSync(join(out, 'learned-sites', 'news.example.org.yaml'), 'utf8')
    expect(pack).toContain(MENU_LINE)
    const removals = readFileSync(join(out, 'reports', 'boilerplate.json'), 'utf8')
    expect(removals).toContain('corpus/repeated-block')
  })
})

describe('decruft run with the repeated-block pass on, over a folder of files without URLs', () => {
  const pages = generatedSite(9)
  const dir = tempDir()
  mkdirSync(join(dir, 'in', 'site-a'), { recursive: true })
  pages.forEach((p, i) => writeFileSync(join(dir, 'in', 'site-a', `page-${String(i).padStart(2, '0')}.txt`), p.blocks.join('\n') + '\n'))
  const out = join(dir, 'out')
  const run = runCli('run', join(dir, 'in'), '--out', out, '--config', configWithRepeatedBlocks())

  it('learns the folder\'s furniture as one site and removes it, without writing a site pack for it', async () => {
    expect(await run).toBe(0)
    const texts = readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as DatasetRecord).text)
    expect(texts).toHaveLength(40)
    for (const text of texts) expect(text).not.toContain(MENU_LINE)
    expect(texts.filter((t) => t.includes(QUOTED_PARAGRAPH))).toHaveLength(2)
    const corpus = JSON.parse(readFileSync(join(out, 'reports', 'corpus.json'), 'utf8')) as { repeatedBlocks: { site: string; documents: number }[] }
    expect(corpus.repeatedBlocks.map((s) => [s.site, s.documents])).toEqual([['(files)/site-a', 40]])
    expect(existsSync(join(out, 'learned-sites'))).toBe(false)
  })
})
