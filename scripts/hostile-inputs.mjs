#!/usr/bin/env node
// Runs every hostile input of ../shared/badinputs through `decruft run` as its own process, each
// mixed into the same small batch of good documents, and prints one Markdown table row per
// fixture: the outcome, the exit code, the wall time and the run's peak memory (manifest.json's
// peakRssMiB). With --slow it adds the generated giants: the 1 GiB gzip bomb, the 1,000,000-
// document corpus (counts checked against the generator's expected.json) and the 20,000-file
// HTML folder. The contract itself is asserted by test/badinputs/hostile-inputs.test.ts; this
// script measures time and memory, which tests must not.
//
//   npm run build && node scripts/hostile-inputs.mjs            # every fixture that runs in seconds
//   node scripts/hostile-inputs.mjs --slow                      # plus the bomb, 1M documents, html-dir
//   node scripts/hostile-inputs.mjs --slow --docs 100000        # a smaller corpus
//   node scripts/hostile-inputs.mjs --work /big/disk/tmp        # where generated files go (default: the system temp folder)

import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const BADINPUTS = join(REPO, '..', 'shared', 'badinputs')
const CLI = join(REPO, 'bin', 'decruft.js')
const SEEDS = join(REPO, 'seeds')

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback
}
const slow = args.includes('--slow')
const docs = Number(option('--docs', '1000000'))
const work = mkdtempSync(join(option('--work', tmpdir()), 'decruft-hostile-'))

if (!existsSync(join(REPO, 'dist', 'cli', 'main.js'))) {
  console.error('dist/ is missing: run `npm run build` first')
  process.exit(2)
}

