import type BetterSqlite3 from 'better-sqlite3';

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/**
 * A prepared statement of `sqlite`, prepared once per `key`. Multi-row inserts have one text
 * per row count, and a batch import repeats the same few counts, so each is compiled once
 * instead of per batch.
 */
export function cachedStatement(sqlite: BetterSqlite3.Database, key: string, build: () => string): BetterSqlite3.Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let statement = cache.get(key);
  if (!statement) cache.set(key, (statement = sqlite.prepare(build())));
  return statement;
}

/** `(?, ?, …), (?, ?, …)…`: the VALUES list of a multi-row insert. */
export function valuesList(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}
