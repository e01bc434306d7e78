import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { toViewer } from '../domain/account';
import { createApiToken } from '../features/accounts/api-tokens';
import { findAccountById } from '../storage/repos/accounts-repo';
import { paperPath } from '../web/format';
import { createAccount, getAs, postForm, type TestAccount } from '../../test/accounts';
import { DIALECTS } from '../../test/databases';
import { createForYouFixture, type ForYouFixture } from '../../test/for-you-fixture';

type ApiFeed = {
  source: string;
  likes: number;
  window: { from: string; to: string } | null;
  papers: Array<{ paper: { id: string; title: string }; score: number; because: { id: string; title: string } }>;
};

describe.each(DIALECTS)('"For you" page and API on %s', (dialect) => {
  let f: ForYouFixture;
  let reader: TestAccount;
  let token: string;
  const api = (path: string, headers: Record<string, string> = {}) => Promise.resolve(f.app.request(path, { headers }));

  beforeAll(async () => {
    f = await createForYouFixture(dialect);
    reader = await createAccount(f.deps);
    token = (await createApiToken(f.deps, toViewer((await findAccountById(f.deps.db, reader.id))!), 'feed')).token;
  });
  afterAll(async () => {
    await f.drop();
  });

  it('answers 401 without credentials or with a bad token, 400 for a bad limit', async () => {
    expect((await api('/api/for-you')).status).toBe(401);
    const bad = await api('/api/for-you', { authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
    for (const limit of ['0', '51', 'ten', '1e1', '-3']) {
      const res = await api(`/api/for-you?limit=${limit}`, { authorization: `Bearer ${token}` });
      expect(res.status, limit).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/limit: must be a whole number from 1 to 50/);
    }
    expect((await api('/api/for-you?limit=2&limit=3', { authorization: `Bearer ${token}` })).status).toBe(400);
  });

  it('lists nothing before the reader likes anything, then papers like the upvoted ones, with the reason', async () => {
    const empty = await api('/api/for-you', { authorization: `Bearer ${token}` });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('cache-control')).toBe('private, no-store');
    expect(await empty.json()).toEqual({ source: 'vector', likes: 0, window: { from: '2026-07-22', to: '2026-08-20' }, papers: [] });

    // Upvote through the site's own form, as a browser does.
    const liked = f.old('robots').slice(0, 2);
    for (const id of liked) expect((await postForm(f.app, f.deps, `${paperPath(id)}/vote`, reader, { direction: 'up' })).status).toBe(303);

    const res = await api('/api/for-you?limit=5', { authorization: `Bearer ${token}` });
    const feed = (await res.json()) as ApiFeed;
    expect(feed.likes).toBe(2);
    expect(feed.papers).toHaveLength(5);
    expect(feed.papers.map((p) => f.topicOf.get(p.paper.id))).toEqual(Array(5).fill('robots'));
    for (const p of feed.papers) {
      expect(liked).toContain(p.because.id);
      expect(p.score).toBeGreaterThan(0.5);
      expect(p.score).toBeLessThanOrEqual(1);
    }
    // The session cookie works as well as a token.
    const bySession = await getAs(f.app, f.deps, '/api/for-you?limit=5', reader);
    expect(((await bySession.json()) as ApiFeed).papers.map((p) => p.paper.id)).toEqual(feed.papers.map((p) => p.paper.id));
  });

  it('shows the feed on /for-you with "Because you liked" linking to the liked paper, and links it in the nav', async () => {
    const api = (await (await getAs(f.app, f.deps, '/api/for-you', reader)).json()) as ApiFeed;
    expect(api.papers.length).toBeGreaterThanOrEqual(5);
    const res = await getAs(f.app, f.deps, '/for-you', reader);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('<a href="/for-you" aria-current="page">For you</a>');
    expect((html.match(/<li class="card">/g) ?? []).length).toBe(api.papers.length);
    const reasons = [...html.matchAll(/Because you liked <a href="([^"]+)">/g)].map((m) => m[1]);
    expect(reasons).toHaveLength(api.papers.length);
    expect(new Set(reasons).size).toBeGreaterThanOrEqual(1);
    for (const href of reasons) expect(f.old('robots').slice(0, 2).map(paperPath)).toContain(href);
    expect(html).toContain('From 2 papers you liked');
  });

  it('explains the feed and links to log in for anonymous visitors; has no nav link for them', async () => {
    const res = await getAs(f.app, f.deps, '/for-you', null);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/login?next=%2Ffor-you"');
    expect(html).toContain('new papers like the ones you upvote');
    expect(html).not.toContain('<li class="card">');
    expect(html).not.toContain('<a href="/for-you"');
    expect(await (await getAs(f.app, f.deps, '/', null)).text()).not.toContain('href="/for-you"');
    expect(await (await getAs(f.app, f.deps, '/', reader)).text()).toContain('<a href="/for-you">For you</a>');
  });

  it('tells a reader without likes how to start', async () => {
    const html = await (await getAs(f.app, f.deps, '/for-you', await createAccount(f.deps))).text();
    expect(html).toContain('Nothing here yet: upvote papers or save them to a collection');
    expect(html).not.toContain('<li class="card">');
  });

  it('says so when the feed comes from title words because no vector index is loaded', async () => {
    const plain = createApp({ ...f.deps, vectors: undefined });
    const res = await getAs(plain, f.deps, '/for-you', reader);
    const html = await res.text();
    expect(html).toContain('Search by meaning is not available on this server right now');
    expect(html).toContain('Because you liked');
    const json = (await (await plain.request('/api/for-you', { headers: { authorization: `Bearer ${token}` } })).json()) as ApiFeed;
    expect(json.source).toBe('keyword');
    expect(json.papers.length).toBeGreaterThan(0);
  });
});
