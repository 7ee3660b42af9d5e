import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js'
import { createPipeline } from '../core/pipeline.js'
import { compareRuns, DEFAULT_EXAMPLES, type RunPair } from './compare-runs.js'
import { describeConfig } from './describe-config.js'
import { diffRuleSets } from './diff-rule-sets.js'
import type { PreviewReport } from './preview-report.js'
import { DEFAULT_SAMPLE, readSample } from './read-sample.js'

/** What to preview: the inputs, the pipeline file, the proposed rule folders and how much to show. */
export interface PreviewOptions {
  readonly inputs: readonly string[]
  /** The pipeline file both runs use; default the shipped one. */
  readonly configFile?: string
  /** The proposed rule folders, used instead of the pipeline file's `rules.directories`. */
  readonly rulesDirectories: readonly string[]
  /** The proposed site pack folder; default the current one. */
  readonly sitesDirectory?: string
  /** How many readable documents to sample (the first in input order). Default 200. */
  readonly sample?: number
  /** How many example blocks of each kind to report. Default 5. */
  readonly examples?: number
}

/**
 * Runs the current rules (the pipeline file as it is) and the proposed rules (the same file with
 * the given rule folders) on a sample of documents, both with the block classifier as a run
 * would, and compares the results. Both configurations load before any input is read, so a bad
 * proposed rule fails (ConfigError) without touching the inputs.
 */
export async function runPreview(options: PreviewOptions): Promise<PreviewReport> {
  const configFile = options.configFile ?? DEFAULT_CONFIG_FILE
  const currentConfig = loadConfig(configFile)
  // The proposed rules keep the current site packs unless --sites names others.
  const sitesDirectory = options.sitesDirectory ?? currentConfig.sitesDirectory
  const proposedConfig = loadConfig(configFile, { rulesDirectories: options.rulesDirectories, ...(sitesDirectory !== undefined ? { sitesDirectory } : {}) })
  const current = createPipeline(currentConfig)
  const proposed = createPipeline(proposedConfig)

  const sample = await readSample(options.inputs, {
    limit: options.sample ?? DEFAULT_SAMPLE,
    maxDocumentBytes: currentConfig.pipeline.limits.maxDocumentBytes,
  })
  const pairs: RunPair[] = sample.documents.map((doc) => ({ current: current.processDocument(doc), proposed: proposed.processDocument(doc) }))
  const ruleIds = [...new Set([...currentConfig.rules, ...proposedConfig.rules].map((rule) => rule.spec.id))]
  return {
    current: describeConfig(currentConfig),
    proposed: describeConfig(proposedConfig),
    ruleChanges: diffRuleSets(currentConfig.rules, proposedConfig.rules),
    sample: sample.summary,
    comparison: compareRuns(pairs, { examples: options.examples ?? DEFAULT_EXAMPLES, listedRuleIds: ruleIds }),
  }
}
