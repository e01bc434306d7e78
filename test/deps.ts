import { createApp } from '../src/app';
import { createArxivClient } from '../src/arxiv/arxiv-client';
import { loadConfig } from '../src/config';
import type { Deps } from '../src/deps';
import type { Dialect } from '../src/storage/database';
import { createMailer } from '../src/email/mailer';
import { silentLogger } from '../src/log';
import { createKeywordSearch } from '../src/storage/search/create-keyword-search';
import { createTestDb, type TestDb } from './databases';

/**
 * Deps over a fresh migrated database of `dialect`, with a fixed clock and a silent log. `env`
 * adds configuration (e.g. `SMTP_URL` of a test SMTP server; without it mail goes to the silent
 * log; `ARXIV_API_URL` of a replay server from test/arxiv-replay-server.ts for tests that submit
 * papers; other tests never reach arXiv).
 */
export async function createTestDeps(dialect: Dialect, now = new Date('2026-08-22T12:00:00Z'), env: Record<string, string> = {}): Promise<Deps & { db: TestDb }> {
  const db = await createTestDb(dialect);
  const config = loadConfig({ DATABASE_URL: db.url, SITE_URL: 'http://paperboy.test', IMPORT_SAMPLE: 'false', PAGE_CACHE_SECONDS: '0', ...env });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: silentLogger });
  // The real client, impatient: no spacing between requests, short timeouts, and backoff pauses
  // that end at once (the client's own tests check spacing and backoff with real time).
  const arxiv = createArxivClient({ baseUrl: config.arxivApiUrl, minIntervalMs: 0, timeoutMs: 2000, retries: 3, sleep: () => new Promise((resolve) => setImmediate(resolve)) });
  return { config, db, search: createKeywordSearch(db), log: silentLogger, mailer, arxiv, now: () => now };
}

/** The whole HTTP app over fresh test deps (see createTestDeps), for request-level tests. */
export async function createTestApp(dialect: Dialect, env: Record<string, string> = {}): Promise<{ app: ReturnType<typeof createApp>; db: TestDb; deps: Deps & { db: TestDb } }> {
  const deps = await createTestDeps(dialect, undefined, env);
  return { app: createApp(deps), db: deps.db, deps };
}
