import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper, insertUser } from '../../test/factories';
import type { TestDb } from '../../test/databases';

async function get(app: App, path: string): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await app.request(path);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** The arXiv ids of the cards, in page order. */
function cardIds(html: string): string[] {
  return [...html.matchAll(/<li class="card">.*?<a href="\/papers\/([^"]+)"/g)].map((m) => m[1]!);
}

describe.each(DIALECTS)('period pages on %s', (dialect) => {
  let app: App;
  let db: TestDb;
  beforeAll(async () => {
    ({ app, db } = await createTestApp(dialect));
    const ak = await insertUser(db, { username: 'akhaliq', fullname: 'AK' });
    const a = await insertPaper(db, {
      arxivId: '2510.00001',
      title: 'Small <script>alert("x")</script> models',
      upvotes: 5,
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
      githubRepo: 'https://github.com/acme/small',
    });
    const b = await insertPaper(db, { arxivId: '2510.00002', title: 'Big models in $O(n^2)$ time', upvotes: 50 });
    const c = await insertPaper(db, { arxivId: '2510.00003', title: 'Sunday paper', upvotes: 20, githubRepo: 'javascript:alert(1)' });
    await insertListing(db, a, '2025-10-28', { submitterId: ak });
    await insertListing(db, b, '2025-10-28');
    await insertListing(db, c, '2025-10-30');
    for (let i = 0; i < 55; i++) {
      const p = await insertPaper(db, { arxivId: `2509.${String(10000 + i)}`, upvotes: i });
      await insertListing(db, p, '2025-09-15');
    }
  });
  afterAll(() => db.drop());

  it('shows the latest day at / and ranks by upvotes', async () => {
    const home = await get(app, '/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(home.html).toMatch(/^<!DOCTYPE html>/);
    expect(home.html).toContain('Thursday, 30 October 2025');
    expect(home.html).toContain('<link rel="canonical" href="http://paperboy.test/papers/date/2025-10-30"/>');
    expect(cardIds(home.html)).toEqual(['2510.00003']);
  });

  it('renders a day with cards, tabs and previous/next links', async () => {
    const { status, html } = await get(app, '/papers/date/2025-10-28');
    expect(status).toBe(200);
    expect(cardIds(html)).toEqual(['2510.00002', '2510.00001']);
    expect(html).toContain('<a href="/authors/Grace%20Hopper">Grace Hopper</a> … <span class="more">5 authors</span>');
    expect(html).toContain('<a href="/authors/Ada%20Lovelace">Ada Lovelace</a>, <a href="/authors/Alan%20Turing">Alan Turing</a>, ');
    expect(html).toContain('Submitted by AK');
    expect(html).toContain('<a href="https://github.com/acme/small">Code: acme/small</a>');
    expect(html).toContain('<a href="/papers/week/2025-W44">Week</a>');
    expect(html).toContain('<a href="/papers/month/2025-10">Month</a>');
    expect(html).toContain('href="/papers/date/2025-09-15" rel="prev"');
    expect(html).toContain('href="/papers/date/2025-10-30" rel="next"');
    expect(html).toMatch(/<meta name="viewport"/);
  });

  it('escapes a title holding <script> and renders its LaTeX', async () => {
    const { html } = await get(app, '/papers/date/2025-10-28');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Small &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; models');
    expect(html).toContain('class="katex"');
    expect(html).toMatch(/<link rel="stylesheet" href="\/static\/katex\/[\d.]+\/katex\.min\.css"\/>/);
  });

  it('never links a javascript: code URL', async () => {
    const { html } = await get(app, '/papers/date/2025-10-30');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('katex.min.css');
  });

  it('renders weeks and months, counting and paging long ones', async () => {
    const week = await get(app, '/papers/week/2025-W44');
    expect(week.status).toBe(200);
    expect(cardIds(week.html)).toEqual(['2510.00002', '2510.00003', '2510.00001']);
    expect(week.html).toContain('Week 44 of 2025');
    expect(week.html).toContain('href="/papers/date/2025-10-30"');

    const sept = await get(app, '/papers/month/2025-09');
    expect(sept.html).toContain('55 papers');
    expect(cardIds(sept.html)).toHaveLength(50);
    expect(sept.html).toContain('href="/papers/month/2025-09?p=2" rel="next"');
    const page2 = await get(app, '/papers/month/2025-09?p=2');
    expect(cardIds(page2.html)).toEqual(['2509.10004', '2509.10003', '2509.10002', '2509.10001', '2509.10000']);
    expect(page2.html).toContain('<link rel="canonical" href="http://paperboy.test/papers/month/2025-09?p=2"/>');

    const beyond = await get(app, '/papers/month/2025-09?p=9');
    expect(beyond.status).toBe(200);
    expect(beyond.html).toContain('There is no page 9');
  });

  it('serves the latest week and month without a key', async () => {
    expect((await get(app, '/papers/week')).html).toContain('Week 44 of 2025');
    expect((await get(app, '/papers/month')).html).toContain('October 2025');
  });

  it('answers an empty period with a friendly page and links', async () => {
    const { status, html } = await get(app, '/papers/date/2025-10-29');
    expect(status).toBe(200);
    expect(html).toContain('No papers were listed on Wednesday, 29 October 2025');
    expect(html).toContain('href="/papers/date/2025-10-28"');
    expect(html).toContain('href="/papers/date/2025-10-30"');
  });

  it.each([
    ['/papers/date/2025-13-01', 'not a calendar date'],
    ['/papers/date/2025-02-30', 'not a calendar date'],
    ['/papers/date/yesterday', 'expected YYYY-MM-DD'],
    ['/papers/week/2025-W54', '2025 has weeks 01 to 52'],
    ['/papers/week/2025-W00', '2025 has weeks 01 to 52'],
    ['/papers/month/2025-00', 'out of range'],
    ['/papers/month/2025-13', 'out of range'],
    ['/papers/date/2025-10-28?p=0', 'p must be a page number'],
    ['/papers/date/2025-10-28?p=-1', 'p must be a page number'],
    ['/papers/date/2025-10-28?p=1000000000000', 'p must be a page number'],
    ['/papers/date/2025-10-28?p=abc', 'p must be a page number'],
  ])('answers %s with a 400 page', async (path, reason) => {
    const { status, html } = await get(app, path);
    expect(status).toBe(400);
    expect(html).toContain('Bad request');
    expect(html).toContain(reason);
    expect(html).toContain('<meta name="robots" content="noindex"/>');
  });
});

describe('an empty site', () => {
  it('shows a welcome instead of an error', async () => {
    const { app, db } = await createTestApp('sqlite');
    try {
      const { status, html } = await get(app, '/');
      expect(status).toBe(200);
      expect(html).toContain('No papers have been listed yet.');
    } finally {
      await db.drop();
    }
  });
});
