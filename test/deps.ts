import type { Hono } from 'hono';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { Deps } from '../src/deps';
import type { Dialect } from '../src/storage/database';
import { silentLogger } from '../src/log';
import { createKeywordSearch } from '../src/storage/search/create-keyword-search';
import { createTestDb, type TestDb } from './databases';

/** Deps over a fresh migrated database of `dialect`, with a fixed clock and a silent log. */
export async function createTestDeps(dialect: Dialect, now = new Date('2026-08-22T12:00:00Z')): Promise<Deps & { db: TestDb }> {
  const db = await createTestDb(dialect);
  const config = loadConfig({ DATABASE_URL: db.url, SITE_URL: 'http://paperboy.test', IMPORT_SAMPLE: 'false', PAGE_CACHE_SECONDS: '0' });
  return { config, db, search: createKeywordSearch(db), log: silentLogger, now: () => now };
}

/** The whole HTTP app over fresh test deps (see createTestDeps), for request-level tests. */
export async function createTestApp(dialect: Dialect): Promise<{ app: Hono; db: TestDb; deps: Deps & { db: TestDb } }> {
  const deps = await createTestDeps(dialect);
  return { app: createApp(deps), db: deps.db, deps };
}
