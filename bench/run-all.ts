/**
 * `npm run bench`: every benchmark in one go, on SQLite and PostgreSQL, printing what
 * docs/benchmarks.md records. Steps (each also runnable alone):
 *   1. bench/import.ts          import of the 158k corpus into fresh databases, then again
 *   2. bench/prepare.ts         benchmark databases with the corpus and all daily listings
 *   3. bench/search-latency.ts  ~50 fixed queries through HTTP, p50/p95 (per database)
 *   4. bench/throughput.ts      autocannon on the daily page, a paper page and the API
 * Pass --sqlite-only to skip PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { BENCH_PG_URL, BENCH_SQLITE_URL } from './lib/bench-databases';
import { startServer } from './lib/server';

const sqliteOnly = process.argv.includes('--sqlite-only');
const dbs = sqliteOnly ? [BENCH_SQLITE_URL] : [BENCH_SQLITE_URL, BENCH_PG_URL];
const tsx = path.resolve(import.meta.dirname, '../node_modules/.bin/tsx');

function run(script: string, ...args: string[]): void {
  console.log(`\n$ tsx bench/${script} ${args.join(' ')}`);
  const r = spawnSync(tsx, [path.join(import.meta.dirname, script), ...args], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench/${script} failed with code ${r.status}`);
}

console.log(`# Paperboy benchmarks, ${new Date().toISOString()}, ${os.cpus().length}× ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
run('import.ts', ...(sqliteOnly ? ['--sqlite-only'] : []));
run('prepare.ts', ...(sqliteOnly ? ['--sqlite-only'] : []));
for (const db of dbs) {
  const server = await startServer(db, 3918, { PAGE_CACHE_SECONDS: '0' });
  try {
    run('search-latency.ts', '--url', server.url);
  } finally {
    await server.stop();
  }
}
run('throughput.ts', ...dbs.flatMap((db) => ['--db', db]));
