import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MANIFEST_FILE, buildManifest, writeManifest } from '../../src/writers/manifest.js'
import type { ManifestInput } from '../../src/writers/manifest.js'
import { RULES_HASH, listFiles, sha256OfFile, useTempDir } from './support.js'

const tempDir = useTempDir()

function runFacts(): ManifestInput {
  return {
    tool: { name: 'decruft', version: '0.1.0' },
    runId: 'run-42',
    startedAt: new Date('2024-05-01T10:00:00.000Z'),
    finishedAt: new Date('2024-05-01T10:00:02.500Z'),
    inputs: ['seeds/a.jsonl', 'seeds/pages'],
    configHash: 'abc123',
    rules: {
      hash: RULES_HASH,
      configFile: '/cfg/pipeline.yaml',
      files: [
        { file: '/cfg/rules/titles.yaml', sha256: 't' },
        { file: '/cfg/rules/credits.yaml', sha256: 'c' },
        { file: '/shared/rules/extra.yaml', sha256: 'e' },
      ],
    },
    counts: { read: 5, written: 3, rejected: 2, byCode: { E_EMPTY: 1, D_DUPLICATE: 1 } },
    files: [
      { path: '/out/rejects.jsonl', bytes: 10, sha256: 'r', records: 2 },
      { path: '/out/dataset.jsonl', bytes: 30, sha256: 'd', records: 3 },
    ],
    timings: { segment: 12, boilerplate: 40, classify: 7 },
    peakRssBytes: 250 * 1024 * 1024 + 400_000,
    workers: 2,
  }
}

describe('buildManifest', () => {
  it('states the run window as ISO times and its duration in milliseconds', () => {
    const manifest = buildManifest(runFacts())
    expect(manifest.startedAt).toBe('2024-05-01T10:00:00.000Z')
    expect(manifest.finishedAt).toBe('2024-05-01T10:00:02.500Z')
    expect(manifest.durationMs).toBe(2500)
  })

  it('keys files by their name and sorts files and reject codes for stable diffs', () => {
    const manifest = buildManifest(runFacts())
    expect(Object.keys(manifest.files)).toEqual(['dataset.jsonl', 'rejects.jsonl'])
    expect(manifest.files['dataset.jsonl']).toEqual({ bytes: 30, sha256: 'd', records: 3 })
    expect(Object.keys(manifest.counts.byCode)).toEqual(['D_DUPLICATE', 'E_EMPTY'])
  })

  it('names the rule set by its hash and lists its files in load order, under the config folder relatively', () => {
    const manifest = buildManifest(runFacts())
    expect(manifest.rules).toEqual({
      hash: RULES_HASH,
      files: [
        { path: 'rules/titles.yaml', sha256: 't' },
        { path: 'rules/credits.yaml', sha256: 'c' },
        { path: '/shared/rules/extra.yaml', sha256: 'e' },
      ],
    })
    expect(Object.keys(manifest).indexOf('rules')).toBe(Object.keys(manifest).indexOf('configHash') + 1)
  })

  it('gives the peak memory in whole MiB', () => {
    expect(buildManifest(runFacts()).peakRssMiB).toBe(250)
    expect(buildManifest(runFacts()).workers).toBe(2)
  })

  it('keeps stage timings in pipeline order', () => {
    expect(Object.keys(buildManifest(runFacts()).timings)).toEqual(['segment', 'boilerplate', 'classify'])
  })

  it('gives the same manifest for the same facts and leaves the facts untouched', () => {
    const facts = runFacts()
    const snapshot = structuredClone(facts)
    expect(buildManifest(facts)).toEqual(buildManifest(runFacts()))
    expect(facts).toEqual(snapshot)
  })
})

describe('writeManifest', () => {
  it('writes manifest.json atomically and reports a checksum that matches the file', async () => {
    const dir = await tempDir()
    const manifest = buildManifest(runFacts())
    const info = await writeManifest(dir, manifest)
    const path = join(dir, MANIFEST_FILE)
    expect(await listFiles(dir)).toEqual([MANIFEST_FILE])
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(manifest)
    expect(info.sha256).toBe(await sha256OfFile(path))
  })
})
