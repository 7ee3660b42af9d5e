import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ComparableRun } from '../../src/report/compare-runs.js'
import { openRunState, type RunState } from '../../src/state/open-run-state.js'
import { recordRunStart, type RunStart } from '../../src/state/record-run-start.js'
import type { ManifestCounts } from '../../src/writers/manifest.js'

/** A fresh temporary folder for one test. */
export function stateDir(): string {
  return mkdtempSync(join(tmpdir(), 'decruft-state-'))
}

/** A run state in a fresh folder (nested, to check that folders are created). */
export function freshState(): RunState {
  return openRunState(join(stateDir(), 'state', 'runs.sqlite'))
}

/** Runs `test` on a fresh run state and closes the state afterwards, whatever the test does. */
export function withFreshState(test: (state: RunState) => void): void {
  const state = freshState()
  try {
    test(state)
  } finally {
    state.close()
  }
}

/** Records the start of run `id` at minute `minute` of a fixed day. */
export function startRun(state: RunState, id: string, minute: number, extra: Partial<RunStart> = {}): void {
  recordRunStart(state, {
    id,
    startedAt: new Date(Date.UTC(2026, 10, 22, 3, minute)),
    configHash: 'config-1',
    ruleSetHash: 'rules-1',
    inputs: ['tonight/'],
    outDir: `clean/${id}`,
    ...extra,
  })
}

export const COUNTS: ManifestCounts = { read: 10, written: 7, rejected: 3, byCode: { Q_TOO_SHORT: 2, D_DUPLICATE: 1 } }

export function comparable(runId: string): ComparableRun {
  return { runId, documents: { read: 10, written: 7, rejected: 3 }, byCode: { Q_TOO_SHORT: 2, D_DUPLICATE: 1 }, rules: { 'nav/menu': { documents: 6, chars: 420 } } }
}
