import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'

const SOURCES = ['state-lock.ts', 'lock-holder.ts', 'state-locked-error.ts']
const SOURCE_DIR = new URL('../../src/state/', import.meta.url).pathname

/** What a child taker reports: whether it won, and else the error it got. */
export interface ChildResult {
  readonly won: boolean
  readonly tookOverPid?: number | null
  readonly name?: string
  readonly message?: string
  readonly exitCode: number | null
}

const CHILD = `
import { acquireStateLock } from './state-lock.js'
const [statePath, goAt, holdMs, mode] = process.argv.slice(2)
while (Date.now() < Number(goAt)) {} // start together
try {
  const onTakeoverStep = (step) => {
    if (mode === 'die-at-claim' && step === 'claimed') process.exit(7)
    // Every racer reads the stale lock before any of them claims it.
    if (mode === 'slow' && step === 'judged-stale') for (const until = Date.now() + 150; Date.now() < until; );
  }
  const lock = acquireStateLock(statePath, { onTakeoverStep })
  process.stdout.write(JSON.stringify({ won: true, tookOverPid: lock.tookOver?.holder?.pid ?? null }))
  await new Promise((resolve) => setTimeout(resolve, Number(holdMs)))
  lock.release()
} catch (error) {
  process.stdout.write(JSON.stringify({ won: false, name: error.name, message: error.message }))
}
`

let compiled: string | undefined

/** The lock module transpiled to plain JavaScript with a child script, so plain `node` children can race. */
export function lockChildScript(): string {
  if (compiled) return compiled
  const dir = mkdtempSync(join(tmpdir(), 'decruft-lock-child-'))
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n')
  for (const file of SOURCES) {
    const { outputText } = ts.transpileModule(readFileSync(join(SOURCE_DIR, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    })
    writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), outputText)
  }
  writeFileSync(join(dir, 'child.js'), CHILD)
  compiled = join(dir, 'child.js')
  return compiled
}

/**
 * Runs one child taker of the lock on `statePath`, starting at `goAt` (ms since the epoch) and
 * holding the lock `holdMs` if it wins. Mode `slow` waits 150 ms after judging the lock stale
 * (so racers all read it before any claims it); `die-at-claim` exits (code 7) holding a claim.
 */
export function runChildTaker(statePath: string, goAt: number, holdMs: number, mode = 'normal'): Promise<ChildResult> {
  const child = spawn(process.execPath, [lockChildScript(), statePath, String(goAt), String(holdMs), mode], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (exitCode) => {
      if (out === '') {
        resolve({ won: false, message: err, exitCode })
        return
      }
      resolve({ ...(JSON.parse(out) as Omit<ChildResult, 'exitCode'>), exitCode })
    })
  })
}

/** The pid of a process that has exited (a `node -e ""` child, waited for). */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  if (child.pid === undefined || child.status !== 0) throw new Error('could not run a child node process')
  return child.pid
}
