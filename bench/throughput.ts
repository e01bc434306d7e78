/**
 * Page and API throughput through HTTP with autocannon on loopback.
 *
 *   npx tsx bench/throughput.ts --db sqlite:bench/.data/bench.db [--db postgres://…] [--duration 10]
 *
 * The database must already hold the corpus (bench/prepare.ts). Prints one line per target:
 * requests/s, p50, p99 latency. autocannon runs in this process, the server in a child process,
 * so each gets one of the two cores.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { BENCH_SQLITE_URL } from './lib/bench-databases';
import { startServer } from './lib/server';

const { values } = parseArgs({
  options: {
    db: { type: 'string', multiple: true },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    port: { type: 'string', default: '3917' },
    /** Page-cache settings to measure, comma-separated (0 = every request renders). */
    'cache-seconds': { type: 'string', default: '0,5' },
  },
});
const dbs = values.db ?? [BENCH_SQLITE_URL];
const duration = Number(values.duration);
const connections = Number(values.connections);

/** Runs autocannon against one path and returns the figures we record. */
async function measure(url: string, seconds = duration): Promise<{ rps: number; p50: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, duration: seconds, connections, pipelining: 1 });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

console.log(`# throughput ${new Date().toISOString()} on ${os.cpus().length}× ${os.cpus()[0]?.model} (${Math.round(os.totalmem() / 2 ** 30)} GiB), ${duration}s × ${connections} connections`);
const cacheSettings = values['cache-seconds'].split(',').map((s) => s.trim());
for (const db of dbs) for (const cacheSeconds of cacheSettings) {
  const dialect = `${db.startsWith('sqlite:') ? 'sqlite' : 'postgres'} cache=${cacheSeconds}s`;
  const server = await startServer(db, Number(values.port), { PAGE_CACHE_SECONDS: cacheSeconds });
  try {
    const latest = (await (await fetch(`${server.url}/api/daily_papers?limit=1`)).json()) as Array<{ paper: { id: string } }>;
    const paperId = latest[0]?.paper.id ?? '2510.24668';
    const targets = ['/', `/papers/${paperId}`, '/api/daily_papers', '/papers/trending'];
    for (const target of targets) {
      await measure(`${server.url}${target}`, 2); // warm-up run, discarded
      const m = await measure(`${server.url}${target}`);
      console.log(`${dialect.padEnd(18)} ${target.padEnd(28)} ${String(m.rps).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors} non-2xx ${m.non2xx}`);
    }
  } finally {
    await server.stop();
  }
}
