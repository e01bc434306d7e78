/**
 * Builds the benchmark databases from the full corpus in ../shared/data: all 158k papers plus
 * every daily listing, on SQLite (bench/.data/bench.db) and PostgreSQL (database paperboy_bench).
 *
 *   npx tsx bench/prepare.ts [--sqlite-only] [--fresh]
 *
 * Skips a database that already holds the corpus unless --fresh.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { importFiles } from '../src/features/import-files';
import { silentLogger } from '../src/log';
import { openDatabase } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';
import { countPapers } from '../src/storage/repos/papers-repo';
import { createKeywordSearch } from '../src/storage/search/create-keyword-search';

import { BENCH_PG_URL, BENCH_SQLITE_URL, DATA, PG_ADMIN } from './lib/bench-databases';

const { values } = parseArgs({ options: { 'sqlite-only': { type: 'boolean' }, fresh: { type: 'boolean' } } });
const files = [path.join(DATA, 'papers.jsonl.gz'), path.join(DATA, 'daily.jsonl.gz')];

async function prepare(url: string): Promise<void> {
  if (url.startsWith('sqlite:') && values.fresh) fs.rmSync(url.slice(7), { force: true });
  if (url.startsWith('postgres')) {
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    if (values.fresh) await admin.query('drop database if exists paperboy_bench with (force)');
    const exists = await admin.query("select 1 from pg_database where datname = 'paperboy_bench'");
    if (exists.rowCount === 0) await admin.query('create database paperboy_bench');
    await admin.end();
  }
  const db = openDatabase(url);
  await migrateToLatest(db);
  const config = loadConfig({ DATABASE_URL: url, IMPORT_SAMPLE: 'false' });
  const deps = { config, db, search: createKeywordSearch(db), log: silentLogger, now: () => new Date() };
  if ((await countPapers(db)) >= 150_000) {
    console.log(`${url}: corpus already there`);
  } else {
    const t0 = performance.now();
    const summary = await importFiles(deps, { files });
    console.log(`${url}: imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`, JSON.stringify(summary));
  }
  await db.close();
}

await prepare(BENCH_SQLITE_URL);
if (!values['sqlite-only']) await prepare(BENCH_PG_URL);
