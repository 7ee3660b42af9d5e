import type { ExampleFailure } from './run-rule-examples.js'

/**
 * A failure of one of `ruleId`'s examples as two diff-like lines: `- ` what the example
 * expects, `+ ` what happened instead. Shared by `decruft rules test` and the test suite, so
 * rule authors read the same explanation in both.
 */
export function describeExampleFailure(failure: ExampleFailure, ruleId: string): [expected: string, actual: string] {
  switch (failure.kind) {
    case 'not-removed':
      return [
        `- expected removed by ${ruleId}: ${quote(failure.expected)}`,
        failure.actual !== undefined ? `+ kept in the text: ${quote(failure.actual)}` : `+ ${NOWHERE}`,
      ]
    case 'removed-by-other':
      return [`- expected removed by ${ruleId}: ${quote(failure.expected)}`, `+ removed by ${failure.removedBy} instead: ${quote(failure.actual)}`]
    case 'not-kept':
      return [
        `- expected kept: ${quote(failure.expected)}`,
        failure.actual !== undefined ? `+ removed by ${failure.removedBy ?? 'a rule'}: ${quote(failure.actual)}` : `+ ${NOWHERE}`,
      ]
    case 'meta':
      return [
        `- expected meta.${failure.field}: ${quote(failure.expected)}`,
        failure.actual !== undefined ? `+ got meta.${failure.field}: ${quote(failure.actual)}` : `+ meta.${failure.field} was not set`,
      ]
  }
}

const NOWHERE = 'neither kept nor removed (is it spelled as in the example, and not split across kept and removed lines?)'

/** A value in double quotes, with control characters escaped so it prints safely on a terminal. */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
