import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Db, Dialect } from './database';
import { migrations } from './migrations/index';

/** One forward-only schema change. `up` runs inside a transaction. */
export type Migration = {
  name: string;
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
};

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own transaction.
 * On PostgreSQL an advisory lock makes concurrent starts of several processes wait their turn.
 * Returns the names applied.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const k = db.kysely as Kysely<any>;
  await k.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await k.transaction().execute(async (trx) => {
      if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(727271)`.execute(trx);
      const seen = await trx
        .selectFrom('schema_migrations')
        .select('name')
        .where('name', '=', migration.name)
        .executeTakeFirst();
      if (seen) return false;
      await migration.up(trx, db.dialect);
      await trx
        .insertInto('schema_migrations')
        .values({ name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}
