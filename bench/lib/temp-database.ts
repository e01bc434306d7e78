import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Db, type Dialect } from '../../src/storage/database';
import { migrateToLatest } from '../../src/storage/migrate';
import { PG_ADMIN } from './bench-databases';

/** A migrated scratch database that `drop()` deletes (a temp SQLite file or a fresh PG database). */
export async function createTempDatabase(dialect: Dialect): Promise<Db & { drop(): Promise<void> }> {
  const suffix = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-bench-'));
    const db = openDatabase(`sqlite:${path.join(dir, 'bench.db')}`);
    await migrateToLatest(db);
    return { ...db, drop: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `paperboy_bench_${suffix}`;
  await adminQuery(`create database ${name}`);
  const db = openDatabase(PG_ADMIN.replace(/\/[^/]*$/, `/${name}`), { poolSize: 4 });
  await migrateToLatest(db);
  return { ...db, drop: async () => { await db.close(); await adminQuery(`drop database if exists ${name} with (force)`); } };
}

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}
