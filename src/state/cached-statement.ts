import type Database from 'better-sqlite3'
import type { RunState } from './open-run-state.js'

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** The prepared statement for `sql` on this state, prepared once per connection (lookups run per document). */
export function cachedStatement(state: RunState, sql: string): Database.Statement {
  let statements = cache.get(state.db)
  if (!statements) {
    statements = new Map()
    cache.set(state.db, statements)
  }
  let statement = statements.get(sql)
  if (!statement) {
    statement = state.db.prepare(sql)
    statements.set(sql, statement)
  }
  return statement
}
