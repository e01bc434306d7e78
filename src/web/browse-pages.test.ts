import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';

const cardIds = (html: string) => [...html.matchAll(/<li class="card">.*?<a href="\/papers\/([^"]+)"/gs)].map((m) => m[1]);

describe.each(DIALECTS)('category and author pages on %s', (dialect) => {
  let app: App;
  let db: TestDb;
  beforeAll(async () => {
    ({ app, db } = await createTestApp(dialect));
    // 55 optimisation papers, one a day: two pages of 50, newest first.
    for (let i = 0; i < 55; i++) {
      const day = new Date(Date.UTC(2025, 0, 1 + i)).toISOString();
      await insertPaper(db, { arxivId: `2501.${String(20000 + i)}`, categories: ['math.OC'], publishedAt: day, authors: ['Solo Author'] });
    }
    const a = await insertPaper(db, { arxivId: '2510.00001', title: 'Listed and loved', categories: ['cs.CL', 'cs.LG'], authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'], upvotes: 50, publishedAt: '2025-10-01T00:00:00.000Z' });
    await insertPaper(db, { arxivId: '2510.00002', title: 'Second', categories: ['cs.CL'], authors: ['ada  lovelace', 'Alan Turing'], publishedAt: '2025-10-05T00:00:00.000Z' });
    await insertPaper(db, { arxivId: '2510.00003', title: 'Third', categories: ['cs.CL'], authors: ['Ada Lovelace', 'Emmy Noether'], publishedAt: '2025-10-03T00:00:00.000Z' });
    await insertPaper(db, { arxivId: '2510.00004', title: 'Slash', categories: ['quant-ph'], authors: ['A/B Team', 'Zoë <b>Bold</b>'], publishedAt: '2025-10-04T00:00:00.000Z' });
    await insertListing(db, a, '2025-10-29');
  });
  afterAll(() => db.drop());

  it('/categories groups categories with counts and names', async () => {
    const res = await app.request('/categories');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h2>Computer Science');
    expect(html).toContain('<h2>Mathematics');
    expect(html).toContain('<h2>Physics');
    expect(html).toMatch(/<a href="\/categories\/cs\.CL"><span class="tag">cs\.CL<\/span> Computation and Language<\/a> <span class="count">3<\/span>/);
    expect(html).toMatch(/href="\/categories\/math\.OC">.*?<span class="count">55<\/span>/);
    expect(html).toContain('href="/categories/quant-ph"');
    // Computer Science comes before Mathematics, as arXiv lists them.
    expect(html.indexOf('Computer Science')).toBeLessThan(html.indexOf('Mathematics'));
    expect(html).toContain('aria-current="page">Categories</a>');
  });

  it('/categories/:cat lists newest first, paged, with the trending papers first', async () => {
    const res = await app.request('/categories/cs.CL');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>cs.CL: Computation and Language</h1>');
    expect(html).toContain('3 papers, newest first');
    expect(html).toContain('Trending in cs.CL');
    // The highlight (the one listed paper), then all three newest first.
    expect(cardIds(html)).toEqual(['2510.00001', '2510.00002', '2510.00003', '2510.00001']);

    const first = await (await app.request('/categories/math.OC')).text();
    const ids = cardIds(first);
    expect(ids).toHaveLength(50);
    expect(ids[0]).toBe('2501.20054');
    expect(first).not.toContain('Trending in');
    expect(first).toContain('href="/categories/math.OC?p=2"');
    const second = await (await app.request('/categories/math.OC?p=2')).text();
    expect(cardIds(second)).toEqual(['2501.20004', '2501.20003', '2501.20002', '2501.20001', '2501.20000']);
    const past = await app.request('/categories/math.OC?p=3');
    expect(past.status).toBe(200);
    expect(await past.text()).toContain('There is no page 3');
  });

  it('/categories/:cat refuses malformed input and 404s unknown categories', async () => {
    expect((await app.request('/categories/cs.XX')).status).toBe(404);
    expect((await app.request('/categories/%3Cscript%3E')).status).toBe(400);
    expect((await app.request('/categories/cs.CL?p=0')).status).toBe(400);
    expect((await app.request('/categories/cs.CL?p=abc')).status).toBe(400);
    expect((await app.request(`/categories/${'a'.repeat(500)}`)).status).toBe(400);
  });

  it('/authors/:name lists the papers, case and spacing aside, with co-authors', async () => {
    const res = await app.request('/authors/Ada%20Lovelace');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Ada Lovelace</h1>');
    expect(html).toContain('3 papers on this site, newest first');
    expect(cardIds(html)).toEqual(['2510.00002', '2510.00003', '2510.00001']);
    // Alan Turing shares two papers, the others one each (alphabetical among equals).
    const coAuthors = [...html.matchAll(/<li><a href="(\/authors\/[^"]+)">([^<]+)<\/a> <span class="count">(\d+)<\/span><\/li>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(coAuthors).toEqual([
      ['/authors/Alan%20Turing', 'Alan Turing', '2'],
      ['/authors/Emmy%20Noether', 'Emmy Noether', '1'],
      ['/authors/Grace%20Hopper', 'Grace Hopper', '1'],
    ]);
    const lower = await app.request('/authors/ada%20%20LOVELACE');
    expect(lower.status).toBe(200);
    expect(cardIds(await lower.text())).toHaveLength(3);
  });

  it('/authors/:name handles slashes and markup in names', async () => {
    const slash = await app.request('/authors/A%2FB%20Team');
    expect(slash.status).toBe(200);
    const html = await slash.text();
    expect(html).toContain('<h1>A/B Team</h1>');
    expect(html).toContain('href="/authors/Zo%C3%AB%20%3Cb%3EBold%3C%2Fb%3E"');
    expect(html).not.toContain('<b>Bold</b>');
    const bold = await app.request('/authors/Zo%C3%AB%20%3Cb%3EBold%3C%2Fb%3E');
    expect(bold.status).toBe(200);
    expect(await bold.text()).toContain('<h1>Zoë &lt;b&gt;Bold&lt;/b&gt;</h1>');
  });

  it('/authors/:name refuses malformed input and 404s unknown names', async () => {
    expect((await app.request('/authors/Nobody%20Here')).status).toBe(404);
    expect((await app.request('/authors/%20')).status).toBe(400);
    expect((await app.request('/authors/a%00b')).status).toBe(400);
    expect((await app.request(`/authors/${'a'.repeat(301)}`)).status).toBe(400);
    expect((await app.request('/authors/Ada%20Lovelace?p=0')).status).toBe(400);
    expect((await app.request('/authors/Ada%20Lovelace?p=2')).status).toBe(200);
  });

  it('paper pages and cards link authors and categories', async () => {
    const paper = await (await app.request('/papers/2510.00001')).text();
    expect(paper).toContain('<a href="/authors/Ada%20Lovelace">Ada Lovelace</a>, <a href="/authors/Alan%20Turing">Alan Turing</a>');
    expect(paper).toContain('<a class="tag" href="/categories/cs.CL">cs.CL</a>');
    const day = await (await app.request('/papers/date/2025-10-29')).text();
    expect(day).toContain('<a href="/authors/Grace%20Hopper">Grace Hopper</a>');
    expect(day).toContain('<a class="tag" href="/categories/cs.LG">cs.LG</a>');
  });
});
