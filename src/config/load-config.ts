import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { z } from 'zod'
import { deepFreeze } from '../core/deep-freeze.js'
import { ConfigError, type ConfigProblem } from '../core/errors.js'
import { compileRule, RuleCompileError, type CompiledRule } from '../stages/boilerplate/compiled-rule.js'
import { loadBlockModel, type BlockModel } from '../stages/boilerplate/model/block-model.js'
import { taxonomySchema, type Taxonomy } from '../stages/classify/topics.js'
import { loadTextClassifierModel, type TextClassifierModel } from '../text-classifier/text-classifier-model.js'
import { pipelineConfigSchema, type PipelineConfig } from './pipeline-schema.js'
import { lineField, readYamlFile } from './read-yaml-file.js'
import { applySitePacks } from './site-pack.js'
import { ruleFileSchema, ruleSchema, type RuleSpec } from './rule-schema.js'
import { ruleLabel } from './rule-label.js'

/** Everything a run needs from configuration, validated, compiled and frozen. */
export interface LoadedConfig {
  readonly file: string
  readonly pipeline: PipelineConfig
  readonly rules: readonly CompiledRule[]
  readonly ruleFiles: readonly string[]
  /** The site pack folder read, if any. */
  readonly sitesDirectory?: string
  /** Site packs read (`config/sites/<domain>.yaml`), whose rules are part of `rules`. */
  readonly sitePackFiles: readonly string[]
  readonly taxonomy: Taxonomy
  /** The block classifier that judges what the rules leave, when the config names one. */
  readonly blockModel?: BlockModel
  /** The trained topic model (`classify.topicModel`) that replaces the taxonomy for topics, when the config names one. */
  readonly topicModel?: TextClassifierModel
  /** sha256 of the validated configuration: equal hashes mean equal cleaning. */
  readonly hash: string
  /** sha256 of the rule set alone (every rule's validated spec, in load order): records carry it. */
  readonly ruleSetHash: string
  /** Every rule file read, with the sha256 of its bytes, for the manifest. */
  readonly ruleFileHashes: readonly { readonly file: string; readonly sha256: string }[]
  /** The options it was loaded with, so a worker thread can load the same configuration. */
  readonly loadOptions: LoadConfigOptions
}

/** The configuration shipped with decruft, used when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL('../../config/pipeline.yaml', import.meta.url))

/** What a caller may change about how a configuration loads. */
export interface LoadConfigOptions {
  /** false: skip the block model (as when training it). Default true. */
  readonly withBlockModel?: boolean
  /** Rule folders to use instead of the pipeline file's `rules.directories` (`--rules DIR`); relative to the working directory. */
  readonly rulesDirectories?: readonly string[]
  /**
   * Site pack folder to use instead of the pipeline file's `rules.sites` (`--sites DIR`);
   * relative to the working directory. When `rulesDirectories` is given without it, no site
   * packs load: packs are written against the rules they override and disable.
   */
  readonly sitesDirectory?: string
}

/**
 * Loads the pipeline file, its rule folders, its taxonomy, its topic model if it names one, and
 * its block model (unless `withBlockModel` is false, as when training that model); validates everything, collects
 * every problem (file, rule id, field: expected X, got Y) before failing, then freezes.
 */
export function loadConfig(file: string = DEFAULT_CONFIG_FILE, options: LoadConfigOptions = {}): LoadedConfig {
  const configFile = resolve(file)
  const problems: ConfigProblem[] = []
  const pipeline = parseWith(pipelineConfigSchema, readYamlFile(configFile), configFile, problems)
  if (pipeline === undefined) throw new ConfigError(problems)
  const base = dirname(configFile)

  const ruleDirs = options.rulesDirectories?.map((dir) => resolve(dir)) ?? pipeline.rules.directories.map((dir) => resolve(base, dir))
  const ruleFiles = ruleDirs.flatMap((dir) => listRuleFiles(dir, configFile, problems))
  const defaultRules = ruleFiles.flatMap((ruleFile) => loadRuleFile(ruleFile, problems))
  const sitesDir =
    options.sitesDirectory !== undefined
      ? resolve(options.sitesDirectory)
      : options.rulesDirectories === undefined && pipeline.rules.sites !== undefined
        ? resolve(base, pipeline.rules.sites)
        : undefined
  const sitePackFiles = sitesDir !== undefined ? listSitePacks(sitesDir, configFile, problems) : []
  const rules = applySitePacks(defaultRules, sitePackFiles, problems)
  reportDuplicateIds(rules, problems)
  const taxonomyFile = resolve(base, pipeline.topics)
  const taxonomy = parseWith(taxonomySchema, readYamlFile(taxonomyFile), taxonomyFile, problems)
  const blockModel = options.withBlockModel === false ? undefined : loadModelInto(pipeline.boilerplate.model, base, problems, loadBlockModel)
  const topicModel = loadModelInto(pipeline.classify.topicModel, base, problems, loadTextClassifierModel)
  if (problems.length > 0 || taxonomy === undefined) throw new ConfigError(problems)

  const hash = createHash('sha256')
    .update(JSON.stringify({ settings: settingsWithoutPaths(pipeline), rules: rules.map((r) => r.spec), taxonomy, blockModel, topicModel }))
    .digest('hex')
  const ruleSetHash = createHash('sha256').update(JSON.stringify(rules.map((r) => r.spec))).digest('hex')
  const ruleFileHashes = [...ruleFiles, ...sitePackFiles].map((ruleFile) => ({ file: ruleFile, sha256: createHash('sha256').update(readFileSync(ruleFile)).digest('hex') }))
  return deepFreeze({ file: configFile, pipeline, rules, ruleFiles, ...(sitesDir !== undefined ? { sitesDirectory: sitesDir } : {}), sitePackFiles, taxonomy, ...(blockModel ? { blockModel } : {}), ...(topicModel ? { topicModel } : {}), hash, ruleSetHash, ruleFileHashes, loadOptions: { ...options } })
}

