import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openRunState } from '../../src/state/open-run-state.js'
import { RunStateError } from '../../src/state/run-state-error.js'
import { RUN_STATE_APPLICATION_ID, RUN_STATE_MIGRATIONS, RUN_STATE_SCHEMA_DOC, RUN_STATE_SCHEMA_VERSION, type RunStateMigration } from '../../src/state/run-state-schema.js'
import { startRun, stateDir } from './state-fixtures.js'

const tablesOf = (db: Database.Database): string[] =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]

describe('openRunState', () => {
  it('creates the folders and the schema in an empty file, with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const path = join(stateDir(), 'a', 'b', 'runs.sqlite')
    const state = openRunState(path)
    try {
      expect(existsSync(path)).toBe(true)
      expect(state.path).toBe(path)
      expect(tablesOf(state.db)).toEqual(['documents', 'runs', 'shards', 'signatures'])
      expect(state.db.pragma('user_version', { simple: true })).toBe(RUN_STATE_SCHEMA_VERSION)
      expect(state.db.pragma('application_id', { simple: true })).toBe(RUN_STATE_APPLICATION_ID)
      expect(state.db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(state.db.pragma('synchronous', { simple: true })).toBe(2)
      expect(state.db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(state.db.pragma('busy_timeout', { simple: true })).toBe(10_000)
    } finally {
      state.close()
    }
  })

  it('re-opens an up-to-date file without changing it', () => {
    const path = join(stateDir(), 'runs.sqlite')
    const first = openRunState(path)
    startRun(first, 'r1', 0)
    first.close()
    const again = openRunState(path, { busyTimeoutMs: 250 })
    try {
      expect(again.db.pragma('user_version', { simple: true })).toBe(RUN_STATE_SCHEMA_VERSION)
      expect(again.db.pragma('busy_timeout', { simple: true })).toBe(250)
      expect(again.db.prepare('SELECT id FROM runs').pluck().all()).toEqual(['r1'])
    } finally {
      again.close()
    }
  })

  it('applies only the migrations a file lacks, and rolls back a failing one whole', () => {
    const path = join(stateDir(), 'runs.sqlite')
    const second: RunStateMigration = { version: 2, description: 'notes', sql: 'CREATE TABLE notes (text TEXT) STRICT; INSERT INTO notes VALUES (\'hello\');' }
    openRunState(path).close()
    const upgraded = openRunState(path, { migrations: [...RUN_STATE_MIGRATIONS, second] })
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(2)
    expect(upgraded.db.prepare('SELECT text FROM notes').pluck().all()).toEqual(['hello'])
    upgraded.close()
    // Opening again applies nothing: the row is not inserted twice.
    const reopened = openRunState(path, { migrations: [...RUN_STATE_MIGRATIONS, second] })
    expect(reopened.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(1)
    reopened.close()

    const other = join(stateDir(), 'runs.sqlite')
    openRunState(other).close()
    const broken: RunStateMigration = { version: 2, description: 'broken', sql: 'CREATE TABLE half (x TEXT); INSERT INTO missing VALUES (1);' }
    expect(() => openRunState(other, { migrations: [...RUN_STATE_MIGRATIONS, broken] })).toThrow(/migration 2 \(broken\) failed and was rolled back/)
    const db = new Database(other)
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(tablesOf(db)).not.toContain('half')
    db.close()
  })

  it('refuses a file from a newer decruft, naming it, and leaves it alone', () => {
    const path = join(stateDir(), 'runs.sqlite')
    openRunState(path).close()
    const db = new Database(path)
    db.pragma('user_version = 7')
    db.close()
    let error: unknown
    try {
      openRunState(path)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(RunStateError)
    expect((error as RunStateError).path).toBe(path)
    expect((error as Error).message).toContain(path)
    expect((error as Error).message).toMatch(/schema version 7, newer than this decruft knows \(1\)/)
    const after = new Database(path)
    expect(after.pragma('user_version', { simple: true })).toBe(7)
    after.close()
  })

  it('refuses files that are not a decruft run state', () => {
    const dir = stateDir()
    const text = join(dir, 'notes.txt')
    writeFileSync(text, 'this is not a database, just some text that is long enough to have a header '.repeat(20))
    expect(() => openRunState(text)).toThrow(RunStateError)
    expect(() => openRunState(text)).toThrow(text)

    const foreign = join(dir, 'foreign.sqlite')
    const db = new Database(foreign)
    db.exec('CREATE TABLE customers (id INTEGER)')
    db.close()
    expect(() => openRunState(foreign)).toThrow(/not a decruft run state/)

    const otherApp = join(dir, 'other-app.sqlite')
    const other = new Database(otherApp)
    other.pragma('application_id = 12345')
    other.close()
    expect(() => openRunState(otherApp)).toThrow(/application_id 12345/)
  })

  it('documents every table and column of the schema', () => {
    const state = openRunState(join(stateDir(), 'runs.sqlite'))
    try {
      for (const table of tablesOf(state.db)) {
        expect(RUN_STATE_SCHEMA_DOC).toContain(`## ${table} `)
        const columns = state.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]
        expect(columns.length).toBeGreaterThan(0)
        for (const column of columns) expect(RUN_STATE_SCHEMA_DOC, `${table}.${column}`).toContain(`| \`${column}\` |`)
      }
    } finally {
      state.close()
    }
  })
})
