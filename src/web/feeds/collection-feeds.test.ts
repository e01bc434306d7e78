import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import type { Deps } from '../../deps';
import { createAccount, type TestAccount } from '../../../test/accounts';
import { DIALECTS, type TestDb } from '../../../test/databases';
import { createTestApp } from '../../../test/deps';
import { atom, rss, SITE } from '../../../test/feed-checks';
import { insertPaper } from '../../../test/factories';

const HOSTILE_NAME = 'Reads <b>& "more"</b>';

describe.each(DIALECTS)('collection feeds on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let owner: TestAccount;
  let other: TestAccount;

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    owner = await createAccount(deps);
    other = await createAccount(deps);
    const first = await insertPaper(deps.db, { arxivId: '2510.00011', title: 'First <added> & kept', publishedAt: '2025-10-01T00:00:00.000Z' });
    const second = await insertPaper(deps.db, { arxivId: '2510.00012', title: 'Added later', publishedAt: '2025-09-01T00:00:00.000Z' });
    const old = await insertPaper(deps.db, { arxivId: 'hep-th/9901002', title: 'Old strings', abstract: null, authors: [], publishedAt: '1999-01-04T00:00:00.000Z' });
    const at = '2026-08-01T00:00:00.000Z';
    const insert = async (slug: string, name: string, isPublic: boolean) =>
      (await deps.db.kysely.insertInto('collections').values({ user_id: owner.id, slug, name, description: '', is_public: isPublic ? 1 : 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    const shown = await insert('shown', HOSTILE_NAME, true);
    const hidden = await insert('hidden', 'Hidden reads', false);
    await insert('empty', 'Nothing yet', true);
    // Added in an order unlike their publication dates: the feed follows the adding.
    await deps.db.kysely
      .insertInto('collection_papers')
      .values([
        { collection_id: shown, paper_id: first, added_at: '2026-08-02T10:00:00.000Z', note: null },
        { collection_id: shown, paper_id: second, added_at: '2026-08-05T09:30:00.000Z', note: 'read this' },
        { collection_id: shown, paper_id: old, added_at: '2026-08-03T00:00:00.000Z', note: null },
        { collection_id: hidden, paper_id: first, added_at: '2026-08-02T10:00:00.000Z', note: null },
      ])
      .execute();
  });
  afterAll(() => deps.db.drop());

  it('lists a public collection newest added first, dated when added, in both formats', async () => {
    const path = `/feeds/collections/${owner.username}/shown`;
    const feed = await rss(app, `${path}.rss`);
    expect(feed.items.map((i) => i.link)).toEqual([`${SITE}/papers/2510.00012`, `${SITE}/papers/hep-th/9901002`, `${SITE}/papers/2510.00011`]);
    expect(feed.items.map((i) => i.pubDate)).toEqual(['Wed, 05 Aug 2026 09:30:00 GMT', 'Mon, 03 Aug 2026 00:00:00 GMT', 'Sun, 02 Aug 2026 10:00:00 GMT']);
    expect(feed.items[2]!.title).toBe('First <added> & kept');
    expect(feed.channel.title).toContain(HOSTILE_NAME);
    expect(feed.channel.link).toBe(`${SITE}/users/${owner.username}/collections/shown`);
    expect(feed.channel.lastBuildDate).toBe('Wed, 05 Aug 2026 09:30:00 GMT');
    const entries = await atom(app, `${path}.atom`);
    expect(entries.entries.map((e) => e.published)).toEqual(['2026-08-05T09:30:00.000Z', '2026-08-03T00:00:00.000Z', '2026-08-02T10:00:00.000Z']);
    expect(entries.feed.updated).toBe('2026-08-05T09:30:00.000Z');
    expect(entries.feed.title['#text']).toContain(HOSTILE_NAME);
    const raw = await (await app.request(`${path}.atom`)).text();
    expect(raw).not.toContain('<b>');
    // The owner's name in any case finds the same collection (as the page does).
    expect((await rss(app, `/feeds/collections/${owner.username.toUpperCase()}/shown.rss`)).items).toHaveLength(3);
    // An empty public collection is a valid, empty feed.
    expect((await atom(app, `/feeds/collections/${owner.username}/empty.atom`)).entries).toEqual([]);
  });

  it('is a 404 for a private collection, to everyone, its owner included', async () => {
    for (const ext of ['rss', 'atom']) {
      const path = `/feeds/collections/${owner.username}/hidden.${ext}`;
      for (const who of [null, other, owner]) {
        const res = await app.request(path, { headers: who ? { cookie: who.cookie } : {} });
        expect(res.status, `${path} as ${who?.username ?? 'anonymous'}`).toBe(404);
        const body = await res.text();
        // The same answer as a collection that does not exist: nothing about it leaks.
        expect(body).not.toContain('Hidden reads');
        expect(body).not.toContain('2510.00011');
      }
    }
    const missing = await app.request(`/feeds/collections/${owner.username}/no-such.rss`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(`there is no collection ${owner.username}/no-such`);
    expect(await (await app.request(`/feeds/collections/${owner.username}/hidden.rss`)).text()).toBe(`there is no collection ${owner.username}/hidden`);
  });

  it('stops serving a feed once the collection is made private', async () => {
    const at = '2026-08-01T00:00:00.000Z';
    await deps.db.kysely.insertInto('collections').values({ user_id: owner.id, slug: 'turning', name: 'Turning', description: '', is_public: 1, created_at: at, updated_at: at }).execute();
    expect((await app.request(`/feeds/collections/${owner.username}/turning.rss`)).status).toBe(200);
    await deps.db.kysely.updateTable('collections').set({ is_public: 0 }).where('slug', '=', 'turning').execute();
    expect((await app.request(`/feeds/collections/${owner.username}/turning.rss`)).status).toBe(404);
  });

  it('announces the feeds on a public collection page only', async () => {
    const page = await (await app.request(`/users/${owner.username}/collections/shown`)).text();
    const base = `/feeds/collections/${owner.username}/shown`;
    expect(page).toContain(`<link rel="alternate" type="application/rss+xml" title="${HOSTILE_NAME.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')} (RSS)" href="${base}.rss"/>`);
    expect(page).toContain(`href="${base}.atom"`);
    expect(page).toMatch(/Feed: <a href="[^"]+">RSS<\/a> · <a href="[^"]+">Atom<\/a>/);
    const own = await app.request(`/users/${owner.username}/collections/hidden`, { headers: { cookie: owner.cookie } });
    expect(own.status).toBe(200);
    const ownHtml = await own.text();
    expect(ownHtml).not.toContain('rel="alternate"');
    expect(ownHtml).not.toContain('/feeds/collections/');
  });

  it('answers bad addresses with a 4xx as text', async () => {
    const cases: Array<[string, number]> = [
      [`/feeds/collections/${owner.username}/shown.xml`, 404],
      [`/feeds/collections/${owner.username}/%3Cscript%3E.rss`, 404],
      ['/feeds/collections/%00/shown.rss', 404],
      [`/feeds/collections/${owner.username}/${'a'.repeat(5000)}.atom`, 404],
      ['/feeds/collections/nobody-at-all/shown.rss', 404],
    ];
    for (const [path, status] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/plain/);
    }
  });
});
