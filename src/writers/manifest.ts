import { rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { OutputError } from '../core/errors.js'
import { openAtomicFileWriter } from './atomic-file-writer.js'
import type { FileInfo } from './atomic-file-writer.js'
import { ruleFilePath } from './rule-file-path.js'

/** Name of the manifest file in the output directory. */
export const MANIFEST_FILE = 'manifest.json'

/** Document counts of a run: read, written to the dataset, rejected, and rejects per code. */
export interface ManifestCounts {
  readonly read: number
  readonly written: number
  readonly rejected: number
  readonly byCode: Readonly<Record<string, number>>
}

/** Size, checksum and record count of one output file, as the manifest lists it. */
export interface ManifestFile {
  readonly bytes: number
  readonly sha256: string
  readonly records: number
}

/** One rule file as the manifest lists it: where it is and the sha256 of its bytes. */
export interface ManifestRuleFile {
  /** Relative to the pipeline file's folder when under it, else absolute. */
  readonly path: string
  readonly sha256: string
}

/** The rule set a run cleaned with: the hash its records carry and every file it came from. */
export interface ManifestRules {
  /** sha256 of the rule set; equal to `rules` on every dataset and reject record. */
  readonly hash: string
  /** Every rule file read, in load order. */
  readonly files: readonly ManifestRuleFile[]
}

/** The rule-set facts a run hands to the manifest, as the loaded configuration holds them. */
export interface ManifestRulesInput {
  /** `LoadedConfig.ruleSetHash`. */
  readonly hash: string
  /** The pipeline file; rule file paths are given relative to its folder. */
  readonly configFile: string
  /** `LoadedConfig.ruleFileHashes`: absolute file paths with the sha256 of their bytes. */
  readonly files: readonly { readonly file: string; readonly sha256: string }[]
}

/** What a run produced and how: enough to verify the files and to reproduce or compare the run. */
export interface Manifest {
  readonly tool: { readonly name: string; readonly version: string }
  readonly runId: string
  readonly startedAt: string
  readonly finishedAt: string
  readonly durationMs: number
  readonly inputs: readonly string[]
  readonly configHash: string
  /** The rule set used, so a dataset can be traced to its rules and reproduced. */
  readonly rules: ManifestRules
  readonly counts: ManifestCounts
  /** Output files keyed by file name, sorted. */
  readonly files: Readonly<Record<string, ManifestFile>>
  /** Milliseconds per stage, in pipeline order. */
  readonly timings: Readonly<Record<string, number>>
  /** Peak resident memory of the process that ran the batch, in MiB (what a memory limit must allow). */
  readonly peakRssMiB: number
  /** Worker threads that cleaned the documents (0: the main thread). */
  readonly workers: number
}

/** What a run knows at its end, from which the manifest is built. */
export interface ManifestInput {
  readonly tool: { readonly name: string; readonly version: string }
  readonly runId: string
  readonly startedAt: Date
  readonly finishedAt: Date
  readonly inputs: readonly string[]
  readonly configHash: string
  readonly rules: ManifestRulesInput
  readonly counts: ManifestCounts
  readonly files: readonly FileInfo[]
  readonly timings: Readonly<Record<string, number>>
  /** Peak resident set size in bytes (`process.resourceUsage().maxRSS` is in KiB). */
  readonly peakRssBytes: number
  readonly workers: number
}

/** Builds the manifest from a run's facts, purely: the same input always gives the same manifest. */
export function buildManifest(input: ManifestInput): Manifest {
  return {
    tool: { name: input.tool.name, version: input.tool.version },
    runId: input.runId,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
    inputs: [...input.inputs],
    configHash: input.configHash,
    rules: {
      hash: input.rules.hash,
      files: input.rules.files.map((f) => ({ path: ruleFilePath(dirname(input.rules.configFile), f.file), sha256: f.sha256 })),
    },
    counts: {
      read: input.counts.read,
      written: input.counts.written,
      rejected: input.counts.rejected,
      byCode: sortedByKey(Object.entries(input.counts.byCode)),
    },
    files: sortedByKey(
      input.files.map((file) => [basename(file.path), { bytes: file.bytes, sha256: file.sha256, records: file.records }]),
    ),
    timings: Object.fromEntries(Object.entries(input.timings)),
    peakRssMiB: Math.round(input.peakRssBytes / (1024 * 1024)),
    workers: input.workers,
  }
}

/**
 * Writes `manifest.json` into the output directory atomically. Call it last: its presence says
 * the files it lists were all published.
 */
export async function writeManifest(dir: string, manifest: Manifest): Promise<FileInfo> {
  const file = await openAtomicFileWriter(join(dir, MANIFEST_FILE))
  try {
    await file.writeRecord(`${JSON.stringify(manifest, null, 2)}\n`)
  } catch (err) {
    await file.abort()
    throw err
  }
  return file.commit()
}

/**
 * Removes a previous run's manifest before new files are published in its folder: the manifest
 * is what marks a folder's dataset complete, so while the files change there must be none.
 */
export async function removeManifest(dir: string): Promise<void> {
  try {
    await rm(join(dir, MANIFEST_FILE), { force: true })
  } catch (err) {
    throw new OutputError(`cannot remove the previous manifest in ${dir}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}

function sortedByKey<V>(entries: readonly (readonly [string, V])[]): Record<string, V> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
