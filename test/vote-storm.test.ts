import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import type { Deps } from '../src/deps';
import { trendingScore } from '../src/domain/trending';
import { createApiToken } from '../src/features/accounts/api-tokens';
import { castVote, type VoteLimits } from '../src/features/cast-vote';
import { refreshPaperCounters } from '../src/features/import/refresh-paper-counters';
import { DIALECTS, type TestDb } from './databases';
import { createTestApp } from './deps';
import { insertListing, insertPaper } from './factories';
import { viewerFor } from './viewer-for';

/**
 * The issue's "vote storm": many upvotes by one user on one paper at once make exactly one vote;
 * random concurrent votes and un-votes by many users leave every paper's count equal to its
 * imported upvotes plus its vote rows. Everything is put in flight together (one Promise.all);
 * on PostgreSQL the pool's five connections run the transactions side by side, which a sampler
 * of pg_stat_activity confirms.
 */
describe.each(DIALECTS)('vote storm on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
  });
  afterAll(() => deps.db.drop());

  const paperState = (id: number) =>
    deps.db.kysely.selectFrom('papers').select(['id', 'imported_upvotes', 'upvotes', 'trending_score', 'first_listed_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const voteRows = async (paperId: number) => Number((await deps.db.kysely.selectFrom('votes').select((eb) => eb.fn.countAll<number>().as('n')).where('paper_id', '=', paperId).executeTakeFirstOrThrow()).n);

  /** On PostgreSQL, the most sessions of the test database seen busy at once while `run` runs. */
  async function withConcurrencySampler<T>(run: () => Promise<T>): Promise<{ result: T; maxBusy: number | null }> {
    if (deps.db.dialect !== 'postgres') return { result: await run(), maxBusy: null };
    const client = new pg.Client({ connectionString: deps.db.url });
    await client.connect();
    let maxBusy = 0;
    let running = true;
    const sampling = (async () => {
      while (running) {
        const { rows } = await client.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state in ('active', 'idle in transaction')",
        );
        maxBusy = Math.max(maxBusy, rows[0]!.n);
      }
    })();
    try {
      return { result: await run(), maxBusy };
    } finally {
      running = false;
      await sampling;
      await client.end();
    }
  }

  it('1,000 concurrent upvote requests by one user through the HTTP API make exactly one vote', async () => {
    const paper = await insertPaper(deps.db, { upvotes: 25 });
    await insertListing(deps.db, paper, '2026-08-21');
    const arxivId = (await deps.db.kysely.selectFrom('papers').select('arxiv_id').where('id', '=', paper).executeTakeFirstOrThrow()).arxiv_id;
    const { token } = await createApiToken(deps, await viewerFor(deps), 'storm');
    const started = performance.now();
    const { result: responses, maxBusy } = await withConcurrencySampler(() =>
      Promise.all(
        Array.from({ length: 1000 }, () =>
          Promise.resolve(app.request(`${deps.config.siteUrl}/api/papers/${arxivId}/upvote`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })),
        ),
      ),
    );
    const ms = performance.now() - started;
    const statuses = new Map<number, number>();
    for (const r of responses) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    const bodies = await Promise.all(responses.filter((r) => r.status === 200).map((r) => r.json()));
    const state = await paperState(paper);
    console.log(
      `[vote storm ${dialect}] HTTP: 1000 requests in ${ms.toFixed(0)} ms; ${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}; vote rows ${await voteRows(paper)}; upvotes ${state.imported_upvotes} + 1 = ${state.upvotes}${maxBusy === null ? '' : `; at most ${maxBusy} database sessions busy at once`}`,
    );
    expect([...statuses.keys()].every((s) => s === 200 || s === 429)).toBe(true);
    // 600 votes an hour for an established account; the rest are refused with 429.
    expect(statuses.get(200)).toBe(600);
    expect(bodies.every((b) => JSON.stringify(b) === JSON.stringify({ upvotes: 26, hasVoted: true }))).toBe(true);
    expect(await voteRows(paper)).toBe(1);
    expect(state.upvotes).toBe(state.imported_upvotes + 1);
    expect(state.trending_score).toBe(trendingScore(26, state.first_listed_at!));
  });

  it('1,000 concurrent castVote calls by one user, with no rate limit in the way, make exactly one vote', async () => {
    const wide: VoteLimits = {
      perAccount: { name: 'storm-account', limit: 1_000_000, windowSeconds: 3600 },
      perIp: { name: 'storm-ip', limit: 1_000_000, windowSeconds: 3600 },
    };
    const paper = await insertPaper(deps.db, { upvotes: 7 });
    await insertListing(deps.db, paper, '2026-08-22');
    const arxivId = (await deps.db.kysely.selectFrom('papers').select('arxiv_id').where('id', '=', paper).executeTakeFirstOrThrow()).arxiv_id;
    const viewer = await viewerFor(deps);
    const started = performance.now();
    const { result, maxBusy } = await withConcurrencySampler(() =>
      Promise.all(Array.from({ length: 1000 }, () => castVote(deps, viewer, { arxivId, direction: 'up', ip: '192.0.2.1' }, wide))),
    );
    const ms = performance.now() - started;
    const state = await paperState(paper);
    console.log(
      `[vote storm ${dialect}] feature: 1000 calls in ${ms.toFixed(0)} ms; vote rows ${await voteRows(paper)}; upvotes ${state.imported_upvotes} + 1 = ${state.upvotes}${maxBusy === null ? '' : `; at most ${maxBusy} database sessions busy at once`}`,
    );
    expect(result.every((r) => r.upvotes === 8 && r.hasVoted)).toBe(true);
    expect(await voteRows(paper)).toBe(1);
    expect(state.upvotes).toBe(8);
    if (maxBusy !== null) expect(maxBusy).toBeGreaterThan(1);
  });

  it('random concurrent votes and un-votes by 50 users on 10 papers leave every count at imported + rows', async () => {
    const papers: Array<{ id: number; arxivId: string }> = [];
    for (let i = 0; i < 10; i++) {
      const id = await insertPaper(deps.db, { upvotes: 3 * i });
      await insertListing(deps.db, id, `2026-08-${String(10 + i)}`);
      papers.push({ id, arxivId: (await deps.db.kysely.selectFrom('papers').select('arxiv_id').where('id', '=', id).executeTakeFirstOrThrow()).arxiv_id });
    }
    const users: Array<{ viewer: Awaited<ReturnType<typeof viewerFor>>; token: string }> = [];
    for (let i = 0; i < 50; i++) {
      const viewer = await viewerFor(deps);
      users.push({ viewer, token: (await createApiToken(deps, viewer, 'storm')).token });
    }
    // A fixed-seed generator, so a failure can be replayed.
    let seed = 20260822;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ops = Array.from({ length: 600 }, () => ({
      user: users[Math.floor(random() * users.length)]!,
      paper: papers[Math.floor(random() * papers.length)]!,
      up: random() < 0.6,
      via: random() < 0.5 ? ('api' as const) : ('form' as const),
    }));
    const send = (op: (typeof ops)[number]) => {
      if (op.via === 'api') {
        return app.request(`${deps.config.siteUrl}/api/papers/${op.paper.arxivId}/upvote`, { method: op.up ? 'POST' : 'DELETE', headers: { authorization: `Bearer ${op.user.token}` } });
      }
      const { account } = op.user.viewer;
      return app.request(`${deps.config.siteUrl}/papers/${op.paper.arxivId}/vote`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', cookie: account.cookie, accept: 'application/json' },
        body: new URLSearchParams({ _csrf: account.csrf, direction: op.up ? 'up' : 'none' }),
      });
    };
    const started = performance.now();
    const { result: responses, maxBusy } = await withConcurrencySampler(() => Promise.all(ops.map((op) => Promise.resolve(send(op)))));
    const ms = performance.now() - started;
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);

    let rows = 0;
    for (const p of papers) {
      const state = await paperState(p.id);
      const n = await voteRows(p.id);
      rows += n;
      expect(state.upvotes, p.arxivId).toBe(state.imported_upvotes + n);
      expect(state.trending_score, p.arxivId).toBe(trendingScore(state.upvotes, state.first_listed_at!));
    }
    // The importer's recomputation from scratch agrees with what the votes left behind.
    const before = await Promise.all(papers.map((p) => paperState(p.id)));
    await refreshPaperCounters(deps.db, papers.map((p) => p.id), new Map());
    expect(await Promise.all(papers.map((p) => paperState(p.id)))).toEqual(before);
    // A (user, paper) pair with a single operation ends in exactly that state.
    const pairs = new Map<string, typeof ops>();
    for (const op of ops) pairs.set(`${op.user.viewer.id}:${op.paper.id}`, [...(pairs.get(`${op.user.viewer.id}:${op.paper.id}`) ?? []), op]);
    const votes = new Set((await deps.db.kysely.selectFrom('votes').select(['user_id', 'paper_id']).execute()).map((v) => `${v.user_id}:${v.paper_id}`));
    for (const [key, list] of pairs) if (list.length === 1) expect(votes.has(key), key).toBe(list[0]!.up);
    console.log(
      `[vote storm ${dialect}] random: ${ops.length} operations (${ops.filter((o) => o.up).length} up, ${ops.filter((o) => !o.up).length} none; ${ops.filter((o) => o.via === 'api').length} API, ${ops.filter((o) => o.via === 'form').length} form) by 50 users on 10 papers in ${ms.toFixed(0)} ms; all 200; ${rows} vote rows; every count = imported + rows${maxBusy === null ? '' : `; at most ${maxBusy} database sessions busy at once`}`,
    );
  });
});
