/**
 * Search by meaning through HTTP on a real server: hybrid search (`/api/papers/search`, the
 * queries of bench/queries.txt) and similar papers (`/api/papers/:id/similar` for N papers drawn
 * with a fixed seed), p50/p95/max each, then the server's resident memory with the index loaded.
 *
 *   npx tsx bench/vector-latency.ts --db sqlite:bench/.data/bench.db --embed-dir DIR [--runs 3] [--papers 200]
 *
 * DIR must hold a model and its index (`paperboy embed train` then `paperboy embed index`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/embed/seeded-random';
import { openDatabase } from '../src/storage/database';
import { percentile } from './lib/metrics';
import { startServer } from './lib/server';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'embed-dir': { type: 'string' },
    runs: { type: 'string', default: '3' },
    papers: { type: 'string', default: '200' },
    port: { type: 'string', default: '3917' },
    queries: { type: 'string', default: path.join(import.meta.dirname, 'queries.txt') },
  },
});
if (!values.db || !values['embed-dir']) throw new Error('usage: vector-latency.ts --db <DATABASE_URL> --embed-dir DIR');
const runs = Number(values.runs);
const queries = fs.readFileSync(values.queries!, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

const db = openDatabase(values.db);
const all = (await db.kysely.selectFrom('papers').select('arxiv_id').orderBy('id').execute()).map((r) => r.arxiv_id);
await db.close();
const random = seededRandom(42);
const sample = Array.from({ length: Number(values.papers) }, () => all[random.int(all.length)]!);

const server = await startServer(values.db, Number(values.port), { EMBED_DIR: values['embed-dir']!, RUN_JOBS: 'false', LOG_LEVEL: 'info' });
try {
  const get = async (route: string) => {
    const res = await fetch(`${server.url}${route}`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${route}: HTTP ${res.status}`);
  };
  // The first search loads the model and index (and waits for it).
  const t0 = performance.now();
  await get('/api/papers/search?q=warm%20up');
  console.log(`first search (loads the model and index): ${(performance.now() - t0).toFixed(0)} ms`);
  const time = async (name: string, routes: string[]) => {
    const samples: number[] = [];
    for (const r of routes) {
      await get(r);
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await get(r);
        samples.push(performance.now() - t);
      }
    }
    const f = (x: number) => x.toFixed(1);
    console.log(`${name}: ${routes.length} × ${runs}  p50=${f(percentile(samples, 50))} ms  p95=${f(percentile(samples, 95))} ms  max=${f(Math.max(...samples))} ms`);
  };
  await time('hybrid /api/papers/search', queries.map((q) => `/api/papers/search?q=${encodeURIComponent(q)}`));
  await time('/api/papers/:id/similar', sample.map((id) => `/api/papers/${id}/similar`));
  const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  console.log(`server memory: ${/VmRSS:\s+(\d+)/.exec(status)?.[1]} kB resident (peak ${/VmHWM:\s+(\d+)/.exec(status)?.[1]} kB)`);
} finally {
  await server.stop();
}
