import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startArxivReplayServer, type ArxivReplayServer } from '../../test/arxiv-replay-server';
import { createAccount, type AccountOptions, type TestAccount } from '../../test/accounts';
import { DIALECTS } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';
import { createApp, type App } from '../app';
import type { Deps } from '../deps';
import { toViewer } from '../domain/account';
import { createApiToken } from '../features/accounts/api-tokens';
import type { Dialect } from '../storage/database';
import { findAccountById } from '../storage/repos/accounts-repo';

// The recorded 2401.17377 (published 2024-01-30) and 2402.02791 (2024-02-05) are both recent then.
const NOW = new Date('2024-02-10T12:00:00Z');

describe.each(DIALECTS)('POST /api/papers/index on %s', (dialect: Dialect) => {
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

  async function setup() {
    deps = await createTestDeps(dialect, NOW, { ARXIV_API_URL: arxiv.url });
    app = createApp(deps);
  }

  async function tokenFor(options: AccountOptions = {}): Promise<string> {
    const account = await createAccount(deps, options);
    return (await createApiToken(deps, toViewer((await findAccountById(deps.db, account.id))!), 'test')).token;
  }

  function post(body: string, headers: Record<string, string>) {
    return app.request(`${deps.config.siteUrl}/api/papers/index`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  }

  async function answer(res: Response) {
    return { status: res.status, body: (await res.json()) as { error?: string } };
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function listingCount() {
    return Number((await deps.db.kysely.selectFrom('listings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }

  it('submits with an API token and answers {} as the Hub does', async () => {
    await setup();
    const res = await post(JSON.stringify({ arxivId: '2401.17377' }), bearer(await tokenFor()));
    expect(await answer(res)).toEqual({ status: 200, body: {} });
    const listing = await deps.db.kysely
      .selectFrom('listings')
      .innerJoin('papers', 'papers.id', 'listings.paper_id')
      .select(['papers.arxiv_id', 'listings.listed_on', 'listings.submitted_at'])
      .executeTakeFirstOrThrow();
    expect(listing).toEqual({ arxiv_id: '2401.17377', listed_on: '2024-02-10', submitted_at: NOW.toISOString() });
  });

  it('accepts a browser session with the X-CSRF-Token header, and refuses it without', async () => {
    await setup();
    const account: TestAccount = await createAccount(deps);
    const browser = { cookie: account.cookie, origin: 'http://paperboy.test', 'sec-fetch-site': 'same-origin' };
    expect((await post(JSON.stringify({ arxivId: '2402.02791' }), browser)).status).toBe(403);
    expect(arxiv.requests).toHaveLength(0);
    expect(await answer(await post(JSON.stringify({ arxivId: '2402.02791' }), { ...browser, 'x-csrf-token': account.csrf }))).toEqual({ status: 200, body: {} });
  });

  it('answers 401 without credentials, and with a bad token', async () => {
    await setup();
    const anonymous = await answer(await post(JSON.stringify({ arxivId: '2401.17377' }), {}));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toMatch(/Authorization: Bearer/);
    expect((await post(JSON.stringify({ arxivId: '2401.17377' }), bearer('pb_nope'))).status).toBe(401);
    expect(arxiv.requests).toHaveLength(0);
  });

  it.each([
    ['{"arxivId": ', 'the body must be JSON such as {"arxivId": "2301.00001"}'],
    ['[]', 'the body must be a JSON object such as {"arxivId": "2301.00001"}'],
    ['"2401.17377"', 'the body must be a JSON object such as {"arxivId": "2301.00001"}'],
    ['{}', 'arxivId must be a string such as "2301.00001"'],
    ['{"arxivId": 2401.17377}', 'arxivId must be a string such as "2301.00001"'],
    ['{"arxivId": "nope"}', '"nope" is not an arXiv id (expected e.g. 2401.01234 or hep-th/9901001)'],
    [JSON.stringify({ arxivId: 'x'.repeat(301) }), 'arxivId must be at most 300 characters'],
  ])('answers 400 to %s without asking arXiv', async (body, error) => {
    await setup();
    expect(await answer(await post(body, bearer(await tokenFor())))).toEqual({ status: 400, body: { error } });
    expect(arxiv.requests).toHaveLength(0);
  });

  it('answers each refusal as {error} with its status', async () => {
    await setup();
    const token = await tokenFor();
    const listed = await insertPaper(deps.db, { arxivId: '2402.03333', publishedAt: '2024-02-07T00:00:00.000Z' });
    await insertListing(deps.db, listed, '2024-02-08');
    await insertPaper(deps.db, { arxivId: '2401.05555', publishedAt: '2024-01-20T00:00:00.000Z' });

    expect(await answer(await post('{"arxivId": "2402.03333"}', bearer(token)))).toEqual({
      status: 409,
      body: { error: '2402.03333 is already on the list of 2024-02-08. http://paperboy.test/papers/date/2024-02-08' },
    });
    expect(await answer(await post('{"arxivId": "2401.05555"}', bearer(token)))).toEqual({
      status: 400,
      body: { error: '2401.05555 was published on 2024-01-20, more than 14 days ago; only papers from the last 14 days can be submitted.' },
    });
    expect(await answer(await post('{"arxivId": "2402.99999"}', bearer(token)))).toEqual({ status: 404, body: { error: 'arXiv has no paper 2402.99999' } });
    arxiv.failNext(4, '503');
    expect(await answer(await post('{"arxivId": "2401.17377"}', bearer(token)))).toEqual({
      status: 503,
      body: { error: 'arXiv did not answer after 4 tries; try again in a few minutes' },
    });
    const unverified = await answer(await post('{"arxivId": "2401.17377"}', bearer(await tokenFor({ verified: false }))));
    expect(unverified.status).toBe(403);
    expect(await listingCount()).toBe(1);
  });

  it('refuses the fourth submission of the day with 429 and Retry-After', async () => {
    await setup();
    const token = await tokenFor();
    const ids = ['2402.01111', '2402.01112', '2402.01113', '2402.01114'];
    for (const arxivId of ids) await insertPaper(deps.db, { arxivId, publishedAt: '2024-02-08T00:00:00.000Z' });
    for (const arxivId of ids.slice(0, 3)) expect((await post(JSON.stringify({ arxivId }), bearer(token))).status).toBe(200);
    const res = await post(JSON.stringify({ arxivId: ids[3] }), bearer(token));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(12 * 3600));
    expect(((await res.json()) as { error: string }).error).toMatch(/^You have submitted 3 papers today/);
    expect(arxiv.requests).toHaveLength(0);
  });
});
