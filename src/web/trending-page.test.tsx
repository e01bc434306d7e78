import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';

describe.each(DIALECTS)('trending and about pages on %s', (dialect) => {
  let app: App;
  let db: TestDb;
  beforeAll(async () => {
    ({ app, db } = await createTestApp(dialect));
    // Two days of age cost a factor of ten: 200 upvotes two days ago < 25 upvotes today.
    const old = await insertPaper(db, { arxivId: '2510.00001', upvotes: 200 });
    const fresh = await insertPaper(db, { arxivId: '2510.00002', upvotes: 25 });
    const older = await insertPaper(db, { arxivId: '2510.00003', upvotes: 5 });
    await insertListing(db, old, '2025-10-26', { submittedAt: '2025-10-26T08:00:00.000Z' });
    await insertListing(db, fresh, '2025-10-28', { submittedAt: '2025-10-28T08:00:00.000Z' });
    await insertListing(db, older, '2025-10-20');
  });
  afterAll(() => db.drop());

  it('ranks by the stored score and explains the formula', async () => {
    const res = await app.request('/papers/trending');
    expect(res.status).toBe(200);
    const html = await res.text();
    const ids = [...html.matchAll(/<li class="card">.*?<a href="\/papers\/([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['2510.00002', '2510.00001', '2510.00003']);
    expect(html).toContain('log<sub>10</sub>(upvotes)');
    expect(html).toContain('href="/about#trending"');
    expect(html).toContain('aria-current="page">Trending</a>');
  });

  it('shows an empty later page and refuses bad pages', async () => {
    const later = await app.request('/papers/trending?p=2');
    expect(later.status).toBe(200);
    expect(await later.text()).toContain('There is no page 2');
    expect((await app.request('/papers/trending?p=0')).status).toBe(400);
    expect((await app.request('/papers/trending?p=99999999')).status).toBe(400);
  });

  it('documents the formula on /about', async () => {
    const res = await app.request('/about');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="trending"');
    expect(html).toContain('score = log10(max(upvotes, 1))');
    expect(html).toContain('14.4 hours');
  });
});
