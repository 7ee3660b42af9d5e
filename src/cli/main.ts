import { Command, CommanderError } from 'commander'
import { ConfigError, ExitCode, OutputError, UsageError } from '../core/errors.js'
import { RunStateError } from '../state/run-state-error.js'
import { StateLockedError } from '../state/state-locked-error.js'
import { VERSION } from '../version.js'
import { createBenchCommand } from './bench-command.js'
import { createEvalCommand } from './eval-command.js'
import { createEvaluateClassifierCommand } from './evaluate-classifier-command.js'
import { createExplainCommand } from './explain-command.js'
import { createPreviewCommand } from './preview-command.js'
import { createRulesCommand } from './rules-command.js'
import { createRunCommand } from './run-command.js'
import { createRunsCommand } from './runs-command.js'
import { createScheduleCommand } from './schedule-command.js'
import { createTrainCommand } from './train-command.js'
import { createTrainModelCommand } from './train-model-command.js'

/**
 * The `decruft` command line. Returns the exit code instead of exiting, so it can be tested:
 * 0 done, 3 done with rejected documents, 2 bad usage or config, 1 output failure, 4 another
 * run holds the state lock.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = ExitCode.ok
  const program = new Command('decruft')
    .description('decruft turns scraped web pages and crude text scrapes into clean, labelled research datasets')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addCommand(createRunCommand((code) => (exitCode = code)))
    .addCommand(createEvalCommand((code) => (exitCode = code)))
    .addCommand(createTrainModelCommand())
    .addCommand(createTrainCommand())
    .addCommand(createExplainCommand())
    .addCommand(createRulesCommand((code) => (exitCode = code)))
    .addCommand(createPreviewCommand())
    .addCommand(createEvaluateClassifierCommand())
    .addCommand(createBenchCommand())
    .addCommand(createRunsCommand())
    .addCommand(createScheduleCommand())
  for (const command of program.commands) command.exitOverride()
  try {
    await program.parseAsync([...argv])
    return exitCode
  } catch (error) {
    return exitCodeFor(error)
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    const helpOrVersion = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
    return helpOrVersion ? ExitCode.ok : ExitCode.badUsageOrConfig
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`decruft: configuration error — nothing was read or written:\n${indent(error.message)}\n`)
    return ExitCode.badUsageOrConfig
  }
  if (error instanceof UsageError) {
    process.stderr.write(`decruft: ${error.message}\n(run decruft --help for the commands, decruft COMMAND --help for one)\n`)
    return ExitCode.badUsageOrConfig
  }
  if (error instanceof StateLockedError) {
    process.stderr.write(`decruft: ${error.message}\nnothing was read or written; run again when that run has finished.\n`)
    return ExitCode.stateLocked
  }
  if (error instanceof RunStateError) {
    process.stderr.write(`decruft: run state: ${error.message}\n`)
    return ExitCode.badUsageOrConfig
  }
  if (error instanceof OutputError) {
    process.stderr.write(`decruft: cannot write output: ${error.message}\n`)
    return ExitCode.fatalIo
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`decruft: fatal: ${message}\n`)
  return ExitCode.fatalIo
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')
}
