import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';

async function get(app: App, path: string) {
  const res = await app.request(path);
  return { status: res.status, html: await res.text() };
}

const resultIds = (html: string) => [...html.matchAll(/<li class="card">.*?<a href="\/papers\/([^"]+)"/g)].map((m) => m[1]!);

describe.each(DIALECTS)('search page on %s', (dialect) => {
  let app: App;
  let db: TestDb;
  beforeAll(async () => {
    ({ app, db } = await createTestApp(dialect));
    const kaz = await insertPaper(db, {
      arxivId: '2404.04487',
      title: 'KazQAD: Kazakh Open-Domain Question Answering Dataset',
      abstract: `${'Background words about many things. '.repeat(12)}We introduce a Kazakh dataset for question answering. ${'More words. '.repeat(30)}`,
      publishedAt: '2024-04-06T00:00:00.000Z',
      categories: ['cs.CL'],
      githubRepo: 'https://github.com/is2ai/KazQAD',
      upvotes: 3,
    });
    await insertListing(db, kaz, '2024-04-09');
    await insertPaper(db, {
      arxivId: '2405.00001',
      title: 'Modeling Kazakh <script>alert(1)</script> morphology',
      abstract: 'Kazakh morphology is rich.',
      publishedAt: '2024-05-01T00:00:00.000Z',
      categories: ['cs.CL'],
      upvotes: 10,
    });
    await insertPaper(db, { arxivId: '2406.00001', title: 'Vision transformers', publishedAt: '2024-06-01T00:00:00.000Z', categories: ['cs.CV'] });
  });
  afterAll(() => db.drop());

  it('shows the form alone for an empty query', async () => {
    const { status, html } = await get(app, '/search');
    expect(status).toBe(200);
    expect(html).toContain('<form class="search-form" action="/search" method="get"');
    expect(resultIds(html)).toEqual([]);
    expect(html).not.toContain('results');
  });

  it('lists matches with highlighted words, a count and sort links', async () => {
    const { status, html } = await get(app, '/search?q=kazakh');
    expect(status).toBe(200);
    expect(html).toContain('2 results');
    expect(resultIds(html)).toHaveLength(2);
    expect(html).toContain('<mark>Kazakh</mark>');
    expect(html).toContain('<a href="https://github.com/is2ai/KazQAD">Code: is2ai/KazQAD</a>');
    expect(html).toContain('href="/papers/date/2024-04-09"');
    expect(html).toContain('href="/search?q=kazakh&amp;sort=upvotes"');
    expect(html).toContain('value="kazakh"');
  });

  it('escapes titles and cuts long abstracts to a snippet around the match', async () => {
    const { html } = await get(app, '/search?q=kazakh');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    const snippet = /<p class="snippet">(.*?)<\/p>/s.exec(html.slice(html.indexOf('2404.04487')))![1]!;
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>Kazakh</mark>');
    expect(snippet.replace(/<[^>]+>/g, '').length).toBeLessThan(320);
  });

  it('sorts by upvotes and newest', async () => {
    expect(resultIds((await get(app, '/search?q=kazakh&sort=upvotes')).html)).toEqual(['2405.00001', '2404.04487']);
    expect(resultIds((await get(app, '/search?q=kazakh&sort=newest')).html)).toEqual(['2405.00001', '2404.04487']);
  });

  it('filters by dates, category and code, with or without words', async () => {
    expect(resultIds((await get(app, '/search?q=kazakh&to=2024-04-30')).html)).toEqual(['2404.04487']);
    expect(resultIds((await get(app, '/search?q=kazakh&code=1')).html)).toEqual(['2404.04487']);
    const byCategory = await get(app, '/search?category=cs.CV');
    expect(resultIds(byCategory.html)).toEqual(['2406.00001']);
    expect(byCategory.html).toContain('value="cs.CV"');
    expect(resultIds((await get(app, '/search?from=2024-05-01')).html)).toEqual(['2406.00001', '2405.00001']);
  });

  it('says so when nothing matches', async () => {
    const { status, html } = await get(app, '/search?q=zzzyzx');
    expect(status).toBe(200);
    expect(html).toContain('No paper matches this search.');
  });

  it.each([
    ['/search?q=a&from=2024-05-01&to=2024-04-01', 'from (2024-05-01) is after to (2024-04-01)'],
    ['/search?q=a&from=2024-02-30', 'from: 2024-02-30 is not a calendar date'],
    ['/search?q=a&to=yesterday', 'to: '],
    ['/search?q=a&p=0', 'p must be a page number'],
    ['/search?q=a&p=1000000000000', 'p must be a page number'],
    ['/search?q=a&sort=best', 'sort must be relevance, newest or upvotes'],
    ['/search?q=a&category=%3Cscript%3E', 'category must be'],
    ['/search?q=a%00b', 'control characters'],
    [`/search?q=${'a'.repeat(10_001)}`, 'at most 10000'],
  ])('answers %s with a 400 page', async (path, message) => {
    const { status, html } = await get(app, path);
    expect(status).toBe(400);
    expect(html).toContain('Bad request');
    expect(html).toContain(message.replaceAll('<', '&lt;'));
    expect(html).not.toContain('<script>');
  });

  it.each(['"unbalanced', '(a OR b', 'NEAR(a b)', '* -', ':', '\u202Ekazakh', 'ka\u200Bzakh', '<script>alert(1)</script>'])(
    'answers the odd query %s with a normal page',
    async (q) => {
      const { status, html } = await get(app, `/search?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(html).not.toContain('<script>');
    },
  );
});
