import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper, insertUser } from '../../test/factories';

type Item = {
  paper: { id: string; upvotes: number; submittedOnDailyBy?: { user: string; name: string }; submittedOnDailyAt?: string };
  submittedBy?: { name: string; fullname: string; type: string; isPro: boolean; followerCount: number };
  title: string;
};

describe.each(DIALECTS)('GET /api/daily_papers on %s', (dialect) => {
  let deps: Awaited<ReturnType<typeof createTestApp>>['deps'];
  let app: App;

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    const db = deps.db;
    const alice = await insertUser(db, { username: 'alice', fullname: 'Alice A.' });
    const bob = await insertUser(db, { username: 'bob' });
    const add = async (id: string, upvotes: number, day: string, submitterId: number | null, publishedAt: string) => {
      const pid = await insertPaper(db, { arxivId: id, upvotes, publishedAt, title: `Paper\n  ${id}` });
      await insertListing(db, pid, day, { submitterId });
    };
    // Week 2025-W44 runs from Monday 2025-10-27 to Sunday 2025-11-02.
    await add('2510.00001', 5, '2025-10-27', alice, '2025-10-24T10:00:00.000Z');
    await add('2510.00002', 20, '2025-10-27', bob, '2025-10-22T10:00:00.000Z');
    await add('2510.00003', 1, '2025-10-27', null, '2025-10-25T10:00:00.000Z');
    await add('2510.00004', 7, '2025-10-29', alice, '2025-10-23T10:00:00.000Z');
    await add('2510.00005', 50, '2025-10-29', null, '2025-10-20T10:00:00.000Z');
    await add('2509.00006', 3, '2025-09-30', bob, '2025-09-29T10:00:00.000Z');
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  const ids = async (url: string) => {
    const res = await app.request(url);
    expect(res.status, url).toBe(200);
    return ((await res.json()) as Item[]).map((i) => i.paper.id);
  };

  it('answers the latest day with papers when no period is given, most upvoted first', async () => {
    expect(await ids('/api/daily_papers')).toEqual(['2510.00005', '2510.00004']);
  });

  it('lists a day, a week and a month', async () => {
    expect(await ids('/api/daily_papers?date=2025-10-27')).toEqual(['2510.00002', '2510.00001', '2510.00003']);
    expect(await ids('/api/daily_papers?week=2025-W44')).toEqual(['2510.00005', '2510.00002', '2510.00004', '2510.00001', '2510.00003']);
    expect(await ids('/api/daily_papers?month=2025-09')).toEqual(['2509.00006']);
    expect(await ids('/api/daily_papers?date=2025-10-28')).toEqual([]);
  });

  it('pages from 0 with limit, and a page past the end is []', async () => {
    expect(await ids('/api/daily_papers?week=2025-W44&limit=2&p=0')).toEqual(['2510.00005', '2510.00002']);
    expect(await ids('/api/daily_papers?week=2025-W44&limit=2&p=1')).toEqual(['2510.00004', '2510.00001']);
    expect(await ids('/api/daily_papers?week=2025-W44&limit=2&p=2')).toEqual(['2510.00003']);
    expect(await ids('/api/daily_papers?week=2025-W44&limit=2&p=3')).toEqual([]);
    expect(await ids('/api/daily_papers?month=2025-10&limit=100&p=99999')).toEqual([]);
  });

  it('filters by submitter and sorts by publication date or trending', async () => {
    expect(await ids('/api/daily_papers?week=2025-W44&submitter=alice')).toEqual(['2510.00004', '2510.00001']);
    expect(await ids('/api/daily_papers?week=2025-W44&submitter=nobody')).toEqual([]);
    expect(await ids('/api/daily_papers?week=2025-W44&sort=publishedAt')).toEqual(['2510.00003', '2510.00001', '2510.00004', '2510.00002', '2510.00005']);
    const trending = await ids('/api/daily_papers?week=2025-W44&sort=trending');
    expect([...trending].sort()).toEqual(['2510.00001', '2510.00002', '2510.00003', '2510.00004', '2510.00005']);
    expect(trending[0]).toBe('2510.00005'); // most upvotes and listed last
  });

  it('maps the submitter into submittedBy and paper.submittedOnDailyBy', async () => {
    const res = await app.request('/api/daily_papers?date=2025-10-27');
    const [first, second, third] = (await res.json()) as Item[];
    expect(first!.submittedBy).toMatchObject({ name: 'bob', fullname: 'bob', type: 'user', isPro: false, followerCount: 0 });
    expect(first!.paper.submittedOnDailyBy).toMatchObject({ user: 'bob', name: 'bob' });
    expect(second!.submittedBy?.fullname).toBe('Alice A.');
    expect(first!.paper.submittedOnDailyAt).toBe('2025-10-27T08:00:00.000Z');
    // No submitter: the optional fields are left out, never null.
    expect(third).not.toHaveProperty('submittedBy');
    expect(third!.paper).not.toHaveProperty('submittedOnDailyBy');
    expect(first!.title).toBe('Paper 2510.00002');
  });

  it.each([
    ['date=2025-02-30', 'calendar date'],
    ['date=2025-10', 'not a date'],
    ['date=', 'must not be empty'],
    ['week=2025-W54', 'weeks 01 to 52'],
    ['week=2025-44', 'not a week'],
    ['month=2025-13', 'month 13'],
    ['date=2025-10-27&week=2025-W44', 'at most one'],
    ['date=2025-10-27&date=2025-10-29', 'given 2 times'],
    ['p=-1', 'p: must be a whole number'],
    ['p=1000000000000', 'p: must be a whole number'],
    ['p=1e3', 'p: must be a whole number'],
    ['limit=0', 'limit: must be a whole number from 1 to 100'],
    ['limit=101', 'limit: must be a whole number from 1 to 100'],
    ['limit=1000000', 'limit: must be a whole number from 1 to 100'],
    ['sort=hot', 'sort: must be publishedAt or trending'],
    ['submitter=%00', 'control characters'],
  ])('refuses %s with 400 and a clear error', async (query, message) => {
    const res = await app.request(`/api/daily_papers?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toContain(message);
  });
});
