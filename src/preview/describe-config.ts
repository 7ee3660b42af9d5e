import { dirname } from 'node:path'
import type { LoadedConfig } from '../config/load-config.js'

/** What a preview header says about one configuration. */
export interface ConfigSummary {
  /** The pipeline file. */
  readonly file: string
  /** The folders the rule files came from, in loading order. */
  readonly ruleDirectories: readonly string[]
  readonly ruleFiles: number
  readonly rules: number
  readonly enabledRules: number
  /** True when the block classifier runs after the rules. */
  readonly blockModel: boolean
  /** sha256 of the validated configuration (equal hashes mean equal cleaning). */
  readonly hash: string
}

/** Summarises a loaded configuration for the preview header, so a reader can tell which rules ran. */
export function describeConfig(config: LoadedConfig): ConfigSummary {
  return {
    file: config.file,
    ruleDirectories: [...new Set(config.ruleFiles.map((file) => dirname(file)))],
    ruleFiles: config.ruleFiles.length,
    rules: config.rules.length,
    enabledRules: config.rules.filter((rule) => rule.spec.enabled).length,
    blockModel: config.blockModel !== undefined,
    hash: config.hash,
  }
}
