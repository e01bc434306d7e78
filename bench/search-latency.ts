/**
 * Search latency over the fixed queries of bench/queries.txt.
 *
 *   npx tsx bench/search-latency.ts --url http://127.0.0.1:3000          # through HTTP
 *   npx tsx bench/search-latency.ts --direct --db sqlite:bench/.data/search.db [--load papers.jsonl.gz]
 *
 * HTTP mode times `/api/papers/search?q=` and `/search?q=` on a running server (body read
 * included). Direct mode calls searchPapers on the database, in process; `--load` first fills
 * an empty database with a bulk insert of a papers file (e.g. ../shared/data/papers.jsonl.gz).
 * Each query runs once to warm up, then `--runs` times (default 3); prints p50/p95/max per target.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createArxivClient } from '../src/arxiv/arxiv-client';
import { loadConfig } from '../src/config';
import { importFiles } from '../src/features/import-files';
import { searchPapers } from '../src/features/search-papers';
import { createMailer } from '../src/email/mailer';
import { silentLogger } from '../src/log';
import { openDatabase } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';
import { countPapers } from '../src/storage/repos/papers-repo';
import { createKeywordSearch } from '../src/storage/search/create-keyword-search';
import { percentile } from './lib/metrics';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    direct: { type: 'boolean', default: false },
    db: { type: 'string' },
    load: { type: 'string' },
    runs: { type: 'string', default: '3' },
    queries: { type: 'string', default: path.join(import.meta.dirname, 'queries.txt') },
    verbose: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`search-latency: ${message}`);
  console.error('usage: search-latency.ts --url http://127.0.0.1:3000 | --direct --db <DATABASE_URL> [--load papers.jsonl.gz] [--runs 3]');
  process.exit(2);
}

const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) fail('--runs must be 1..100');
const queries = fs
  .readFileSync(values.queries!, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

type Target = { name: string; run(q: string): Promise<number> };

/** Times every query on every target; returns the samples per target, in ms. */
async function measure(targets: Target[]): Promise<void> {
  for (const t of targets) {
    const samples: number[] = [];
    const perQuery: Array<[string, number]> = [];
    for (const q of queries) {
      await t.run(q); // warm-up (first plan, cold pages)
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await t.run(q);
        times.push(performance.now() - t0);
      }
      samples.push(...times);
      perQuery.push([q, percentile(times, 50)]);
    }
    if (values.verbose) {
      for (const [q, ms] of perQuery.sort((a, b) => b[1] - a[1])) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${q}`);
    }
    const f = (x: number) => x.toFixed(1);
    console.log(`${t.name}: ${queries.length} queries × ${runs}  p50=${f(percentile(samples, 50))} ms  p95=${f(percentile(samples, 95))} ms  max=${f(Math.max(...samples))} ms`);
  }
}

if (values.url) {
  const base = values.url.replace(/\/+$/, '');
  const http = (route: string): Target => ({
    name: `${base}${route}`,
    async run(q) {
      const res = await fetch(`${base}${route}${encodeURIComponent(q)}`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${route}${q}: HTTP ${res.status}`);
      return res.status;
    },
  });
  await measure([http('/api/papers/search?q='), http('/search?q=')]);
} else if (values.direct) {
  if (!values.db) fail('--direct needs --db <DATABASE_URL>');
  const db = openDatabase(values.db);
  await migrateToLatest(db);
  if (values.load && (await countPapers(db)) === 0) {
    const t0 = performance.now();
    const deps = { db, log: silentLogger, now: () => new Date() };
    const n = (await importFiles(deps, { files: [values.load] })).papers.inserted;
    console.log(`loaded ${n} papers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log(`${values.db}: ${await countPapers(db)} papers`);
  const config = loadConfig({ DATABASE_URL: values.db, IMPORT_SAMPLE: 'false' });
  const mailer = createMailer({ smtpUrl: null, from: config.mailFrom, log: silentLogger });
  // The benchmark never submits papers; the client only completes Deps.
  const arxiv = createArxivClient({ baseUrl: config.arxivApiUrl });
  const deps = { config, db, search: createKeywordSearch(db), log: silentLogger, mailer, arxiv, now: () => new Date() };
  await measure([{ name: `searchPapers on ${db.dialect}`, run: async (q) => (await searchPapers(deps, { q })).total }]);
  await db.close();
} else {
  fail('give --url or --direct');
}
