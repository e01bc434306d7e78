/**
 * The personal feed through HTTP on a real server: `GET /api/for-you` (and the `/for-you` page)
 * for N synthetic readers with 5-50 upvotes each (half of them also keep a private collection of a
 * few papers; every third one marked 20 of the window's papers of their categories "Not interested",
 * the most the feed steers by), p50/p95/max over every request, then the server's resident memory.
 *
 *   npx tsx bench/for-you-latency.ts --db bench/.data/bench.db --embed-dir DIR [--users 50] [--runs 3]
 *
 * The database is never changed: it is copied (SQLite online backup) to a temporary directory,
 * the readers and their likes are created in the copy, and the copy is deleted at the end (kept
 * with --keep, for profiling). DIR
 * must hold a model and its index for that database (`paperboy embed train`, `embed index`).
 *
 * A reader's taste: 1-3 arXiv categories, drawn from the papers of the last year; likes are papers
 * of those categories published in the 365 days before the newest paper, dated over the 180 days
 * before it, plus one paper in ten from anywhere (noise). Seeded: the same database gives the same
 * readers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { seededRandom } from '../src/embed/seeded-random';
import { hashToken, newToken } from '../src/features/accounts/secret-token';
import { openDatabase } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';
import { insertAccount } from '../src/storage/repos/accounts-repo';
import { insertApiToken } from '../src/storage/repos/api-tokens-repo';
import { insertCollection, insertCollectionPaper } from '../src/storage/repos/collections-repo';
import { insertForYouHidden } from '../src/storage/repos/for-you-repo';
import { insertVote } from '../src/storage/repos/votes-repo';
import { percentile } from './lib/metrics';
import { startServer } from './lib/server';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'embed-dir': { type: 'string' },
    users: { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    port: { type: 'string', default: '3918' },
    seed: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
if (!values.db || !values['embed-dir']) throw new Error('usage: for-you-latency.ts --db FILE.db --embed-dir DIR [--users 50] [--runs 3]');
const source = values.db.replace(/^sqlite:/, '');
const runs = Number(values.runs);
const random = seededRandom(Number(values.seed));
const DAY = 86_400_000;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-for-you-bench-'));
const copy = path.join(scratch, 'bench.db');
try {
  const t0 = performance.now();
  const original = new Database(source, { readonly: true, fileMustExist: true });
  await original.backup(copy);
  original.close();
  console.log(`copied ${source} to ${copy} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const url = `sqlite:${copy}`;
  const db = openDatabase(url);
  await migrateToLatest(db);
  const newest = (await db.kysely.selectFrom('papers').select((eb) => eb.fn.max('published_at').as('t')).executeTakeFirstOrThrow()).t as string;
  const newestTime = Date.parse(newest);
  const yearAgo = new Date(newestTime - 365 * DAY).toISOString();
  const pool = await db.kysely.selectFrom('papers').select(['id', 'categories']).where('published_at', '>=', yearAgo).where('published_at', '<', new Date(newestTime - 30 * DAY).toISOString()).execute();
  const byCategory = groupByPrimaryCategory(pool);
  const recent = await db.kysely.selectFrom('papers').select(['id', 'categories']).where('published_at', '>=', new Date(newestTime - 30 * DAY).toISOString()).execute();
  const recentByCategory = groupByPrimaryCategory(recent);
  // Categories weighted by their papers: a reader picks a category as often as papers are in it.
  const categoryOfPaper = pool.map(primaryCategory);
  const pick = <T>(xs: readonly T[]) => xs[random.int(xs.length)]!;

  const tokens: string[] = [];
  let likeTotal = 0;
  for (let u = 0; u < Number(values.users); u++) {
    const at = new Date(newestTime - 200 * DAY).toISOString();
    const userId = (await insertAccount(db, { username: `bench_reader_${u}`, email: `bench_reader_${u}@example.org`, passwordHash: 'no-login', emailVerifiedAt: at, createdAt: at }))!;
    const token = `pb_${newToken()}`;
    await insertApiToken(db, { userId, name: 'bench', tokenHash: hashToken(token), createdAt: at });
    tokens.push(token);
    const tastes = Array.from({ length: 1 + random.int(3) }, () => pick(categoryOfPaper));
    const count = 5 + random.int(46);
    const liked = new Set<number>();
    while (liked.size < count) liked.add(random.next() < 0.1 ? pick(pool).id : pick(byCategory.get(pick(tastes))!));
    for (const paperId of liked) await insertVote(db, { userId, paperId, createdAt: new Date(newestTime - random.int(180) * DAY).toISOString() });
    likeTotal += liked.size;
    if (u % 2 === 0) {
      const collectionId = (await insertCollection(db, { userId, slug: 'reading', name: 'Reading', description: '', isPublic: false, at }))!;
      for (let i = 0; i < 3 + random.int(8); i++) {
        await insertCollectionPaper(db, { collectionId, paperId: pick(byCategory.get(pick(tastes))!), note: null, at: new Date(newestTime - random.int(90) * DAY).toISOString() });
      }
    }
    const dismissable = tastes.flatMap((t) => recentByCategory.get(t) ?? []);
    if (u % 3 === 0 && dismissable.length > 0) {
      for (let i = 0; i < 20; i++) {
        await insertForYouHidden(db, { userId, paperId: pick(dismissable), at: new Date(newestTime - random.int(20) * DAY).toISOString() });
      }
    }
  }
  await db.close();
  console.log(`${tokens.length} readers, ${likeTotal} upvotes (${(likeTotal / tokens.length).toFixed(1)} each), every other one with a private collection, every third one with 20 papers marked "Not interested"`);

  const server = await startServer(url, Number(values.port), { EMBED_DIR: values['embed-dir']!, RUN_JOBS: 'false', LOG_LEVEL: 'info', PAGE_CACHE_SECONDS: '0' });
  try {
    const get = async (route: string, token: string) => {
      const res = await fetch(`${server.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${body.slice(0, 200)}`);
      return body;
    };
    const t1 = performance.now();
    const first = JSON.parse(await get('/api/for-you', tokens[0]!)) as { source: string };
    console.log(`first feed (loads the model and index): ${(performance.now() - t1).toFixed(0)} ms, source ${first.source}`);
    if (first.source !== 'vector') throw new Error('the feed is not ranked by vectors: is the index in --embed-dir for this database?');

    const time = async (name: string, route: string) => {
      const samples: number[] = [];
      let papers = 0;
      for (const token of tokens) {
        await get(route, token);
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const body = await get(route, token);
          samples.push(performance.now() - t);
          if (route.startsWith('/api/')) papers += (JSON.parse(body) as { papers: unknown[] }).papers.length;
        }
      }
      const f = (x: number) => x.toFixed(1);
      const extra = route.startsWith('/api/') ? `  (${(papers / samples.length).toFixed(1)} papers a feed)` : '';
      console.log(`${name}: ${tokens.length} readers × ${runs}  p50=${f(percentile(samples, 50))} ms  p95=${f(percentile(samples, 95))} ms  max=${f(Math.max(...samples))} ms${extra}`);
    };
    await time('GET /api/for-you', '/api/for-you');
    await time('GET /for-you (page)', '/for-you');
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    console.log(`server memory: ${/VmRSS:\s+(\d+)/.exec(status)?.[1]} kB resident (peak ${/VmHWM:\s+(\d+)/.exec(status)?.[1]} kB)`);
  } finally {
    await server.stop();
  }
} finally {
  if (values.keep) console.log(`kept the copy with its readers: ${copy}`);
  else fs.rmSync(scratch, { recursive: true, force: true });
}

function primaryCategory(p: { categories: string }): string {
  return (JSON.parse(p.categories) as string[])[0] ?? 'none';
}

/** Paper ids by primary category. */
function groupByPrimaryCategory(papers: readonly { id: number; categories: string }[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const p of papers) {
    const primary = primaryCategory(p);
    const ids = groups.get(primary) ?? [];
    ids.push(p.id);
    groups.set(primary, ids);
  }
  return groups;
}
