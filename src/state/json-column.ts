import type { RunState } from './open-run-state.js'
import { RunStateError } from './run-state-error.js'

/** A JSON column's value parsed, or a RunStateError naming the file, table and row when it is damaged. */
export function parseJsonColumn(state: RunState, text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new RunStateError(state.path, `${where} is not valid JSON; the run state is damaged`, { cause: error })
  }
}
