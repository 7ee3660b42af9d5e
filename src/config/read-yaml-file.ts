import { readFileSync, statSync } from 'node:fs'
import { isNode, LineCounter, parseDocument, type Document } from 'yaml'
import type { ConfigProblem } from '../core/errors.js'

/** Most aliases a config file may expand: guards against "billion laughs" alias bombs. */
const MAX_ALIAS_COUNT = 100

/**
 * Largest config file read, in bytes. Config is written and reviewed by people: 4 MiB holds
 * about 200,000 keywords. A bigger file (a dumped word list of millions) would take the YAML
 * parser seconds and a gigabyte before any check could refuse it.
 */
export const MAX_CONFIG_FILE_BYTES = 4 * 1024 * 1024

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A parsed YAML file: its data, and the line where any value of it starts. */
export interface YamlFile {
  readonly data: unknown
  /** 1-based line of the value at `path` (or of its nearest parent that exists), for messages. */
  lineOf(path: readonly PropertyKey[]): number | undefined
}

/**
 * Reads and parses one YAML config file, or returns the problem that stops it (missing file,
 * larger than MAX_CONFIG_FILE_BYTES, not UTF-8, syntax error with line and column, duplicate
 * keys, unknown tags, too many aliases).
 */
export function readYamlFile(file: string): YamlFile | { problem: ConfigProblem } {
  let bytes: Buffer
  try {
    const size = statSync(file).size
    if (size > MAX_CONFIG_FILE_BYTES) {
      return { problem: { file, message: `${size} bytes, over the ${MAX_CONFIG_FILE_BYTES}-byte limit for a config file; split it, or keep large word lists out of rules` } }
    }
    bytes = readFileSync(file)
  } catch (error) {
    return { problem: { file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } }
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return { problem: { file, message: 'not UTF-8 text (is it UTF-16 or another encoding?)' } }
  }
  try {
    // Warnings count as problems too: an unknown tag such as !!js/function would otherwise
    // load quietly as a plain string.
    const lineCounter = new LineCounter()
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, lineCounter })
    const first = doc.errors[0] ?? doc.warnings[0]
    if (first !== undefined) {
      const line = first.linePos?.[0].line
      return { problem: { file, ...(line !== undefined ? { line } : {}), message: `not valid YAML: ${first.message.split('\n')[0]}` } }
    }
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    return { data, lineOf: (path) => lineOfPath(doc, lineCounter, path) }
  } catch (error) {
    return { problem: { file, message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` } }
  }
}

/** `{ line }` when the line is known, else nothing (so problems never carry `line: undefined`). */
export function lineField(line: number | undefined): { line?: number } {
  return line !== undefined ? { line } : {}
}

function lineOfPath(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node: unknown = doc.getIn(path.slice(0, length) as unknown[], true)
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line
  }
  return undefined
}
