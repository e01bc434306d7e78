import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { DIALECTS, type TestDb } from '../../../test/databases';
import { createTestApp } from '../../../test/deps';
import { atom, rss, SITE, unescapeHtml } from '../../../test/feed-checks';
import { insertListing, insertPaper } from '../../../test/factories';

const HOSTILE_TITLE = 'Attention <script>alert(1)</script> & "friends" \u0001\u0008 at scale';
const CLEAN_TITLE = 'Attention <script>alert(1)</script> & "friends"  at scale';
const HOSTILE_ABSTRACT = 'We show x < y & z > w.\u000b Really.\n\nSecond paragraph with <b>tags</b>.';

describe.each(DIALECTS)('feeds on %s', (dialect) => {
  let app: App;
  let db: TestDb;
  beforeAll(async () => {
    ({ app, db } = await createTestApp(dialect));
    const hostile = await insertPaper(db, {
      arxivId: '2510.00001', title: HOSTILE_TITLE, abstract: HOSTILE_ABSTRACT, upvotes: 30,
      authors: ['Ada Lovelace', 'Zoë <Q> & Co'], categories: ['cs.CL', 'stat.ML'], publishedAt: '2025-10-27T00:00:00.000Z',
    });
    const second = await insertPaper(db, { arxivId: '2510.00002', title: 'Graph transformers', upvotes: 5, authors: ['Ada Lovelace'], publishedAt: '2025-10-28T00:00:00.000Z' });
    const old = await insertPaper(db, { arxivId: 'hep-th/9901001', title: 'Strings', abstract: null, authors: [], categories: ['hep-th'], publishedAt: '1999-01-04T00:00:00.000Z' });
    await insertListing(db, hostile, '2025-10-29');
    await insertListing(db, second, '2025-10-29');
    // Listed twice in the same month: one entry in the monthly feed.
    await insertListing(db, second, '2025-10-30');
    await insertListing(db, old, '2025-10-01');
  });
  afterAll(() => db.drop());

  it('daily, weekly and monthly feeds, latest and dated, in both formats', async () => {
    const latest = await rss(app, '/feeds/daily.rss');
    expect(latest.items.map((i) => i.link)).toEqual([`${SITE}/papers/2510.00002`]);
    const day = await rss(app, '/feeds/daily/2025-10-29.rss');
    expect(day.items.map((i) => i.link)).toEqual([`${SITE}/papers/2510.00001`, `${SITE}/papers/2510.00002`]);
    expect(day.channel.link).toBe(`${SITE}/papers/date/2025-10-29`);
    expect(day.items[0]!.pubDate).toBe('Wed, 29 Oct 2025 08:00:00 GMT');
    await atom(app, '/feeds/daily.atom');
    expect((await atom(app, '/feeds/weekly/2025-W44.atom')).entries).toHaveLength(2);
    expect((await rss(app, '/feeds/weekly.rss')).items).toHaveLength(2);
    const month = await atom(app, '/feeds/monthly/2025-10.atom');
    expect(month.entries.map((e) => e.id)).toEqual([`${SITE}/papers/2510.00001`, `${SITE}/papers/2510.00002`, `${SITE}/papers/hep-th/9901001`]);
    expect(month.feed.updated).toBe('2025-10-29T08:00:00.000Z');
    await rss(app, '/feeds/monthly.rss');
  });

  it('keeps hostile titles and abstracts well-formed and round-trips them', async () => {
    const { items } = await rss(app, '/feeds/daily/2025-10-29.rss');
    const item = items[0]!;
    expect(item.title).toBe(CLEAN_TITLE);
    // description is HTML (what readers expect): the abstract escaped once more, in paragraphs.
    expect(unescapeHtml(item.description!.replace(/<\/?p>/g, '|'))).toBe('|We show x < y & z > w. Really.||Second paragraph with <b>tags</b>.|');
    expect(item['dc:creator']).toEqual(['Ada Lovelace', 'Zoë <Q> & Co']);
    expect(item.category).toEqual(['cs.CL', 'stat.ML']);
    const { entries } = await atom(app, '/feeds/daily/2025-10-29.atom');
    expect(entries[0].title['#text']).toBe(CLEAN_TITLE);
    expect(entries[0].summary['@_type']).toBe('text');
    expect(entries[0].summary['#text']).toBe('We show x < y & z > w. Really.\n\nSecond paragraph with <b>tags</b>.');
    expect(entries[0].author.map((a: any) => a.name)).toEqual(['Ada Lovelace', 'Zoë <Q> & Co']);
    const raw = await (await app.request('/feeds/daily/2025-10-29.atom')).text();
    expect(raw).not.toContain('<script>');
    expect(raw).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('trending, search, category and author feeds', async () => {
    expect((await rss(app, '/feeds/trending.rss')).items.length).toBe(3);
    await atom(app, '/feeds/trending.atom');
    const search = await rss(app, '/feeds/search.rss?q=attention');
    expect(search.items.map((i) => i.link)).toEqual([`${SITE}/papers/2510.00001`]);
    expect(search.channel.link).toBe(`${SITE}/search?q=attention`);
    // Filters only, newest first by default.
    const filtered = await atom(app, '/feeds/search.atom?category=cs.CL');
    expect(filtered.entries.map((e) => e.id)).toEqual([`${SITE}/papers/2510.00002`, `${SITE}/papers/2510.00001`]);
    expect(filtered.entries[0].published).toBe('2025-10-28T00:00:00.000Z');
    const category = await rss(app, '/feeds/categories/cs.CL.rss');
    expect(category.items.map((i) => i.link)).toEqual([`${SITE}/papers/2510.00002`, `${SITE}/papers/2510.00001`]);
    expect(category.channel.title).toContain('Computation and Language');
    await atom(app, '/feeds/categories/hep-th.atom');
    const author = await atom(app, `/feeds/authors/${encodeURIComponent('Zoë <Q> & Co')}.atom`);
    expect(author.entries.map((e) => e.id)).toEqual([`${SITE}/papers/2510.00001`]);
    await rss(app, '/feeds/authors/ada%20lovelace.rss');
  });

  it('answers bad input with a 400 and unknown lists with a 404, as text', async () => {
    const cases: Array<[string, number]> = [
      ['/feeds/daily/2025-02-30.rss', 400],
      ['/feeds/weekly/2025-W54.atom', 400],
      ['/feeds/monthly/2025-13.rss', 400],
      ['/feeds/search.rss', 400],
      ['/feeds/search.rss?q=%00', 400],
      ['/feeds/search.atom?q=a&from=2025-05-01&to=2025-01-01', 400],
      ['/feeds/search.rss?q=a&p=0', 400],
      ['/feeds/categories/%3Cscript%3E.rss', 400],
      ['/feeds/categories/cs.XX.rss', 404],
      ['/feeds/authors/Nobody%20Here.atom', 404],
      ['/feeds/authors/%01.atom', 400],
      ['/feeds/daily.xml', 404],
      ['/feeds/nothing.rss', 404],
      ['/feeds/other/thing.rss', 404],
    ];
    for (const [path, status] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/plain/);
      expect((await res.text()).length, path).toBeGreaterThan(5);
    }
  });

  it('every list page links its feeds in the head and in the page', async () => {
    const pages: Array<[string, string]> = [
      ['/', '/feeds/daily.rss'],
      ['/papers/date/2025-10-29', '/feeds/daily/2025-10-29.rss'],
      ['/papers/week', '/feeds/weekly.rss'],
      ['/papers/month/2025-10', '/feeds/monthly/2025-10.rss'],
      ['/papers/trending', '/feeds/trending.rss'],
      ['/search?q=attention&category=cs.CL', '/feeds/search.rss?q=attention&amp;category=cs.CL'],
      ['/categories/cs.CL', '/feeds/categories/cs.CL.rss'],
      ['/authors/Ada%20Lovelace', '/feeds/authors/Ada%20Lovelace.rss'],
    ];
    for (const [page, feed] of pages) {
      const html = await (await app.request(page)).text();
      expect(html, page).toContain(`<link rel="alternate" type="application/rss+xml"`);
      expect(html, page).toContain(`href="${feed}"`);
      expect(html, page).toContain(`href="${feed.replace('.rss', '.atom')}"`);
      expect(html, page).toMatch(/Feed: <a href="[^"]+">RSS<\/a> · <a href="[^"]+">Atom<\/a>/);
    }
  });
});
