import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { RunStateError } from './run-state-error.js'
import { RUN_STATE_APPLICATION_ID, RUN_STATE_MIGRATIONS, type RunStateMigration } from './run-state-schema.js'

/** An open run state: the database, the file it is (for messages), and how to close it. */
export interface RunState {
  readonly path: string
  readonly db: Database.Database
  close(): void
}

/** What `openRunState` can be told. */
export interface OpenRunStateOptions {
  /** How long a statement waits for another connection's write lock before failing (default 10 s). */
  readonly busyTimeoutMs?: number
  /** The migrations to apply (default `RUN_STATE_MIGRATIONS`; tests pass others). */
  readonly migrations?: readonly RunStateMigration[]
}

const DEFAULT_BUSY_TIMEOUT_MS = 10_000

/**
 * Opens the run state at `path`, creating the file and its folders when missing, and brings its
 * schema up to date so every run sees the same tables. The connection uses a WAL journal and
 * `synchronous=FULL`: in WAL mode NORMAL never corrupts the file, but an OS crash or power cut
 * can roll back the last commits, and the last commit is the one that marks a run `succeeded`
 * after its dataset is published; losing it would make the next run publish the same documents
 * again. FULL costs one fsync of the WAL per transaction, and a run makes few. Throws
 * RunStateError, naming the file, for a file that is not a decruft run state or whose schema
 * version is newer than this decruft knows (it would misread or damage it).
 */
export function openRunState(path: string, options: OpenRunStateOptions = {}): RunState {
  const migrations = options.migrations ?? RUN_STATE_MIGRATIONS
  const known = migrations.at(-1)?.version ?? 0
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (error) {
    throw new RunStateError(path, `cannot create its folder: ${(error as Error).message}`, { cause: error })
  }
  let db: Database.Database
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS })
  } catch (error) {
    throw new RunStateError(path, `cannot open the run state: ${(error as Error).message}`, { cause: error })
  }
  try {
    // The first statement reads the header: a file that is not SQLite fails here.
    const applicationId = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    if (applicationId !== 0 && applicationId !== RUN_STATE_APPLICATION_ID) {
      throw new RunStateError(path, `not a decruft run state (SQLite application_id ${applicationId}); give --state a file of its own`)
    }
    if (version > known) {
      throw new RunStateError(
        path,
        `the run state has schema version ${version}, newer than this decruft knows (${known}): it was written by a newer decruft. ` +
          'Run that version (or newer), or use another state file; this version will not read or change it.',
      )
    }
    if (version === 0) {
      const tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number
      if (tables > 0) throw new RunStateError(path, 'not a decruft run state (an SQLite database with tables but no schema version); give --state a file of its own')
    }
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`)
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string
    if (mode !== 'wal') throw new RunStateError(path, `cannot use a WAL journal here (SQLite kept "${mode}"); put the run state on a local file system`)
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    migrate(db, path, migrations, known)
  } catch (error) {
    db.close()
    if (error instanceof RunStateError) throw error
    throw new RunStateError(path, `not a usable run state: ${(error as Error).message}`, { cause: error })
  }
  return { path, db, close: () => db.close() }
}

/** Applies the migrations the file lacks, each with its new user_version in one transaction. */
function migrate(db: Database.Database, path: string, migrations: readonly RunStateMigration[], known: number): void {
  let previous = 0
  for (const migration of migrations) {
    if (migration.version !== previous + 1) throw new RunStateError(path, `migration ${migration.version} does not follow ${previous} (a bug in decruft)`)
    previous = migration.version
    const apply = db.transaction(() => {
      // Read again inside the write transaction: another connection may have migrated meanwhile.
      const version = db.pragma('user_version', { simple: true }) as number
      if (version > known) throw new RunStateError(path, `the run state has schema version ${version}, newer than this decruft knows (${known})`)
      if (version >= migration.version) return
      db.exec(migration.sql)
      if (migration.version === 1) db.pragma(`application_id = ${RUN_STATE_APPLICATION_ID}`)
      db.pragma(`user_version = ${migration.version}`)
    })
    try {
      apply.immediate()
    } catch (error) {
      if (error instanceof RunStateError) throw error
      throw new RunStateError(path, `schema migration ${migration.version} (${migration.description}) failed and was rolled back: ${(error as Error).message}`, { cause: error })
    }
  }
}
