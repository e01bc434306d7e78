import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper, insertUser } from '../../test/factories';
import { hubId } from './hub-id';

describe.each(DIALECTS)('GET /api/papers/:id on %s', (dialect) => {
  let deps: Awaited<ReturnType<typeof createTestApp>>['deps'];
  let app: App;

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    const carol = await insertUser(deps.db, { username: 'carol', fullname: 'Carol C.' });
    const id = await insertPaper(deps.db, {
      arxivId: '2401.01234',
      title: 'Attention Is Still All You Need',
      abstract: 'We show $x^2$ matters.',
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
      publishedAt: '2024-01-03T00:00:00.000Z',
      githubRepo: 'https://github.com/example/attention',
      projectPage: 'https://example.org/attention',
      upvotes: 42,
      numComments: 3,
    });
    await insertListing(deps.db, id, '2024-01-05', { submitterId: carol, submittedAt: '2024-01-05T06:30:00.000Z' });
    await insertListing(deps.db, id, '2024-01-09', { submitterId: null });
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001', title: 'An old string theory paper', abstract: null, authors: ['E. Witten'], publishedAt: '1999-01-04' });
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  it('answers the paper object with the Hub-only fields empty', async () => {
    const res = await app.request('/api/papers/2401.01234');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      id: '2401.01234',
      authors: [
        { _id: hubId('author', '2401.01234#0'), name: 'Ada Lovelace', hidden: false },
        { _id: hubId('author', '2401.01234#1'), name: 'Alan Turing', hidden: false },
        { _id: hubId('author', '2401.01234#2'), name: 'Grace Hopper', hidden: false },
      ],
      publishedAt: '2024-01-03T00:00:00.000Z',
      submittedOnDailyAt: '2024-01-05T06:30:00.000Z',
      title: 'Attention Is Still All You Need',
      submittedOnDailyBy: {
        _id: hubId('user', 'carol'),
        avatarUrl: 'http://paperboy.test/avatars/carol.svg',
        isPro: false,
        fullname: 'Carol C.',
        user: 'carol',
        type: 'user',
        name: 'carol',
      },
      summary: 'We show $x^2$ matters.',
      upvotes: 42,
      discussionId: hubId('discussion', '2401.01234'),
      projectPage: 'https://example.org/attention',
      githubRepo: 'https://github.com/example/attention',
      linkedModels: [],
      numTotalModels: 0,
      linkedDatasets: [],
      numTotalDatasets: 0,
      linkedSpaces: [],
      numTotalSpaces: 0,
    });
    expect(Object.keys(body)).not.toContain('comments');
  });

  it('finds versioned ids and old-style ids with a slash', async () => {
    const v = await app.request('/api/papers/2401.01234v3');
    expect(v.status).toBe(200);
    expect(((await v.json()) as { id: string }).id).toBe('2401.01234');
    const old = await app.request('/api/papers/hep-th/9901001');
    expect(old.status).toBe(200);
    const body = (await old.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: 'hep-th/9901001', summary: '', publishedAt: '1999-01-04T00:00:00.000Z' });
    expect(body).not.toHaveProperty('submittedOnDailyAt');
  });

  it('adds comments and the submission deadline when asked with field=', async () => {
    const one = (await (await app.request('/api/papers/2401.01234?field=comments')).json()) as Record<string, unknown>;
    expect(one.comments).toEqual([]);
    expect(one).not.toHaveProperty('submissionDeadline');
    const both = (await (await app.request('/api/papers/2401.01234?field=comments&field=submissionDeadline')).json()) as Record<string, unknown>;
    expect(both.comments).toEqual([]);
    expect(both.submissionDeadline).toBeNull();
  });

  it('answers 404 for an unknown paper and 400 for a malformed id or field', async () => {
    const unknown = await app.request('/api/papers/2401.99999');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'paper 2401.99999 is not on this server' });
    for (const bad of ['/api/papers/hello', '/api/papers/2413.01234', '/api/papers/..%2F..%2Fetc%2Fpasswd', '/api/papers/2401.01234?field=models', '/api/papers/%00']) {
      const res = await app.request(bad);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: string }).error.length, bad).toBeGreaterThan(5);
    }
  });
});
