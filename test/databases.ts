import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db, type Dialect } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';

/** Both databases we support; storage, import and search tests run once per entry. */
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/** Server used for PostgreSQL tests; each test database is created and dropped by the test. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDb = Db & { drop(): Promise<void>; url: string };

/** Creates an empty, migrated database of the given dialect, unique to this call. */
export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  const suffix = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-test-'));
    const url = `sqlite:${path.join(dir, 'test.db')}`;
    const db = openDatabase(url);
    await migrateToLatest(db);
    return {
      ...db,
      url,
      drop: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `paperboy_test_${suffix}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = openDatabase(url, { poolSize: 5 });
  await migrateToLatest(db);
  return {
    ...db,
    url,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
