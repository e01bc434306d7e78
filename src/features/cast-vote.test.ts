import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps';
import { ForbiddenError } from '../domain/forbidden-error';
import { InputError } from '../domain/input-error';
import { NotFoundError } from '../domain/not-found-error';
import { trendingScore } from '../domain/trending';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';
import { viewerFor } from '../../test/viewer-for';
import { castVote, type VoteLimits } from './cast-vote';
import { listViewerVotes } from './list-viewer-votes';
import { RateLimitedError } from './rate-limit';

const WIDE: VoteLimits = {
  perAccount: { name: 'vote-test', limit: 1_000_000, windowSeconds: 3600 },
  perIp: { name: 'vote-ip-test', limit: 1_000_000, windowSeconds: 3600 },
};

describe.each(DIALECTS)('castVote on %s', (dialect) => {
  let deps: Deps & { db: TestDb };
  let paperId: number;
  beforeAll(async () => {
    deps = await createTestDeps(dialect);
    paperId = await insertPaper(deps.db, { arxivId: '2608.00001', upvotes: 10 });
    await insertListing(deps.db, paperId, '2026-08-21');
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001', upvotes: 3 });
  });
  afterAll(() => deps.db.drop());

  const paper = (arxivId = '2608.00001') =>
    deps.db.kysely.selectFrom('papers').select(['id', 'imported_upvotes', 'upvotes', 'trending_score', 'first_listed_at']).where('arxiv_id', '=', arxivId).executeTakeFirstOrThrow();
  const rows = async (id: number) => Number((await deps.db.kysely.selectFrom('votes').select((eb) => eb.fn.countAll<number>().as('n')).where('paper_id', '=', id).executeTakeFirstOrThrow()).n);

  it('votes and un-votes; the count stays imported + rows and the trending score follows', async () => {
    const viewer = await viewerFor(deps);
    const before = await paper();
    expect(await castVote(deps, viewer, { arxivId: '2608.00001', direction: 'up' })).toEqual({ upvotes: 11, hasVoted: true });
    const voted = await paper();
    expect(voted.upvotes).toBe(voted.imported_upvotes + (await rows(voted.id)));
    expect(voted.trending_score).toBe(trendingScore(11, voted.first_listed_at!));
    expect(voted.trending_score).toBeGreaterThan(before.trending_score!);
    expect(await listViewerVotes(deps, viewer, [voted.id])).toEqual(new Set([voted.id]));

    // up → up and, after un-voting, none → none change nothing.
    expect(await castVote(deps, viewer, { arxivId: '2608.00001', direction: 'up' })).toEqual({ upvotes: 11, hasVoted: true });
    expect(await castVote(deps, viewer, { arxivId: 'arXiv:2608.00001v2', direction: 'none' })).toEqual({ upvotes: 10, hasVoted: false });
    expect(await castVote(deps, viewer, { arxivId: '2608.00001', direction: 'none' })).toEqual({ upvotes: 10, hasVoted: false });
    expect(await paper()).toEqual(before);
    expect(await listViewerVotes(deps, viewer, [voted.id])).toEqual(new Set());
  });

  it('accepts old-style ids', async () => {
    const viewer = await viewerFor(deps);
    expect(await castVote(deps, viewer, { arxivId: 'hep-th/9901001', direction: 'up' })).toEqual({ upvotes: 4, hasVoted: true });
  });

  it('refuses unverified and banned accounts with a 403 that says why', async () => {
    const unverified = await viewerFor(deps, { verified: false });
    const error = await castVote(deps, unverified, { arxivId: '2608.00001', direction: 'up' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).status).toBe(403);
    expect((error as Error).message).toMatch(/^confirm your email address before voting/);
    const banned = await viewerFor(deps, { banned: true });
    await expect(castVote(deps, banned, { arxivId: '2608.00001', direction: 'up' })).rejects.toThrow(/banned accounts cannot vote/);
    expect(await rows((await paper()).id)).toBe(0);
  });

  it('answers bad input with InputError and an unknown paper with NotFoundError', async () => {
    const viewer = await viewerFor(deps);
    await expect(castVote(deps, viewer, { arxivId: '2608.00001', direction: 'down' })).rejects.toThrow(InputError);
    await expect(castVote(deps, viewer, { arxivId: 'not an id', direction: 'up' })).rejects.toThrow(InputError);
    await expect(castVote(deps, viewer, { arxivId: undefined, direction: 'up' })).rejects.toThrow(InputError);
    const missing = await castVote(deps, viewer, { arxivId: '2608.99999', direction: 'up' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).status).toBe(404);
  });

  it('limits votes per account, stricter for accounts younger than a day', async () => {
    const young = await viewerFor(deps, { createdAt: new Date(deps.now().getTime() - 3600_000).toISOString() });
    const results = [];
    for (let i = 0; i < 125; i++) {
      results.push(await castVote(deps, young, { arxivId: '2608.00001', direction: i % 2 ? 'none' : 'up' }).then(() => 'ok', (e: unknown) => e));
    }
    expect(results.filter((r) => r === 'ok')).toHaveLength(120);
    expect(results.at(-1)).toBeInstanceOf(RateLimitedError);
  });

  it('limits votes per IP', async () => {
    const limits: VoteLimits = { perAccount: WIDE.perAccount, perIp: { name: 'vote-ip-small', limit: 2, windowSeconds: 3600 } };
    const a = await viewerFor(deps);
    const b = await viewerFor(deps);
    await castVote(deps, a, { arxivId: '2608.00001', direction: 'up', ip: '192.0.2.9' }, limits);
    await castVote(deps, b, { arxivId: '2608.00001', direction: 'up', ip: '192.0.2.9' }, limits);
    await expect(castVote(deps, b, { arxivId: '2608.00001', direction: 'none', ip: '192.0.2.9' }, limits)).rejects.toThrow(RateLimitedError);
    await castVote(deps, b, { arxivId: '2608.00001', direction: 'none', ip: '198.51.100.1' }, limits);
    await castVote(deps, a, { arxivId: '2608.00001', direction: 'none', ip: '198.51.100.1' }, limits);
  });
});
