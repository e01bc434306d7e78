/**
 * Latency of the browsing pages and feeds, in process (app.request, no socket), page cache off.
 *
 *   npx tsx bench/browse-latency.ts --db sqlite:/tmp/bench-copy.db [--runs 30]
 *
 * The database must be migrated (009-browse adds the tables these pages read): run it on a copy
 * of bench/.data/bench.db, never on the original. Each path runs once to warm up, then `--runs`
 * times; prints p50/p95/max per path, body read included.
 */
import { parseArgs } from 'node:util';
import { createApp } from '../src/app';
import { createArxivClient } from '../src/arxiv/arxiv-client';
import { loadConfig } from '../src/config';
import { createMailer } from '../src/email/mailer';
import { silentLogger } from '../src/log';
import { openDatabase } from '../src/storage/database';
import { countPapers } from '../src/storage/repos/papers-repo';
import { createKeywordSearch } from '../src/storage/search/create-keyword-search';
import { percentile } from './lib/metrics';

const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '30' } } });
if (!values.db) {
  console.error('usage: browse-latency.ts --db <DATABASE_URL of a migrated copy> [--runs 30]');
  process.exit(2);
}
const runs = Number(values.runs);
const db = openDatabase(values.db);
const config = loadConfig({ DATABASE_URL: values.db, IMPORT_SAMPLE: 'false', PAGE_CACHE_SECONDS: '0', SITE_URL: 'http://bench.test' });
const deps = {
  config,
  db,
  search: createKeywordSearch(db),
  log: silentLogger,
  mailer: createMailer({ smtpUrl: null, from: config.mailFrom, log: silentLogger }),
  arxiv: createArxivClient({ baseUrl: config.arxivApiUrl }),
  now: () => new Date(),
};
const app = createApp(deps);

// The most prolific author and a typical one, found in the data rather than hard-coded.
const prolific = await db.kysely
  .selectFrom('paper_authors')
  .select(['name_key', (eb) => eb.fn.countAll<number>().as('n')])
  .groupBy('name_key')
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
const prolificName = (await db.kysely.selectFrom('paper_authors').select('name').where('name_key', '=', prolific.name_key).executeTakeFirstOrThrow()).name;
const typical = await db.kysely.selectFrom('paper_authors').select('name').orderBy('paper_id', 'desc').limit(1).executeTakeFirstOrThrow();

const paths = [
  '/categories',
  '/categories/cs.CL',
  '/categories/cs.AI?p=2000',
  '/categories/q-fin.TR',
  `/authors/${encodeURIComponent(prolificName)}`,
  `/authors/${encodeURIComponent(typical.name)}`,
  '/feeds/categories/cs.CL.rss',
  `/feeds/authors/${encodeURIComponent(prolificName)}.atom`,
  '/feeds/daily.rss',
  '/feeds/weekly.atom',
  '/feeds/trending.rss',
  '/feeds/search.rss?q=diffusion',
];

console.log(`${values.db}: ${await countPapers(db)} papers; ${runs} runs per path; prolific author ${prolificName} (${prolific.n} papers)`);
for (const path of paths) {
  const once = async () => {
    const t0 = performance.now();
    const res = await app.request(path);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return performance.now() - t0;
  };
  await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  const f = (n: number) => n.toFixed(1).padStart(6);
  console.log(`${path.padEnd(48)} p50 ${f(percentile(samples, 50))} ms  p95 ${f(percentile(samples, 95))} ms  max ${f(Math.max(...samples))} ms`);
}
await db.close();
