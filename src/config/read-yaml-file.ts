import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import type { ConfigProblem } from '../core/errors.js'

/** Most aliases a config file may expand: guards against "billion laughs" alias bombs. */
const MAX_ALIAS_COUNT = 100

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads and parses one YAML config file, or returns the problem that stops it (missing file,
 * not UTF-8, syntax error with line and column, duplicate keys, unknown tags, too many aliases).
 */
export function readYamlFile(file: string): { data: unknown } | { problem: ConfigProblem } {
  let bytes: Buffer
  try {
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
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true })
    const first = doc.errors[0] ?? doc.warnings[0]
    if (first !== undefined) return { problem: { file, message: `not valid YAML: ${first.message.split('\n')[0]}` } }
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) }
  } catch (error) {
    return { problem: { file, message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` } }
  }
}
