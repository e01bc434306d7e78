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

  it('leaves out a paper marked "Not interested" (page form or API) for this reader only, and takes it back on Undo', async () => {
    const feedOf = async (who: TestAccount) => ((await (await getAs(f.app, f.deps, '/api/for-you', who)).json()) as ApiFeed).papers.map((p) => p.paper.id);
    const before = await feedOf(reader);
    const first = before[0]!;
    const page = await (await getAs(f.app, f.deps, '/for-you', reader)).text();
    expect((page.match(/<form method="post" action="\/for-you\/hide" class="inline-form">/g) ?? []).length).toBe(before.length);
    expect(page).toContain(`<input type="hidden" name="paper" value="${first}"/>`);

    const hid = await postForm(f.app, f.deps, '/for-you/hide', reader, { paper: first });
    expect(hid.status).toBe(303);
    expect(hid.headers.get('location')).toBe(`/for-you?hidden=${first}`);
    const after = await feedOf(reader);
    // (Every paper of the tiny corpus that fits is in the feed already: nothing new moves up. Its
    // close neighbours that are nearer to it than to the likes may leave with it: domain/for-you.ts.)
    expect(after).not.toContain(first);
    expect(after.length).toBeGreaterThan(0);
    expect(after).toEqual(before.filter((id) => after.includes(id)));
    const notice = await (await getAs(f.app, f.deps, `/for-you?hidden=${first}`, reader)).text();
    expect(notice).toContain('Hidden from your feed:');
    expect(notice).toContain('action="/for-you/unhide"');
    expect(notice).not.toContain(`<input type="hidden" name="paper" value="${first}"/><button type="submit" class="link-button" aria-label`);
    // Another reader with the same likes still gets it.
    const other = await createAccount(f.deps);
    for (const id of f.old('robots').slice(0, 2)) await postForm(f.app, f.deps, `${paperPath(id)}/vote`, other, { direction: 'up' });
    expect(await feedOf(other)).toContain(first);

    expect((await postForm(f.app, f.deps, '/for-you/unhide', reader, { paper: first })).headers.get('location')).toBe('/for-you');
    expect(await feedOf(reader)).toEqual(before);
    // Someone else's ?hidden= (or a paper not hidden) shows no notice.
    expect(await (await getAs(f.app, f.deps, `/for-you?hidden=${first}`, reader)).text()).not.toContain('Hidden from your feed');

    // The API: idempotent both ways.
    const call = (method: string, path: string, body?: unknown) =>
      Promise.resolve(f.app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }));
    expect(await (await call('POST', '/api/for-you/hidden', { id: first })).json()).toEqual({ hidden: true, id: first });
    expect(await (await call('POST', '/api/for-you/hidden', { id: `${first}v2` })).json()).toEqual({ hidden: false, id: first });
    expect(await feedOf(reader)).not.toContain(first);
    expect(await (await call('DELETE', `/api/for-you/hidden/${first}`)).json()).toEqual({ unhidden: true, id: first });
    expect(await (await call('DELETE', `/api/for-you/hidden/${first}`)).json()).toEqual({ unhidden: false, id: first });
    expect(await feedOf(reader)).toEqual(before);
  });

  it('refuses bad "Not interested" requests with a reason, and changes nothing', async () => {
    const call = (method: string, path: string, body?: string, auth = true) =>
      Promise.resolve(f.app.request(path, { method, headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body }));
    const rows = () => f.deps.db.kysely.selectFrom('for_you_hidden').selectAll().orderBy('user_id').orderBy('paper_id').execute();
    const stored = await rows();
    const cases: Array<[string, string, string | undefined, number, RegExp]> = [
      ['POST', '/api/for-you/hidden', '{"id": "not-an-id"}', 400, /arXiv id/i],
      ['POST', '/api/for-you/hidden', '{"id": "2601.99999"}', 404, /not on this site/],
      ['POST', '/api/for-you/hidden', '{"id": 42}', 400, /id must be a string/],
      ['POST', '/api/for-you/hidden', '[1, 2]', 400, /JSON object/],
      ['POST', '/api/for-you/hidden', 'not json', 400, /must be JSON/],
      ['POST', '/api/for-you/hidden', '{"id": ""}', 400, /required/],
      ['DELETE', '/api/for-you/hidden/not-an-id', undefined, 400, /arXiv id/i],
      ['DELETE', '/api/for-you/hidden/2601.99999', undefined, 404, /not on this site/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path} ${body}`).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect((await call('POST', '/api/for-you/hidden', '{"id": "2601.00001"}', false)).status).toBe(401);
    expect((await postForm(f.app, f.deps, '/for-you/hide', reader, { paper: 'garbage' })).status).toBe(400);
    expect((await postForm(f.app, f.deps, '/for-you/hide', reader, {})).status).toBe(400);
    expect(await rows()).toEqual(stored);
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
