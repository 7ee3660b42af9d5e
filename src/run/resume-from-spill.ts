import { createReadStream } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Document } from '../core/document.js'
import type { RunRecord } from '../state/run-record.js'
import { isSpillFileName } from './document-spill.js'


/** What a run must share with a dead one to take over its cleaned documents. */
export interface ResumeKey {
  readonly configHash: string
  readonly ruleSetHash: string
  readonly inputs: readonly string[]
  readonly outDir: string
}

/**
 * The spill file a dead run left in the output folder, when that run (the latest interrupted
 * one) had the same configuration, rule set, inputs and output folder and left exactly one
 * spill; otherwise undefined, and the run starts from scratch.
 */
export async function findResumableSpill(interrupted: readonly RunRecord[], key: ResumeKey): Promise<string | undefined> {
  const last = interrupted.at(-1)
  if (last === undefined) return undefined
  const same =
    last.configHash === key.configHash &&
    last.ruleSetHash === key.ruleSetHash &&
    last.outDir === key.outDir &&
    JSON.stringify(last.inputs) === JSON.stringify(key.inputs)
  if (!same) return undefined
  let names: string[]
  try {
    names = (await readdir(key.outDir)).filter(isSpillFileName)
  } catch {
    return undefined
  }
  return names.length === 1 ? join(key.outDir, names[0] as string) : undefined
}

/**
 * The input documents, with the prefix a dead run already cleaned taken from its spill instead:
 * while the spill's next complete line is the same document (same id, same raw input), the
 * cleaned document is yielded and added to `replayed` (so the executor passes it through
 * without cleaning it again). At the first difference, torn line or end of the spill, replay
 * stops and every later input is yielded as read. Input order is the same in both runs, so
 * the result is the dataset a clean run gives.
 */
export async function* replaySpilled(
  inputs: AsyncIterable<Document>,
  spillPath: string,
  replayed: WeakSet<Document>,
): AsyncGenerator<Document> {
  const lines = createInterface({ input: createReadStream(spillPath, { encoding: 'utf8' }), crlfDelay: Infinity })
  const next = lines[Symbol.asyncIterator]()
  let replaying = true
  try {
    for await (const input of inputs) {
      if (replaying) {
        const line = await next.next()
        let cleaned: Document | undefined
        if (line.done !== true) {
          try {
            cleaned = JSON.parse(line.value) as Document
          } catch {
            cleaned = undefined
          }
        }
        if (cleaned !== undefined && cleaned.id === input.id && cleaned.raw === input.raw) {
          replayed.add(cleaned)
          yield cleaned
          continue
        }
        replaying = false
        lines.close()
      }
      yield input
    }
  } finally {
    lines.close()
  }
}
