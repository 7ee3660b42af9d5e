import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import { tempConfig, type TempConfig } from '../config/support.js'
import { shippedConfig } from '../support/config.js'
import { REPO, runCli, SEEDS, tempDir } from '../support/run-cli.js'
import { parseCsv } from '../writers/support.js'

interface RunOutput {
  readonly exitCode: number
  readonly records: readonly { id: string; rules: string }[]
  readonly rejects: readonly { id: string; rules: string }[]
  readonly csvRules: readonly string[]
  readonly manifest: { configHash: string; rules: { hash: string; files: { path: string; sha256: string }[] } }
}

const SHIPPED_DIR = join(REPO, 'config')
const SHIPPED_RULES = join(SHIPPED_DIR, 'rules')
const EDITED_FILE = 'titles.yaml'

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex')

function jsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T)
}

/** The `rules` cell of every row of dataset.csv. */
function csvRulesColumn(file: string): string[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'))
  const at = header?.indexOf('rules') ?? -1
  if (at < 0) throw new Error('dataset.csv has no rules column')
  return rows.map((row) => row[at] ?? '')
}

/** Runs the CLI in-process on the seeds and reads back what it wrote. */
async function runOnSeeds(...configArgs: string[]): Promise<RunOutput> {
  const out = join(tempDir(), 'out')
  const exitCode = await runCli('run', SEEDS, '--out', out, ...configArgs)
  return {
    exitCode,
    records: jsonLines(join(out, 'dataset.jsonl')),
    rejects: jsonLines(join(out, 'rejects.jsonl')),
    csvRules: csvRulesColumn(join(out, 'dataset.csv')),
    manifest: JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as RunOutput['manifest'],
  }
}

/** The files of a shipped config folder (name → bytes), or nothing when the folder does not exist. */
function shippedFolder(name: string): Record<string, Record<string, Buffer>> {
  const dir = join(SHIPPED_DIR, name)
  if (!existsSync(dir)) return {}
  return { [name]: Object.fromEntries(readdirSync(dir).map((file) => [file, readFileSync(join(dir, file))])) }
}

/** A temp config whose rule folders (and site packs, when shipped) are byte-for-byte copies of the shipped ones. */
function copyOfShippedConfig(): TempConfig {
  return tempConfig({ ...shippedFolder('rules'), ...shippedFolder('sites') }, ['rules'])
}

function entryFor(run: RunOutput, path: string): { path: string; sha256: string } | undefined {
  return run.manifest.rules.files.find((f) => f.path === path)
}

describe('rule-set provenance on the default run', () => {
  let run: RunOutput

  beforeAll(async () => {
    run = await runOnSeeds()
  })

  it('puts the manifest’s rule-set hash on every dataset record, CSV row and reject', () => {
    const { hash } = run.manifest.rules
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hash).toBe(shippedConfig().ruleSetHash)
    expect(run.records.length).toBeGreaterThan(0)
    for (const record of run.records) expect(record.rules, record.id).toBe(hash)
    expect(run.csvRules).toEqual(run.records.map(() => hash))
    for (const reject of run.rejects) expect(reject.rules, reject.id).toBe(hash)
    expect(run.manifest.configHash).toBe(shippedConfig().hash)
  })

  it('lists every file in config/rules, relative to the config folder, with the sha256 of its bytes', () => {
    const onDisk = readdirSync(SHIPPED_RULES).filter((name) => /\.ya?ml$/i.test(name))
    expect(onDisk.length).toBeGreaterThan(0)
    for (const name of onDisk) {
      expect(entryFor(run, `rules/${name}`)?.sha256, name).toBe(sha256(readFileSync(join(SHIPPED_RULES, name))))
    }
  })

  it('lists exactly the files the configuration read, each with a sha256 that matches its bytes', () => {
    const listed = run.manifest.rules.files
    expect(listed.map((f) => resolve(SHIPPED_DIR, f.path))).toEqual(shippedConfig().ruleFileHashes.map((f) => f.file))
    for (const { path, sha256: hash } of listed) {
      expect(path.startsWith('/'), path).toBe(false)
      expect(hash, path).toBe(sha256(readFileSync(resolve(SHIPPED_DIR, path))))
    }
  })
})

describe('rule-set provenance when a rule file changes', () => {
  it('changes the hash on records and that file’s manifest entry, and nothing else in the list', async () => {
    const config = copyOfShippedConfig()
    const before = await runOnSeeds('--config', config.pipelineFile)

    const file = config.ruleFile('rules', EDITED_FILE)
    const original = readFileSync(file, 'utf8')
    // A reworded description: a real change to a rule's spec that leaves the cleaning alone.
    const edited = original.replace(/(\n {4}description: >\n {6}[^\n]+)/, '$1 Reworded.')
    expect(edited).not.toBe(original)
    writeFileSync(file, edited)
    const after = await runOnSeeds('--config', config.pipelineFile)

    expect([before.exitCode, after.exitCode]).toEqual([0, 0])
    expect(after.manifest.rules.hash).not.toBe(before.manifest.rules.hash)
    expect(after.manifest.rules.hash).toBe(loadConfig(config.pipelineFile).ruleSetHash)
    expect(new Set(before.records.map((r) => r.rules))).toEqual(new Set([before.manifest.rules.hash]))
    expect(new Set(after.records.map((r) => r.rules))).toEqual(new Set([after.manifest.rules.hash]))
    expect(new Set(after.csvRules)).toEqual(new Set([after.manifest.rules.hash]))

    const path = `rules/${EDITED_FILE}`
    expect(entryFor(before, path)?.sha256).toBe(sha256(original))
    expect(entryFor(after, path)?.sha256).toBe(sha256(edited))
    const others = (run: RunOutput) => run.manifest.rules.files.filter((f) => f.path !== path)
    expect(others(after)).toEqual(others(before))
  })

  it('keeps the record hash but updates the file entry when only a YAML comment changes', async () => {
    const config = copyOfShippedConfig()
    const before = await runOnSeeds('--config', config.pipelineFile)
    const file = config.ruleFile('rules', EDITED_FILE)
    writeFileSync(file, `# a note for the maintainers\n${readFileSync(file, 'utf8')}`)
    const after = await runOnSeeds('--config', config.pipelineFile)

    expect([before.exitCode, after.exitCode]).toEqual([0, 0])
    expect(after.manifest.rules.hash).toBe(before.manifest.rules.hash)
    expect(after.records.map((r) => r.rules)).toEqual(before.records.map((r) => r.rules))
    expect(entryFor(after, `rules/${EDITED_FILE}`)?.sha256).toBe(sha256(readFileSync(file)))
    expect(entryFor(after, `rules/${EDITED_FILE}`)?.sha256).not.toBe(entryFor(before, `rules/${EDITED_FILE}`)?.sha256)
  })

  it('gives rule files outside the config folder as absolute paths', async () => {
    const config = tempConfig(shippedFolder('sites'), [SHIPPED_RULES])
    const run = await runOnSeeds('--config', config.pipelineFile)
    expect(run.exitCode).toBe(0)
    const listed = run.manifest.rules.files.map((f) => f.path)
    for (const name of readdirSync(SHIPPED_RULES).filter((n) => /\.ya?ml$/i.test(n))) {
      expect(listed, name).toContain(join(SHIPPED_RULES, name))
    }
    expect(listed.filter((path) => path.startsWith('/'))).toEqual(loadConfig(config.pipelineFile).ruleFiles)
  })
})
