import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'

/** Runs the CLI in-process, without logs, and returns its exit code. */
export function runCli(...args: string[]): Promise<number> {
  return main(['node', 'decruft', ...args, '--log-level', 'silent'])
}

/** A fresh temporary folder for one test. */
export function tempDir(prefix = 'decruft-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** The repository's own folders, resolved from this file. */
export const REPO = new URL('../../', import.meta.url).pathname
export const SEEDS = join(REPO, 'seeds')
export const SHARED = new URL('../../../shared/', import.meta.url).pathname
