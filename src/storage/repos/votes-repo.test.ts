import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trendingScore } from '../../domain/trending';
import { refreshPaperCounters } from '../../features/import/refresh-paper-counters';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/databases';
import { insertListing, insertPaper, insertUser } from '../../../test/factories';
import { deleteVote, insertVote, listVotedPaperIds } from './votes-repo';

const AT = '2026-08-22T12:00:00.000Z';

describe.each(DIALECTS)('votes repo on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(() => db.drop());

  const paperRow = (id: number) => db.kysely.selectFrom('papers').select(['imported_upvotes', 'upvotes', 'trending_score', 'first_listed_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const voteRows = async (paperId: number) => Number((await db.kysely.selectFrom('votes').select((eb) => eb.fn.countAll<number>().as('n')).where('paper_id', '=', paperId).executeTakeFirstOrThrow()).n);

  it('moves upvotes and the trending score only when a row really changes', async () => {
    const paper = await insertPaper(db, { upvotes: 7 });
    await insertListing(db, paper, '2026-08-20');
    const user = await insertUser(db);
    const before = await paperRow(paper);

    expect(await insertVote(db, { userId: user, paperId: paper, createdAt: AT })).toEqual({ isChanged: true, upvotes: 8 });
    const voted = await paperRow(paper);
    expect(voted.upvotes).toBe(8);
    expect(voted.trending_score).toBe(trendingScore(8, voted.first_listed_at!));
    expect(voted.trending_score).toBeGreaterThan(before.trending_score!);

    expect(await insertVote(db, { userId: user, paperId: paper, createdAt: AT })).toEqual({ isChanged: false, upvotes: 8 });
    expect(await voteRows(paper)).toBe(1);

    expect(await deleteVote(db, { userId: user, paperId: paper })).toEqual({ isChanged: true, upvotes: 7 });
    expect(await deleteVote(db, { userId: user, paperId: paper })).toEqual({ isChanged: false, upvotes: 7 });
    const after = await paperRow(paper);
    expect(after.upvotes).toBe(7);
    expect(after.trending_score).toBe(before.trending_score);
  });

  it('leaves the trending score of a never-listed paper null, as the importer does', async () => {
    const paper = await insertPaper(db, { upvotes: 2 });
    const user = await insertUser(db);
    await insertVote(db, { userId: user, paperId: paper, createdAt: AT });
    expect(await paperRow(paper)).toMatchObject({ upvotes: 3, trending_score: null });
  });

  it('stores what the importer would compute: refreshPaperCounters finds nothing to change', async () => {
    const paper = await insertPaper(db, { upvotes: 11 });
    await insertListing(db, paper, '2026-08-21');
    for (let i = 0; i < 3; i++) await insertVote(db, { userId: await insertUser(db), paperId: paper, createdAt: AT });
    const voted = await paperRow(paper);
    await refreshPaperCounters(db, [paper], new Map());
    expect(await paperRow(paper)).toEqual(voted);
    expect(voted.upvotes).toBe(voted.imported_upvotes + 3);
  });

  it('lists the voted papers among those asked about', async () => {
    const [a, b, c] = [await insertPaper(db), await insertPaper(db), await insertPaper(db)];
    const user = await insertUser(db);
    await insertVote(db, { userId: user, paperId: a, createdAt: AT });
    await insertVote(db, { userId: user, paperId: c, createdAt: AT });
    await insertVote(db, { userId: await insertUser(db), paperId: b, createdAt: AT });
    expect([...(await listVotedPaperIds(db, user, [a, b, c]))].sort()).toEqual([a, c].sort());
    expect(await listVotedPaperIds(db, user, [])).toEqual(new Set());
  });

  it('makes one row of 1,000 concurrent inserts by one user, and undoes it once of 1,000 concurrent deletes', async () => {
    const paper = await insertPaper(db, { upvotes: 40 });
    await insertListing(db, paper, '2026-08-22');
    const user = await insertUser(db);
    const inserts = await Promise.all(Array.from({ length: 1000 }, () => insertVote(db, { userId: user, paperId: paper, createdAt: AT })));
    expect(inserts.filter((r) => r.isChanged)).toHaveLength(1);
    expect(await voteRows(paper)).toBe(1);
    expect((await paperRow(paper)).upvotes).toBe(41);
    const deletes = await Promise.all(Array.from({ length: 1000 }, () => deleteVote(db, { userId: user, paperId: paper })));
    expect(deletes.filter((r) => r.isChanged)).toHaveLength(1);
    expect(await voteRows(paper)).toBe(0);
    expect(await paperRow(paper)).toMatchObject({ upvotes: 40, trending_score: trendingScore(40, '2026-08-22T08:00:00.000Z') });
  });
});