/** Runs the generator into the work folder. */
function generate(only) {
  const run = spawnSync(process.execPath, [join(BADINPUTS, 'gen.mjs'), '--out', join(work, 'generated'), '--docs', String(docs), ...(only ? ['--only', only] : [])], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (run.status !== 0) throw new Error(`gen.mjs ${only ?? ''} failed`)
}

/** Three seed files and a JSONL file holding two more: the good half of every batch. */
function goodBatch() {
  const dir = mkdtempSync(join(work, 'in-'))
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()
  for (const seed of seeds.slice(0, 3)) copyFileSync(join(SEEDS, seed), join(dir, seed))
  const records = seeds.slice(3, 5).map((seed, i) => JSON.stringify({ id: `good-record-${i + 1}`, text: readFileSync(join(SEEDS, seed), 'utf8') }))
  writeFileSync(join(dir, 'good-records.jsonl'), `${records.join('\n')}\n`)
  return dir
}

/** Runs decruft on `inputs` in a child process; returns exit code, seconds, manifest and rejects. */
function runDecruft(inputs) {
  const out = mkdtempSync(join(work, 'out-'))
  const started = process.hrtime.bigint()
  const run = spawnSync(process.execPath, [CLI, 'run', ...inputs, '--out', out, '--no-state', '--log-level', 'error'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const manifestFile = join(out, 'manifest.json')
  const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : undefined
  const rejectsFile = join(out, 'rejects.jsonl')
  const rejects = existsSync(rejectsFile) ? readFileSync(rejectsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []
  const runReport = existsSync(join(out, 'reports', 'run.json')) ? JSON.parse(readFileSync(join(out, 'reports', 'run.json'), 'utf8')) : undefined
  rmSync(out, { recursive: true, force: true })
  return { code: run.status, seconds, manifest, rejects, runReport, stderr: run.stderr }
}

/** What happened to one file of a batch, in a few words. */
function outcomeOf(result, fileName) {
  const own = result.rejects.filter((r) => r.source === fileName || String(r.source).startsWith(`${fileName}:`))
  const codes = {}
  for (const r of own) codes[r.code] = (codes[r.code] ?? 0) + 1
  const warnings = new Set(Object.values(result.runReport?.stages ?? {}).flatMap((s) => Object.keys(s.warnings).filter((w) => w !== 'W_MODEL_KEPT_BEST')))
  const rejected = Object.entries(codes).map(([code, n]) => (n > 1 ? `${code} ×${n}` : code))
  const flagged = [...warnings].sort()
  return [rejected.length > 0 ? `rejected ${rejected.join(', ')}` : 'accepted', flagged.length > 0 ? `flagged ${flagged.join(', ')}` : ''].filter(Boolean).join('; ')
}

const rows = []
const row = (fixture, expected, outcome, result) =>
  rows.push(`| ${fixture} | ${expected} | ${outcome} | ${result.code} | ${result.seconds.toFixed(1)} | ${result.manifest?.peakRssMiB ?? '–'} |`)

console.error(`work folder: ${work}`)
generate()
if (slow) generate('gzip-bomb,corpus,html-dir')

const manifest = JSON.parse(readFileSync(join(BADINPUTS, 'MANIFEST.json'), 'utf8'))
const baseline = runDecruft([goodBatch()])
row('(good batch alone)', 'accept', outcomeOf(baseline, '-'), baseline)
for (const entry of manifest.files) {
  if (entry.path.includes('config/') || entry.path.endsWith('/') || entry.path.includes('docs-N')) continue
  const file = entry.generated ? join(work, entry.path) : join(BADINPUTS, entry.path)
  if (!existsSync(file)) continue
  const batch = goodBatch()
  copyFileSync(file, join(batch, basename(file)))
  const result = runDecruft([batch])
  row(entry.path, `${entry.expect} ${entry.code}`.trim(), outcomeOf(result, basename(file)), result)
  rmSync(batch, { recursive: true, force: true })
  console.error(`${entry.path}: ${result.seconds.toFixed(1)} s`)
}

const fsResult = runDecruft([join(work, 'generated', 'fs')])
const skipped = (fsResult.runReport?.skippedFiles ?? []).length
row('generated/fs/', 'file-skipped', `${fsResult.manifest?.counts.written} written, ${skipped} skipped, ${outcomeOf(fsResult, 'sparse-10gib.txt')} (sparse 10 GiB)`, fsResult)

const checks = []
if (slow) {
  const corpusFile = join(work, 'generated', 'corpus', `docs-${docs}.jsonl`)
  const expected = JSON.parse(readFileSync(corpusFile.replace(/\.jsonl$/, '.expected.json'), 'utf8'))
  const corpus = runDecruft([corpusFile])
  const byCode = corpus.manifest.counts.byCode
  const want = {
    written: expected.derived.records_written_if_empty_texts_dropped_too,
    E_JSON_PARSE: expected.counts.malformed,
    E_EMPTY: expected.counts.empty_text,
    D_DUPLICATE_ID: expected.counts['dup-exact'] + expected.counts['dup-conflict'],
    D_EXACT_DUPLICATE: expected.counts['same-text-new-id'],
  }
  const got = { written: corpus.manifest.counts.written, E_JSON_PARSE: byCode.E_JSON_PARSE ?? 0, E_EMPTY: byCode.E_EMPTY ?? 0, D_DUPLICATE_ID: byCode.D_DUPLICATE_ID ?? 0, D_EXACT_DUPLICATE: byCode.D_EXACT_DUPLICATE ?? 0 }
  const equal = JSON.stringify(got) === JSON.stringify(want) && corpus.manifest.counts.read === expected.counts.lines
  checks.push(`corpus of ${docs} documents: ${equal ? 'counts equal expected.json' : 'COUNTS DIFFER'} ${JSON.stringify(got)}; ${(docs / corpus.seconds).toFixed(0)} docs/s`)
  row(`generated/corpus/docs-${docs}.jsonl`, 'bounded, counts of expected.json', `${corpus.manifest.counts.written} written, ${corpus.manifest.counts.rejected} rejected ${JSON.stringify(byCode)}`, corpus)

  const htmlDir = join(work, 'generated', 'html-dir')
  const htmlExpected = JSON.parse(readFileSync(`${htmlDir}.expected.json`, 'utf8'))
  const html = runDecruft([htmlDir])
  const htmlEqual = html.manifest.counts.read === htmlExpected.files && html.manifest.counts.rejected >= htmlExpected.hostile
  checks.push(`html-dir: ${html.manifest.counts.read} files read of ${htmlExpected.files}, ${html.manifest.counts.rejected} rejected (${htmlExpected.hostile} hostile planted)${htmlEqual ? '' : ' DIFFERS'}`)
  row('generated/html-dir/', 'bounded, counts of expected.json', `${html.manifest.counts.written} written, ${html.manifest.counts.rejected} rejected ${JSON.stringify(html.manifest.counts.byCode)}`, html)
  if (!equal || !htmlEqual) process.exitCode = 1
}

console.log('| fixture | expected | outcome | exit | seconds | peak MiB |')
console.log('|---|---|---|--:|--:|--:|')
for (const line of rows) console.log(line)
for (const check of checks) console.log(`\n${check}`)
rmSync(work, { recursive: true, force: true })
