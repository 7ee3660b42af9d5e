import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import type { ConfigProblem } from '../core/errors.js'

/** Most aliases a config file may expand: guards against "billion laughs" alias bombs. */
const MAX_ALIAS_COUNT = 100

/**
 * Reads and parses one YAML config file, or returns the problem that stops it (missing file,
 * syntax error with line and column, duplicate keys, too many aliases).
 */
export function readYamlFile(file: string): { data: unknown } | { problem: ConfigProblem } {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    return { problem: { file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } }
  }
  try {
    return { data: parse(text, { maxAliasCount: MAX_ALIAS_COUNT, uniqueKeys: true, prettyErrors: true }) }
  } catch (error) {
    return { problem: { file, message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` } }
  }
}
