/** One numbered step of the run state's schema: applied once, in its own transaction. */
export interface RunStateMigration {
  /** The `PRAGMA user_version` the database has after this step. */
  readonly version: number
  readonly description: string
  readonly sql: string
}

/** `PRAGMA application_id` of a decruft run state ('DCRF'): tells it apart from other SQLite files. */
export const RUN_STATE_APPLICATION_ID = 0x44435246

/**
 * The schema of the run state, as migrations in version order; `openRunState` applies the ones
 * a file lacks. Never edit a released step: add a new one (the files in the field have run it).
 */
export const RUN_STATE_MIGRATIONS: readonly RunStateMigration[] = [
  {
    version: 1,
    description: 'runs, documents, signatures and shards',
    sql: `
      CREATE TABLE runs (
        id TEXT NOT NULL PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
        config_hash TEXT NOT NULL,
        rule_set_hash TEXT NOT NULL,
        inputs TEXT NOT NULL CHECK (json_valid(inputs)),
        out_dir TEXT NOT NULL,
        counts TEXT CHECK (counts IS NULL OR json_valid(counts)),
        report TEXT CHECK (report IS NULL OR json_valid(report)),
        CHECK ((status = 'running') = (finished_at IS NULL))
      ) STRICT;
      CREATE INDEX runs_by_status ON runs (status, started_at, id);
      CREATE INDEX runs_by_start ON runs (started_at, id);

      CREATE TABLE documents (
        content_hash TEXT NOT NULL,
        run_id TEXT NOT NULL REFERENCES runs (id),
        doc_id TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('written', 'rejected', 'duplicate')),
        code TEXT,
        PRIMARY KEY (content_hash, run_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE signatures (
        run_id TEXT NOT NULL REFERENCES runs (id),
        doc_id TEXT NOT NULL,
        chars INTEGER NOT NULL CHECK (chars >= 0),
        exact_key TEXT NOT NULL,
        signature BLOB NOT NULL CHECK (length(signature) > 0 AND length(signature) % 4 = 0),
        shingles INTEGER NOT NULL CHECK (shingles >= 0),
        shingle_words INTEGER NOT NULL CHECK (shingle_words >= 1),
        scheme INTEGER NOT NULL,
        PRIMARY KEY (run_id, doc_id)
      ) STRICT;

      CREATE TABLE shards (
        run_id TEXT NOT NULL REFERENCES runs (id),
        shard INTEGER NOT NULL CHECK (shard >= 0),
        status TEXT NOT NULL CHECK (status IN ('started', 'done')),
        files TEXT NOT NULL CHECK (json_valid(files)),
        PRIMARY KEY (run_id, shard)
      ) STRICT;
    `,
  },
]

/** The newest schema version this decruft knows; a file above it is refused. */
export const RUN_STATE_SCHEMA_VERSION: number = RUN_STATE_MIGRATIONS.at(-1)?.version ?? 0

/** The run state's schema for humans (operations, ad-hoc `sqlite3` queries): every table and column. */
export const RUN_STATE_SCHEMA_DOC = `# decruft run state (schema version ${RUN_STATE_SCHEMA_VERSION})

One SQLite file (WAL journal, \`synchronous=FULL\`) that scheduled runs share: which runs ran and
how they ended, which contents they saw, which documents they published, and, for resumable
runs, which shards are done. \`PRAGMA user_version\` is the schema version and
\`PRAGMA application_id\` is ${RUN_STATE_APPLICATION_ID} ('DCRF'). Times are ISO 8601 UTC strings
(\`2026-11-22T03:00:00.000Z\`), so they sort as text. JSON columns hold UTF-8 JSON text. One run
at a time writes the file: it holds \`<state>.lock\` first.

## runs — one row per run

| column | type | meaning |
|---|---|---|
| \`id\` | TEXT, primary key | the run id (as in the manifest) |
| \`started_at\` | TEXT | when the run started |
| \`finished_at\` | TEXT, NULL while running | when the run ended (or was found dead) |
| \`status\` | TEXT | \`running\`, \`succeeded\` (dataset and manifest published), \`failed\` (stopped by an error) or \`interrupted\` (left \`running\` by a process that died; set by the next run once it holds the lock) |
| \`config_hash\` | TEXT | hash of the pipeline configuration |
| \`rule_set_hash\` | TEXT | hash of the rule set |
| \`inputs\` | TEXT, JSON array of strings | the input paths as given |
| \`out_dir\` | TEXT | the output folder |
| \`counts\` | TEXT, JSON or NULL | the manifest's counts: \`{read, written, rejected, byCode}\` |
| \`report\` | TEXT, JSON or NULL | the report's comparable figures (\`ComparableRun\`: documents, rejects per code, documents and characters per rule), so the next run can show drift |

Indexes: \`runs_by_status (status, started_at, id)\` for the latest successful run,
\`runs_by_start (started_at, id)\` for listing.

## documents — the contents each run saw

| column | type | meaning |
|---|---|---|
| \`content_hash\` | TEXT | digest of the document's content, the same function in every run (the caller's choice, e.g. sha256 hex of the raw record) |
| \`run_id\` | TEXT → runs.id | the run that saw it |
| \`doc_id\` | TEXT | the document's id in that run |
| \`outcome\` | TEXT | \`written\` (in the dataset), \`rejected\` (error or filter) or \`duplicate\` (dropped as a duplicate) |
| \`code\` | TEXT or NULL | the rejection or drop code; NULL when written |

Primary key \`(content_hash, run_id)\`, WITHOUT ROWID: "was this content seen by a successful
run?" is one range lookup on the key's prefix joined to \`runs\` by its key, and each run keeps
its own row, so a failed run's rows never hide or replace a successful run's. A content met
twice in one run keeps one row: a \`written\` one replaces another outcome, else the first stays.

## signatures — duplicate-detection entries of the documents each run kept

| column | type | meaning |
|---|---|---|
| \`run_id\` | TEXT → runs.id | the run that kept the document; it counts as published once that run \`succeeded\` |
| \`doc_id\` | TEXT | the document id |
| \`chars\` | INTEGER | characters of the cleaned text (the survivor rule prefers the longest) |
| \`exact_key\` | TEXT | 64 hex digits: the exact-duplicate key of the cleaned text |
| \`signature\` | BLOB | the MinHash hashes, uint32 little-endian each (512 bytes for 128 hashes) |
| \`shingles\` | INTEGER | distinct shingles of the text (0 for a text without words) |
| \`shingle_words\` | INTEGER | words per shingle the signature was made with |
| \`scheme\` | INTEGER | signature scheme version (\`SIGNATURE_SCHEME\`); other versions are refused |

Primary key \`(run_id, doc_id)\`.

## shards — progress of resumable runs

| column | type | meaning |
|---|---|---|
| \`run_id\` | TEXT → runs.id | the run |
| \`shard\` | INTEGER | shard number, from 0 |
| \`status\` | TEXT | \`done\` (its output is complete); \`started\` is reserved for a shard begun and not finished |
| \`files\` | TEXT, JSON array | the files the shard wrote: \`{path, bytes, sha256, records}\` each |

Primary key \`(run_id, shard)\`.
`
