import type { Command } from 'commander'
import type { LoadConfigOptions } from '../config/load-config.js'

/** The options that point a command at other rule folders or site packs than the pipeline file names. */
export interface RuleSetOptions {
  rules?: string[]
  sites?: string
}

/** Adds `--rules DIR` (repeatable) and `--sites DIR` to a command that loads a configuration. */
export function addRuleSetOptions(command: Command): Command {
  return command
    .option('--rules <dir>', "rule folder to use instead of the pipeline file's rules.directories (repeat for several)", collect)
    .option('--sites <dir>', "site pack folder to use instead of the pipeline file's rules.sites")
}

/** What `--rules` and `--sites` change about loading the configuration. */
export function ruleSetOverrides(options: RuleSetOptions): LoadConfigOptions {
  return {
    ...(options.rules !== undefined ? { rulesDirectories: options.rules } : {}),
    ...(options.sites !== undefined ? { sitesDirectory: options.sites } : {}),
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}
