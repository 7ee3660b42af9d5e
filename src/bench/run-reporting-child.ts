import { spawn } from 'node:child_process'
import type { Readable } from 'node:stream'

/** How a reporting child ended, and the last JSON line it wrote to file descriptor 3. */
export interface ChildOutcome<T> {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  /** The last line written to fd 3, parsed; undefined when there was none or it was not JSON. */
  readonly reported: T | undefined
  /** The last 4,000 characters of its stderr, for error messages. */
  readonly stderr: string
}

/**
 * Runs `node <nodeArgs> -e <script> -- <args>` with a pipe on file descriptor 3 through which the
 * child reports one JSON line (so the parent's own memory and output never mix into it).
 */
export async function runReportingChild<T>(nodeArgs: readonly string[], script: string, args: readonly string[], env: Record<string, string>): Promise<ChildOutcome<T>> {
  const child = spawn(process.execPath, [...nodeArgs, '--input-type=module', '-e', script, '--', ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let stderr = ''
  let reported = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000)
  })
  const channel = child.stdio[3] as Readable | null
  channel?.setEncoding('utf8').on('data', (chunk: string) => {
    reported += chunk
  })
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolvePromise({ code, signal }))
  })
  const line = reported.trim().split('\n').pop() ?? ''
  let parsed: T | undefined
  try {
    parsed = line === '' ? undefined : (JSON.parse(line) as T)
  } catch {
    parsed = undefined
  }
  return { ...exit, reported: parsed, stderr }
}

/** "was killed by SIGKILL" or "exited with code 1", for error messages. */
export function describeExit(outcome: Pick<ChildOutcome<unknown>, 'code' | 'signal'>): string {
  return outcome.signal !== null ? `was killed by ${outcome.signal}` : `exited with code ${String(outcome.code)}`
}