/**
 * The pipeline settings without the paths that point at rules, taxonomy and model: their
 * contents are hashed instead, so a copy of the configuration in another folder hashes alike.
 */
function settingsWithoutPaths(pipeline: PipelineConfig): unknown {
  const { rules: _rules, topics: _topics, boilerplate, ...rest } = pipeline
  const { model: _model, ...boilerplateSettings } = boilerplate
  const { topicModel: _topicModel, ...classifySettings } = rest.classify
  return { ...rest, boilerplate: boilerplateSettings, classify: classifySettings }
}

function loadModelInto<M>(file: string | undefined, base: string, problems: ConfigProblem[], load: (file: string) => M): M | undefined {
  if (file === undefined) return undefined
  try {
    return load(resolve(base, file))
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    problems.push(...error.problems)
    return undefined
  }
}

function parseWith<S extends z.ZodType>(
  schema: S,
  read: ReturnType<typeof readYamlFile>,
  file: string,
  problems: ConfigProblem[],
): z.output<S> | undefined {
  if ('problem' in read) {
    problems.push(read.problem)
    return undefined
  }
  const result = schema.safeParse(read.data)
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    problems.push({ file, ...lineField(read.lineOf(issue.path)), where: issue.path.join('.') || undefined, message: issue.message })
  }
  return undefined
}

function listRuleFiles(dir: string, configFile: string, problems: ConfigProblem[]): string[] {
  try {
    const names = readdirSync(dir).filter((name) => !name.startsWith('.'))
    const ruleFiles = names.filter((name) => /\.ya?ml$/i.test(name)).sort()
    if (ruleFiles.length === 0) {
      // A folder without rule files is a wrong path or a misnamed file, not "no rules wanted".
      const found = names.length > 0 ? `; found ${names.sort().slice(0, 5).join(', ')}` : ''
      problems.push({ file: configFile, where: 'rules.directories', message: `${dir} holds no rule files (*.yaml, *.yml)${found}` })
    }
    return ruleFiles.map((name) => join(dir, name))
  } catch (error) {
    problems.push({ file: configFile, where: 'rules.directories', message: `cannot list ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
    return []
  }
}

/** The site packs in a folder (`*.yaml`, sorted); an empty folder is fine, a missing one is a problem. */
function listSitePacks(dir: string, configFile: string, problems: ConfigProblem[]): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => !name.startsWith('.') && /\.ya?ml$/i.test(name))
      .sort()
      .map((name) => join(dir, name))
  } catch (error) {
    problems.push({ file: configFile, where: 'rules.sites', message: `cannot list ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
    return []
  }
}

function loadRuleFile(file: string, problems: ConfigProblem[]): CompiledRule[] {
  const read = readYamlFile(file)
  const shape = parseWith(ruleFileSchema, read, file, problems)
  if (shape === undefined || 'problem' in read) return []
  const compiled: CompiledRule[] = []
  shape.rules.forEach((raw, position) => {
    const label = ruleLabel(raw, position)
    const parsed = ruleSchema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ file, ...lineField(read.lineOf(['rules', position, ...issue.path])), where: [label, ...issue.path].join('.'), message: issue.message })
      }
      return
    }
    try {
      compiled.push(compileRule(parsed.data as RuleSpec, file))
    } catch (error) {
      if (!(error instanceof RuleCompileError)) throw error
      problems.push({ file, ...lineField(read.lineOf(['rules', position, 'match'])), where: label, message: error.message })
    }
  })
  return compiled
}

function reportDuplicateIds(rules: readonly CompiledRule[], problems: ConfigProblem[]): void {
  const seen = new Map<string, string>()
  for (const rule of rules) {
    const first = seen.get(rule.spec.id)
    if (first !== undefined) {
      problems.push({ file: rule.file, where: `rule ${rule.spec.id}`, message: `duplicate rule id; first defined in ${relative(dirname(rule.file), first) || first}` })
    } else {
      seen.set(rule.spec.id, rule.file)
    }
  }
}
