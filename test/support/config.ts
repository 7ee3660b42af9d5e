import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js'

let shipped: LoadedConfig | undefined

/** The configuration shipped in config/, loaded once per test file. */
export function shippedConfig(): LoadedConfig {
  shipped ??= loadConfig()
  return shipped
}

const SHIPPED_CONFIG_DIR = new URL('../../config/', import.meta.url).pathname

/**
 * The shipped pipeline.yaml as text for a copy in another folder: the block model path made
 * absolute, so the copy loads the shipped model wherever it lives.
 */
export function shippedPipelineYamlForCopy(): string {
  const text = readFileSync(join(SHIPPED_CONFIG_DIR, 'pipeline.yaml'), 'utf8')
  const match = /^ {2}model: (.+)$/m.exec(text)
  if (!match?.[1]) throw new Error('shipped pipeline.yaml no longer names a block model')
  return text.replace(match[0], `  model: ${resolve(SHIPPED_CONFIG_DIR, match[1])}`)
}
