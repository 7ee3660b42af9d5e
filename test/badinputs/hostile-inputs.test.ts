import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_CONFIG_FILE_BYTES } from '../../src/config/read-yaml-file.js'
import { configError, tempConfig } from '../config/support.js'
import { runCli, tempDir } from '../support/run-cli.js'
import {
  BADINPUTS,
  expectContractHolds,
  fromFile,
  manifestEntries,
  runHostileBatch,
  warningCodes,
  type BatchOutcome,
  type JsonRecord,
  type ManifestEntry,
} from './hostile-batch.js'

/**
 * The README of badinputs calls its codes suggestions. Where decruft's name differs, this is
 * decruft's: a corrupt gzip is E_GZIP, and a repeated id is a duplicate decision, D_DUPLICATE_ID
 * (the first record with an id wins, the others go to rejects naming it).
 */
const DECRUFT_CODE: Readonly<Record<string, string>> = {
  E_DECOMPRESS: 'E_GZIP',
  W_DUPLICATE: 'D_DUPLICATE_ID',
  E_DUPLICATE_CONFLICT: 'D_DUPLICATE_ID',
}

/** The codes an entry accepts, in decruft's names ("E_JSON_PARSE / E_SCHEMA" is either). */
function expectedCodes(entry: ManifestEntry): string[] {
  return entry.code
    .split('/')
    .map((code) => code.trim().replace(/\s*\(optional\)$/, ''))
    .filter((code) => code !== '')
    .map((code) => DECRUFT_CODE[code] ?? code)
}

/**
 * Where decruft deliberately does something other than the manifest's outcome, and why. Each is
 * still checked: the outcome must be exactly this one.
 */
const DELIBERATE: Readonly<Record<string, { readonly rejects: readonly string[]; readonly reason: string }>> = {
  'text/mixed-newlines.txt': {
    rejects: ['E_EMPTY_AFTER_RULES'],
    reason:
      'all six lines are split correctly (test/segment/text-blocks.test.ts), but six short lines without sentence punctuation are what a menu looks like, and the default rules remove them as navigation/link-list',
  },
  'jsonl/csv-hostile-fields.jsonl': {
    rejects: ['E_EMPTY_AFTER_RULES'],
    reason: 'the record whose whole text is "-2+3" holds only numbers and signs, which the default rules remove as a donation counter; every other record is written',
  },
  'jsonl/hostile-ids.jsonl': {
    rejects: ['E_ID_INVALID', 'E_ID_INVALID'],
    reason: 'the empty id and the id with a NUL are line errors, as the manifest allows; every other id is kept verbatim',
  },
}

/** Decisions a batch may make about an accepted fixture's own records: they repeat each other on purpose. */
const CORPUS_DECISIONS = new Set(['D_EXACT_DUPLICATE', 'D_NEAR_DUPLICATE', 'D_DUPLICATE_ID'])

const errorCodesOf = (rejects: readonly JsonRecord[]): string[] => rejects.map((r) => String(r.code)).filter((code) => !CORPUS_DECISIONS.has(code))

/** Generated fixtures that run in seconds; the gzip bomb, the 1M corpus and the html-dir run in scripts/hostile-inputs.mjs. */
const FAST_GENERATED = /^generated\/(text|html|jsonl)\//

let baseline: BatchOutcome
let generatedDir: string

beforeAll(async () => {
  baseline = await runHostileBatch([])
  generatedDir = tempDir('decruft-badgen-')
  execFileSync(process.execPath, [join(BADINPUTS, 'gen.mjs'), '--out', generatedDir], { stdio: 'ignore' })
}, 60_000)

