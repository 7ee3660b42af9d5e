import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../../src/config/load-config.js'
import { ConfigError } from '../../src/core/errors.js'
import { shippedPipelineYamlForCopy } from '../support/config.js'

/** The shipped config folder. */
export const SHIPPED_DIR = fileURLToPath(new URL('../../config/', import.meta.url))

/** A temporary config folder: the shipped pipeline.yaml and topics.yaml, plus the given rule folders. */
export interface TempConfig {
  readonly dir: string
  readonly pipelineFile: string
  ruleFile(folder: string, name: string): string
}

/**
 * Builds a config folder in the temp dir with the shipped pipeline and topics files, rule
 * folders holding the given files (name → content or Buffer), and `rules.directories` set to
 * `directories` (default: the folders given). A `sites` folder (site packs) always exists;
 * pass `sites: {...}` to put packs in it.
 */
export function tempConfig(folders: Record<string, Record<string, string | Buffer>>, directories = Object.keys(folders)): TempConfig {
  const dir = mkdtempSync(join(tmpdir(), 'decruft-config-'))
  copyFileSync(join(SHIPPED_DIR, 'topics.yaml'), join(dir, 'topics.yaml'))
  const pipeline = shippedPipelineYamlForCopy()
  const replaced = pipeline.replace(/^  directories: \[rules\]$/m, `  directories: [${directories.join(', ')}]`)
  if (replaced === pipeline && directories.join() !== 'rules') throw new Error('shipped pipeline.yaml no longer has "directories: [rules]"')
  writeFileSync(join(dir, 'pipeline.yaml'), replaced)
  // The shipped pipeline names a site pack folder; an empty one means no packs.
  mkdirSync(join(dir, 'sites'), { recursive: true })
  for (const [folder, files] of Object.entries(folders)) {
    mkdirSync(join(dir, folder), { recursive: true })
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, folder, name), content)
  }
  return { dir, pipelineFile: join(dir, 'pipeline.yaml'), ruleFile: (folder, name) => join(dir, folder, name) }
}

/** Loads the config and returns the ConfigError it throws; fails the test when it loads or throws anything else. */
export function configError(pipelineFile: string): ConfigError {
  try {
    loadConfig(pipelineFile)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error(`expected ${pipelineFile} to fail with a ConfigError, but it loaded`)
}

/** A valid rule in YAML, with the given id and extra lines (indented under the rule). */
export function ruleYaml(id: string, body = "match:\n      keywords: [subscribe now]\n    action: drop-block"): string {
  return `  - id: ${id}\n    description: A test rule that exists for a unit test.\n    ${body}\n`
}
