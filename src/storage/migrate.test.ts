import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS, createTestDb } from '../../test/databases';
import { migrateToLatest } from './migrate';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('apply once and are a no-op the second time', async () => {
    const db = await createTestDb(dialect);
    try {
      expect(await migrateToLatest(db)).toEqual([]);
      const rows = await db.kysely.selectFrom('schema_migrations').select('name').execute();
      expect(rows.map((r) => r.name)).toContain('001-initial');
    } finally {
      await db.drop();
    }
  });

  it('012 stops on accounts whose names differ only in case, naming them, and changes nothing', async () => {
    const db = await createTestDb(dialect);
    try {
      // The database as it was before 012, holding what the old sign-up race could leave behind.
      await sql`drop index users_username_lower`.execute(db.kysely);
      await db.kysely.deleteFrom('schema_migrations').where('name', '=', '012-username-case').execute();
      const account = (username: string, email: string) => ({ username, fullname: username, email, password_hash: 'x', role: 'user', created_at: '2026-08-22T12:00:00.000Z' });
      await db.kysely.insertInto('users').values([account('Bob', 'bob1@example.org'), account('bob', 'bob2@example.org')]).execute();
      await expect(migrateToLatest(db)).rejects.toThrow('accounts whose user names differ only in case: bob; rename all but one of each (users.username) and start again');
      expect(await db.kysely.selectFrom('schema_migrations').select('name').where('name', '=', '012-username-case').execute()).toEqual([]);
      await db.kysely.updateTable('users').set({ username: 'bob-2' }).where('email', '=', 'bob2@example.org').execute();
      expect(await migrateToLatest(db)).toEqual(['012-username-case']);
    } finally {
      await db.drop();
    }
  });
});
