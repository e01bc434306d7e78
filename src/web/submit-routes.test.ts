import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startArxivReplayServer, type ArxivReplayServer } from '../../test/arxiv-replay-server';
import { createAccount, getAs, postForm, type AccountOptions } from '../../test/accounts';
import { DIALECTS } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';
import { createApp, type App } from '../app';
import type { Deps } from '../deps';
import type { Dialect } from '../storage/database';

// The recorded 2401.17377 (published 2024-01-30) and 2402.02791 (2024-02-05) are both recent then.
const NOW = new Date('2024-02-10T12:00:00Z');

describe.each(DIALECTS)('the /submit form on %s', (dialect: Dialect) => {
  let arxiv: ArxivReplayServer;
  let deps: Deps & { db: { drop(): Promise<void> } };
  let app: App;

  beforeAll(async () => {
    arxiv = await startArxivReplayServer();
  });
  afterAll(() => arxiv.close());
  afterEach(async () => {
    arxiv.requests.length = 0;
    await deps.db.drop();
  });

  async function setup(env: Record<string, string> = {}) {
    deps = await createTestDeps(dialect, NOW, { ARXIV_API_URL: arxiv.url, ...env });
    app = createApp(deps);
  }

  async function listingCount() {
    return Number((await deps.db.kysely.selectFrom('listings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }

  async function refusal(fields: Record<string, string>, options: AccountOptions = {}) {
    const res = await postForm(app, deps, '/submit', await createAccount(deps, options), fields);
    return { status: res.status, html: await res.text(), res };
  }

  it('sends anonymous visitors to log in and come back', async () => {
    await setup();
    const res = await getAs(app, deps, '/submit', null);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fsubmit');
    // Without a session there is no form token either: the CSRF check refuses before anything runs.
    expect((await postForm(app, deps, '/submit', null, { arxivId: '2401.17377' })).status).toBe(403);
    expect(arxiv.requests).toHaveLength(0);
  });

  it('shows the form with a CSRF token, and a Submit link in the header', async () => {
    await setup();
    const account = await createAccount(deps);
    const res = await getAs(app, deps, '/submit?arxivId=2401.17377', account);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/submit"');
    expect(html).toContain(`name="_csrf" value="${account.csrf}"`);
    expect(html).toMatch(/<input type="text" name="arxivId" value="2401.17377"/);
    expect(html).toContain('<a href="/submit">Submit</a>');
    expect(html).toContain('within 14 days');
    // Anonymous pages have no Submit link in the header; the daily page links to the form for all.
    expect(await (await getAs(app, deps, '/about', null)).text()).not.toContain('<a href="/submit">Submit</a>');
    const id = await insertPaper(deps.db, { arxivId: '2402.03333', publishedAt: '2024-02-07T00:00:00.000Z' });
    await insertListing(deps.db, id, '2024-02-08');
    expect(await (await getAs(app, deps, '/', null)).text()).toContain('<a href="/submit">Submit a paper</a>');
  });

  it('lists the paper and redirects to it; the day page and the paper page say who submitted it', async () => {
    await setup();
    const account = await createAccount(deps);
    const res = await postForm(app, deps, '/submit', account, { arxivId: 'https://arxiv.org/abs/2401.17377v1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/papers/2401.17377');

    const day = await (await getAs(app, deps, '/papers/date/2024-02-10', null)).text();
    expect(day).toContain('Infini-gram: Scaling Unbounded n-gram Language Models to a Trillion Tokens');
    expect(day).toContain(`Submitted by ${account.username}`);
    const home = await (await getAs(app, deps, '/', account)).text();
    expect(home).toContain(`Submitted by ${account.username}`);
    const paper = await (await getAs(app, deps, '/papers/2401.17377', null)).text();
    expect(paper).toMatch(new RegExp(`<dt>Submitted by</dt>\\s*<dd>${account.username}</dd>`));
  });

  it('shows a refusal with the entered value and its status', async () => {
    await setup();
    await insertPaper(deps.db, { arxivId: '2401.05555', publishedAt: '2024-01-20T00:00:00.000Z' });
    const old = await refusal({ arxivId: '2401.05555' });
    expect(old.status).toBe(400);
    expect(old.html).toContain('2401.05555 was published on 2024-01-20, more than 14 days ago');
    expect(old.html).toMatch(/name="arxivId" value="2401.05555"/);

    const malformed = await refusal({ arxivId: 'arxiv.org/abs/<b>nope</b>' });
    expect(malformed.status).toBe(400);
    expect(malformed.html).toContain('value="arxiv.org/abs/&lt;b&gt;nope&lt;/b&gt;"');
    expect(malformed.html).not.toContain('<b>nope</b>');

    const missing = await refusal({});
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('Give an arXiv id');

    const unknown = await refusal({ arxivId: '2402.99999' });
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('arXiv has no paper 2402.99999');

    const unverified = await refusal({ arxivId: '2401.17377' }, { verified: false });
    expect(unverified.status).toBe(403);
    expect(unverified.html).toContain('Confirm your email address before submitting papers');
    expect(arxiv.requests.map((r) => r.idList)).toEqual(['2402.99999']);
    expect(await listingCount()).toBe(0);
  });

  it('links to the list that already has the paper', async () => {
    await setup();
    const id = await insertPaper(deps.db, { arxivId: '2402.03333', publishedAt: '2024-02-07T00:00:00.000Z' });
    await insertListing(deps.db, id, '2024-02-08');
    const { status, html } = await refusal({ arxivId: '2402.03333v2' });
    expect(status).toBe(409);
    expect(html).toContain('2402.03333 is already on the list of 2024-02-08.');
    expect(html).toContain('href="/papers/date/2024-02-08"');
    expect(html).toContain('href="/papers/2402.03333"');
  });

  it('answers 503 with arXiv’s trouble when it fails every try, writing nothing', async () => {
    await setup();
    arxiv.failNext(4, '503');
    const { status, html } = await refusal({ arxivId: '2401.17377' });
    expect(status).toBe(503);
    expect(html).toContain('arXiv did not answer after 4 tries; try again in a few minutes');
    expect(html).toMatch(/name="arxivId" value="2401.17377"/);
    expect(arxiv.requests).toHaveLength(4);
    expect(await listingCount()).toBe(0);
  });

  it('refuses the fourth submission of the day with 429 and Retry-After until midnight', async () => {
    await setup();
    const account = await createAccount(deps);
    const ids = ['2402.01111', '2402.01112', '2402.01113', '2402.01114'];
    for (const arxivId of ids) await insertPaper(deps.db, { arxivId, publishedAt: '2024-02-08T00:00:00.000Z' });
    for (const arxivId of ids.slice(0, 3)) expect((await postForm(app, deps, '/submit', account, { arxivId })).status).toBe(303);
    const res = await postForm(app, deps, '/submit', account, { arxivId: ids[3]! });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(12 * 3600));
    expect(await res.text()).toContain('You have submitted 3 papers today');
    expect(await listingCount()).toBe(3);
  });

  it('never answers a hostile form with a 5xx, and asks arXiv nothing', async () => {
    await setup();
    const account = await createAccount(deps);
    const values = ['x'.repeat(100_000), '\u0000\u0001', '2401.17377\n2402.02791', 'javascript:alert(1)', '../../etc/passwd', 'https://arxiv.org/abs/', '9999.99999', '%00', '<script>alert(1)</script>'];
    for (const arxivId of values) {
      const res = await postForm(app, deps, '/submit', account, { arxivId });
      expect(res.status, JSON.stringify(arxivId.slice(0, 40))).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).not.toContain('<script>alert(1)</script>');
    }
    // Not a form at all: no fields, so "give an id".
    const json = await app.request(`${deps.config.siteUrl}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: account.cookie, 'sec-fetch-site': 'same-origin', 'x-csrf-token': account.csrf },
      body: '{"arxivId": "2401.17377"}',
    });
    expect(json.status).toBe(400);
    expect(arxiv.requests).toHaveLength(0);
    expect(await listingCount()).toBe(0);
  });
});
