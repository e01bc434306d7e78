import type BetterSqlite3 from 'better-sqlite3';
import { MAX_PARAMETERS } from './chunk-rows';

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
/** Statements kept per connection (least recently prepared dropped first). */
const CACHE_SIZE = 500;

/**
 * A prepared statement of `sqlite`, prepared once per `key` (`build` gives its SQL). The one
 * statement cache of a connection: Kysely's queries go through it by SQL text (database.ts),
 * and the importer's multi-row inserts by a short key per row count, so a batch import compiles
 * each shape once instead of per batch.
 */
export function cachedStatement(sqlite: BetterSqlite3.Database, key: string, build: () => string): BetterSqlite3.Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let statement = cache.get(key);
  if (statement) return statement;
  statement = sqlite.prepare(build());
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, statement);
  return statement;
}

/** `(?, ?, …), (?, ?, …)…`: the VALUES list of a multi-row insert. */
export function valuesList(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/** Rows per statement of insertRows: large enough that SQLite's own work dominates. */
const INSERT_CHUNK_ROWS = 1024;

/**
 * Inserts rows given as one flat list of values, `columns.length` per row, in multi-row
 * statements. The rows are cut into chunks of INSERT_CHUNK_ROWS and a remainder of power-of-two
 * sizes, so a long import prepares a dozen statement shapes once, not a new one for every batch's
 * odd row count (preparing a statement of thousands of placeholders costs more than running it).
 */
export function insertRows(sqlite: BetterSqlite3.Database, table: string, columns: readonly string[], values: unknown[]): void {
  const width = columns.length;
  const rowsPerChunk = Math.min(INSERT_CHUNK_ROWS, Math.floor(MAX_PARAMETERS / width));
  let row = 0;
  const total = values.length / width;
  while (row < total) {
    const left = total - row;
    const rows = left >= rowsPerChunk ? rowsPerChunk : 2 ** Math.floor(Math.log2(left));
    const statement = cachedStatement(sqlite, `insertRows:${table}:${rows}`, () =>
      `insert into ${table} (${columns.join(', ')}) values ${valuesList(rows, width)}`,
    );
    statement.run(values.slice(row * width, (row + rows) * width));
    row += rows;
  }
}
