import type BetterSqlite3 from 'better-sqlite3';

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
