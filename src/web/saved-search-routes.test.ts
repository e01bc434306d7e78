import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import type { Deps } from '../deps';
import { toViewer } from '../domain/account';
import { createApiToken } from '../features/accounts/api-tokens';
import { findAccountById } from '../storage/repos/accounts-repo';
import { createAccount, getAs, postForm, type TestAccount } from '../../test/accounts';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { atom, rss, SITE } from '../../test/feed-checks';
import { insertPaper } from '../../test/factories';
import { insertSubscription } from '../../test/digests';

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'");

describe.each(DIALECTS)('saved searches on the web and in the API (%s)', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let member: TestAccount;
  let other: TestAccount;
  let bearer: string;

  const api = (method: string, path: string, body?: unknown, token = bearer) =>
    app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const rows = (who: TestAccount) => deps.db.kysely.selectFrom('saved_searches').selectAll().where('user_id', '=', who.id).orderBy('id').execute();

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    member = await createAccount(deps);
    other = await createAccount(deps);
    bearer = (await createApiToken(deps, toViewer((await findAccountById(deps.db, member.id))!), 'saved searches')).token;
    await insertPaper(deps.db, { arxivId: '2608.00001', title: 'Graph transformers at scale', categories: ['cs.LG'], githubRepo: 'https://github.com/g/t', publishedAt: '2026-08-01T00:00:00.000Z' });
  });
  afterAll(() => deps.db.drop());

  it('offers “Save this search” under results: the form to members, a log-in link to others, nothing without a search', async () => {
    const path = '/search?q=graph+transformers&category=cs.LG&code=1&sort=upvotes';
    const html = await (await getAs(app, deps, path, member)).text();
    const form = /<form method="post" action="\/saved-searches" class="save-search">([\s\S]*?)<\/form>/.exec(html)![1]!;
    const fields = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], unescape(m[2]!)]));
    expect(fields).toEqual({ _csrf: member.csrf, q: 'graph transformers', category: 'cs.LG', code: '1', sort: 'upvotes' });
    expect(form).toContain('Save this search');
    const anonymous = await (await getAs(app, deps, path, null)).text();
    expect(anonymous).not.toContain('action="/saved-searches"');
    expect(anonymous).toContain(`href="/login?next=${encodeURIComponent(path).replace(/&/g, '&amp;')}"`);
    expect(await (await getAs(app, deps, '/search', member)).text()).not.toContain('Save this search');
  });

  it('saves from the form, lists it with its link and feeds, and deletes it', async () => {
    const res = await postForm(app, deps, '/saved-searches', member, { q: 'graph transformers', category: 'cs.LG', code: '1', sort: 'upvotes', name: 'My <graphs>' });
    expect(res.status).toBe(303);
    const [row] = await rows(member);
    expect(row).toMatchObject({ name: 'My <graphs>', query: 'graph transformers', category: 'cs.LG', has_code: 1, sort: 'upvotes' });
    expect(res.headers.get('location')).toBe(`/saved-searches?saved=${row!.id}`);
    const page = await (await getAs(app, deps, res.headers.get('location')!, member)).text();
    expect(page).toContain('Saved: My &lt;graphs&gt;.');
    expect(page).toContain(`<a href="/search?q=graph+transformers&amp;category=cs.LG&amp;code=1&amp;sort=upvotes">My &lt;graphs&gt;</a>`);
    expect(page).toContain('“graph transformers” in cs.LG, with code');
    // The feed is the search's own feed, newest first (no saved order in it).
    const feed = '/feeds/search.rss?q=graph+transformers&category=cs.LG&code=1';
    expect(page).toContain(`href="${feed.replace(/&/g, '&amp;')}"`);
    expect(page).toContain(`href="${feed.replace('.rss', '.atom').replace(/&/g, '&amp;')}"`);
    expect(page).toContain('subscribe to the digest on your');
    // Other members see none of it.
    expect(await (await getAs(app, deps, '/saved-searches', other)).text()).toContain('None yet.');

    // Deleting someone else's: 404, and it stays.
    expect((await postForm(app, deps, `/saved-searches/${row!.id}/delete`, other)).status).toBe(404);
    expect((await postForm(app, deps, `/saved-searches/${row!.id}/delete`, member)).status).toBe(303);
    expect(await rows(member)).toEqual([]);
    expect((await postForm(app, deps, `/saved-searches/${row!.id}/delete`, member)).status).toBe(404);
  });

  it('shows new matching papers first in the saved search’s feed, valid RSS and Atom', async () => {
    const { savedSearches } = (await (await api('GET', '/api/saved-searches')).json()) as { savedSearches: unknown[] };
    expect(savedSearches).toEqual([]);
    const created = (await (await api('POST', '/api/saved-searches', { q: 'graph transformers', category: 'cs.LG' })).json()) as { feeds: { rss: string; atom: string } };
    await insertPaper(deps.db, { arxivId: '2608.00002', title: 'Graph transformers, newer', categories: ['cs.LG'], publishedAt: '2026-08-20T00:00:00.000Z' });
    await insertPaper(deps.db, { arxivId: '2608.00003', title: 'Graph transformers elsewhere', categories: ['cs.CV'], publishedAt: '2026-08-21T00:00:00.000Z' });
    const rssPath = created.feeds.rss.slice(SITE.length);
    const { items, channel } = await rss(app, rssPath);
    expect(items.map((i) => i.link)).toEqual([`${SITE}/papers/2608.00002`, `${SITE}/papers/2608.00001`]);
    expect(channel.link).toBe(`${SITE}/search?q=graph+transformers&category=cs.LG`);
    const { entries } = await atom(app, created.feeds.atom.slice(SITE.length));
    expect(entries.map((e) => e.id)).toEqual([`${SITE}/papers/2608.00002`, `${SITE}/papers/2608.00001`]);
  });

  it('refuses bad input with the reason (400), unverified members (403), and forms without the CSRF token', async () => {
    const before = (await rows(member)).length;
    const bad = await postForm(app, deps, '/saved-searches', member, { q: 'ok', from: '2025-05-01', to: '2025-01-01' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('This search was not saved: from (2025-05-01) is after to (2025-01-01).');
    const empty = await postForm(app, deps, '/saved-searches', member, { q: '  ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('needs words');
    const unverified = await createAccount(deps, { verified: false });
    const refused = await postForm(app, deps, '/saved-searches', unverified, { q: 'graphs' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('confirm your email address');
    const forged = await postForm(app, deps, '/saved-searches', { ...member, csrf: 'x'.repeat(43) }, { q: 'forged' });
    expect(forged.status).toBe(403);
    // An anonymous browser without even the logged-out CSRF pair is refused before the route.
    expect((await postForm(app, deps, '/saved-searches', null, { q: 'graphs' })).status).toBe(403);
    expect((await getAs(app, deps, '/saved-searches', null)).headers.get('location')).toBe('/login?next=%2Fsaved-searches');
    expect(await rows(member)).toHaveLength(before);
  });

  it('says on the page when alerts reach the member’s digest, and links the page from settings', async () => {
    const reader = await createAccount(deps);
    await insertSubscription(deps.db, { email: reader.email, userId: reader.id, cadence: 'weekly' });
    expect(await (await getAs(app, deps, '/saved-searches', reader)).text()).toContain('come in your weekly digest');
    expect(await (await getAs(app, deps, '/settings', reader)).text()).toContain('<a href="/saved-searches">saved searches</a>');
  });

  it('API: lists, saves (201, then 200 for the same search), deletes own only, with JSON errors', async () => {
    expect((await app.request('/api/saved-searches')).status).toBe(401);
    expect((await app.request('/api/saved-searches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"q":"x"}' })).status).toBe(401);
    const first = await api('POST', '/api/saved-searches', { q: 'diffusion', from: '2025-01-01', hasCode: true, name: 'Diffusion' });
    expect(first.status).toBe(201);
    const saved = (await first.json()) as Record<string, any>;
    expect(saved).toMatchObject({
      name: 'Diffusion',
      label: 'Diffusion',
      q: 'diffusion',
      filters: { from: '2025-01-01', to: null, category: null, hasCode: true },
      sort: null,
      url: `${SITE}/search?q=diffusion&from=2025-01-01&code=1`,
      feeds: { rss: `${SITE}/feeds/search.rss?q=diffusion&from=2025-01-01&code=1`, atom: `${SITE}/feeds/search.atom?q=diffusion&from=2025-01-01&code=1` },
    });
    const again = await api('POST', '/api/saved-searches', { q: 'diffusion', from: '2025-01-01', hasCode: true });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: number }).id).toBe(saved.id);
    const listed = (await (await api('GET', '/api/saved-searches')).json()) as { savedSearches: Array<{ id: number }> };
    expect(listed.savedSearches.map((s) => s.id)).toContain(saved.id);

    for (const [body, reason] of [
      [{ q: 'ok', sort: 'random' }, /sort must be/],
      [{ q: 5 }, /q must be a string/],
      [{ q: 'ok', hasCode: 'yes' }, /hasCode must be true or false/],
      [[1, 2], /JSON object/],
      [{}, /needs words/],
    ] as const) {
      const res = await api('POST', '/api/saved-searches', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(reason);
    }
    const notJson = await app.request('/api/saved-searches', { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);

    const otherToken = (await createApiToken(deps, toViewer((await findAccountById(deps.db, other.id))!), 'other')).token;
    const theirs = await api('DELETE', `/api/saved-searches/${saved.id}`, undefined, otherToken);
    expect(theirs.status).toBe(404);
    expect(((await theirs.json()) as { error: string }).error).toBe('you have no such saved search');
    const mine = await api('DELETE', `/api/saved-searches/${saved.id}`);
    expect(await mine.json()).toEqual({ deleted: true, id: saved.id });
    expect((await api('DELETE', `/api/saved-searches/${saved.id}`)).status).toBe(404);
    expect((await api('DELETE', '/api/saved-searches/abc')).status).toBe(404);

    // With the session cookie instead of a token, a write needs the CSRF header.
    const viaCookie = (csrf: string | null) =>
      app.request(`${SITE}/api/saved-searches`, {
        method: 'POST',
        headers: { cookie: member.cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        body: JSON.stringify({ q: 'session saved' }),
      });
    expect((await viaCookie(null)).status).toBe(403);
    expect((await viaCookie(member.csrf)).status).toBe(201);
  });
});
