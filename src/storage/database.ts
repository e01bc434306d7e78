import path from 'node:path';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { cachedStatement } from './repos/sqlite-statements';
import type { FullTextSink } from './search/full-text-bulk-build';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle plus what a few dialect-specific places need to know. */
export type Db = {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** For SQLite: the absolute file path (or `:memory:`). For PostgreSQL: the URL. */
  location: string;
  /**
   * SQLite only: the better-sqlite3 handle under Kysely, for the few bulk writes where building
   * a query per batch costs more than the write (the importer's multi-row inserts, with cached
   * prepared statements). Same connection, so it runs inside Kysely's open transaction.
   * Only code in src/storage may use it.
   */
  sqlite?: BetterSqlite3.Database;
  /**
   * Set by the importer during a first bulk load into SQLite only: paper writes send their
   * searchable text here, to the thread that builds the full-text index (search/full-text-bulk-build.ts).
   */
  fullText?: FullTextSink;
  close(): Promise<void>;
};

// COUNT(*) and BIGINT come back from pg as strings by default; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

/**
 * Kysely prepares every query it runs; preparing a join with a subquery costs more than running
 * it on a small page. Kysely gets a view of the connection whose `prepare` reuses statements by
 * SQL text. Safe because Kysely runs one query at a time on the single SQLite connection.
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  return { close: () => sqlite.close(), prepare: (text: string) => cachedStatement(sqlite, text, () => text) };
}

/** Opens `sqlite:…` or `postgres://…`; creates the SQLite file's folder when missing. */
export function openDatabase(url: string, options: { poolSize?: number } = {}): Db {
  if (url.startsWith('sqlite:')) {
    const raw = url.slice('sqlite:'.length);
    const file = raw === ':memory:' ? raw : path.resolve(raw);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { kysely, dialect: 'sqlite', location: file, sqlite, close: () => kysely.destroy() };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => {});
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', location: url, close: () => kysely.destroy() };
  }
  throw new Error(`Unsupported DATABASE_URL "${url}": use sqlite:path or postgres://…`);
}