/** The file of an entry: committed under badinputs/, generated under the temporary folder. */
function fixturePath(entry: ManifestEntry): string {
  return entry.generated ? join(generatedDir, entry.path.replace(/^generated\//, '')) : join(BADINPUTS, entry.path)
}

const entries = manifestEntries().filter(
  (e) => !e.path.startsWith('config/') && !e.path.endsWith('/') && (!e.generated || FAST_GENERATED.test(e.path)),
)

describe('the baseline batch of good documents', () => {
  it('writes all five documents and rejects none', () => {
    expect(baseline.exitCode).toBe(0)
    expect(baseline.documents).toMatchObject({ read: 5, written: 5, rejected: 0 })
    expectContractHolds(baseline, baseline)
  })
})

describe('every hostile input of badinputs/MANIFEST.json, mixed into the good batch', () => {
  it('covers the committed text, html, jsonl and gz fixtures and the fast generated ones', () => {
    const folders = new Set(entries.map((e) => e.path.split('/')[e.generated ? 1 : 0]))
    expect([...folders].sort()).toEqual(['gz', 'html', 'jsonl', 'text'])
    expect(entries.length).toBeGreaterThanOrEqual(75)
  })

  for (const entry of entries) {
    it(`${entry.path}: ${entry.expect}${entry.code ? ` ${entry.code}` : ''}`, { timeout: 60_000 }, async () => {
      const file = fixturePath(entry)
      expect(existsSync(file), `${file} exists`).toBe(true)
      const outcome = await runHostileBatch([file])
      expectContractHolds(outcome, baseline)
      const name = basename(file)
      const own = fromFile(outcome, name)
      const errors = errorCodesOf(own.rejects)
      const deliberate = DELIBERATE[entry.path]
      const codes = expectedCodes(entry)

      // Every reject of the hostile file names the file, and a JSONL line error its line.
      for (const reject of own.rejects) expect(String(reject.reason ?? '').length).toBeGreaterThan(0)

      if (deliberate) {
        expect(errors).toEqual(deliberate.rejects)
        expect(outcome.exitCode).toBe(3)
        return
      }
      switch (entry.expect) {
        case 'accept':
        case 'accept-flagged':
          expect(errors, 'no error for an acceptable input').toEqual([])
          expect(own.records.length, 'its documents are written').toBeGreaterThan(0)
          expect(outcome.exitCode).toBe(0)
          if (entry.expect === 'accept-flagged') {
            const flags = [...warningCodes(outcome), ...own.rejects.map((r) => String(r.code))]
            expect(flags, `flagged with one of ${codes.join(', ')}`).toEqual(expect.arrayContaining([expect.toBeOneOf(codes)]))
          }
          break
        case 'doc-error':
          expect(own.rejects.map((r) => [r.source, r.code])).toEqual([[name, codes[0]]])
          expect(own.records).toEqual([])
          expect(outcome.exitCode).toBe(3)
          break
        case 'line-error': {
          expect(errors.length).toBeGreaterThan(0)
          for (const code of errors) expect(codes).toContain(code)
          const lines = own.rejects.map((r) => r.source)
          for (const source of lines) expect(source).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}:\\d+$`))
          expect(new Set(lines).size, 'one error per bad line').toBe(lines.length)
          expect(outcome.exitCode).toBe(3)
          break
        }
        case 'file-error':
          expect(errors, 'one error for the file').toHaveLength(1)
          expect(codes).toContain(errors[0])
          expect(outcome.exitCode).toBe(3)
          break
        case 'bounded':
          // Finished within the test's time limit; accepted, or rejected with the expected code
          // (any one code where the manifest names none).
          if (errors.length > 0) {
            expect(errors).toHaveLength(1)
            if (codes.length > 0) expect(codes).toContain(errors[0])
            expect(outcome.exitCode).toBe(3)
          } else {
            expect(own.records.length).toBeGreaterThan(0)
            expect(outcome.exitCode).toBe(0)
          }
          break
        default:
          throw new Error(`no check for expect "${entry.expect}" (${entry.path})`)
      }
    })
  }
})

describe('the generated file-system and config fixtures', () => {
  it('fs/: reads the regular files, odd names included, skips links out of the folder, loops, the FIFO and dangling links with a reason, and refuses the sparse 10 GiB file by its size', { timeout: 60_000 }, async () => {
    const fsDir = join(generatedDir, 'fs')
    const outDir = join(tempDir(), 'out')
    const exitCode = await runCli('run', fsDir, '--out', outDir, '--no-state')
    expect(exitCode).toBe(3)
    const run = JSON.parse(readFileSync(join(outDir, 'reports', 'run.json'), 'utf8')) as { skippedFiles: { path: string; reason: string }[] }
    const skipped = Object.fromEntries(run.skippedFiles.map((s) => [basename(s.path), s.reason]))
    expect(skipped).toEqual({
      '.hidden.txt': 'hidden',
      'dangling.txt': 'cannot open (ENOENT)',
      'dir-cycle': 'symbolic link points outside the input folder',
      'fifo.txt': 'not a regular file',
      'symlink-loop-a.txt': 'symbolic link loop',
      'symlink-loop-b.txt': 'symbolic link loop',
      'symlink-outside.txt': 'symbolic link points outside the input folder',
      'symlink-relative-escape.txt': 'symbolic link points outside the input folder',
    })
    const ids = readFileSync(join(outDir, 'dataset.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)
    expect(ids).toEqual(expect.arrayContaining(['good', '-rf', 'line\nbreak', "q'uote;$(touch pwned)", expect.stringMatching(/^latin1-\uFFFD+$/), 'unreadable', 'n'.repeat(251)]))
    expect(ids).toHaveLength(7)
    const rejects = readFileSync(join(outDir, 'rejects.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; code: string })
    expect(rejects.map((r) => [r.id, r.code])).toEqual([['sparse-10gib', 'E_TOO_LARGE']])
    expect(existsSync(join(fsDir, 'pwned')) || existsSync('pwned')).toBe(false)
  })

  it('config/keywords-1m.yaml: refused by size before the YAML parser spends seconds and a gigabyte on it', { timeout: 30_000 }, async () => {
    const cfg = tempConfig({ rules: { 'keywords-1m.yaml': readFileSync(join(generatedDir, 'config', 'keywords-1m.yaml')) } })
    const error = configError(cfg.pipelineFile)
    expect(error.message).toContain('keywords-1m.yaml')
    expect(error.message).toContain(`over the ${MAX_CONFIG_FILE_BYTES}-byte limit for a config file`)
  })
})
