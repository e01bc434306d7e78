import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database';

/**
 * Runs `fn` while holding a lock named `name` that other server processes on the same
 * PostgreSQL database wait for (a session advisory lock on one pooled connection). On SQLite,
 * where one process serves a database file, `fn` simply runs.
 */
export async function withExclusiveLock<T>(db: Db, name: string, fn: () => Promise<T>): Promise<T> {
  if (db.dialect !== 'postgres') return fn();
  const key = advisoryLockKey(name);
  return db.kysely.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${key})`.execute(connection);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}

/** The PostgreSQL advisory lock key of our lock `name` (one keyspace for all of Paperboy's locks). */
export function advisoryLockKey(name: string): number {
  return createHash('sha1').update(`paperboy:${name}`).digest().readInt32BE(0);
}
