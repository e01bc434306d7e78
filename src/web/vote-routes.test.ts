import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import type { Deps } from '../deps';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';
import { createAccount, getAs, postForm, type TestAccount } from '../../test/accounts';
import { cookieName } from './auth/cookies';
import { VOTE_JS_URL } from './static-assets';

describe.each(DIALECTS)('vote form and page buttons on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let member: TestAccount;
  const DAY = '/papers/date/2026-08-21';

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    const id = await insertPaper(deps.db, { arxivId: '2608.00001', title: 'Votable', upvotes: 10 });
    await insertListing(deps.db, id, '2026-08-21');
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001', upvotes: 3 });
    member = await createAccount(deps);
  });
  afterAll(() => deps.db.drop());

  const upvotes = async (arxivId = '2608.00001') => (await deps.db.kysely.selectFrom('papers').select('upvotes').where('arxiv_id', '=', arxivId).executeTakeFirstOrThrow()).upvotes;
  const hasRow = async (account: TestAccount, arxivId = '2608.00001') =>
    (await deps.db.kysely.selectFrom('votes').innerJoin('papers', 'papers.id', 'votes.paper_id').select('votes.user_id').where('papers.arxiv_id', '=', arxivId).where('votes.user_id', '=', account.id).executeTakeFirst()) !== undefined;
  const JSON_ACCEPT = { accept: 'application/json' };

  it('votes and un-votes by form, redirecting back to a local next', async () => {
    const res = await postForm(app, deps, '/papers/2608.00001/vote', member, { direction: 'up', next: DAY });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(DAY);
    expect(await hasRow(member)).toBe(true);
    expect(await upvotes()).toBe(11);

    const page = await (await getAs(app, deps, DAY, member)).text();
    expect(page).toMatch(/<form method="post" action="\/papers\/2608\.00001\/vote" class="vote-form">/);
    expect(page).toContain('<input type="hidden" name="direction" value="none"/>');
    expect(page).toMatch(/<button type="submit" class="votes" aria-pressed="true" title="Remove your upvote"><b class="vote-count">11<\/b>/);

    const back = await postForm(app, deps, '/papers/2608.00001/vote', member, { direction: 'none', next: '//evil.example/' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/papers/2608.00001');
    expect(await hasRow(member)).toBe(false);
    expect(await upvotes()).toBe(10);
    expect(await (await getAs(app, deps, '/papers/2608.00001', member)).text()).toMatch(/class="votes inline" aria-pressed="false" title="Upvote"><b class="vote-count">10<\/b>/);
  });

  it('answers JSON when asked, for the script', async () => {
    const res = await postForm(app, deps, '/papers/2608.00001/vote', member, { direction: 'up' }, JSON_ACCEPT);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ upvotes: 11, hasVoted: true });
    const undo = await postForm(app, deps, '/papers/2608.00001/vote', member, { direction: 'none' }, JSON_ACCEPT);
    expect(await undo.json()).toEqual({ upvotes: 10, hasVoted: false });
  });

  it('works for old-style ids with a slash', async () => {
    const res = await postForm(app, deps, '/papers/hep-th/9901001/vote', member, { direction: 'up' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/papers/hep-th/9901001');
    expect(await upvotes('hep-th/9901001')).toBe(4);
    expect(await hasRow(member, 'hep-th/9901001')).toBe(true);
  });

  it('refuses unverified accounts with a 403 that says why (page and JSON)', async () => {
    const unverified = await createAccount(deps, { verified: false });
    const page = await postForm(app, deps, '/papers/2608.00001/vote', unverified, { direction: 'up' });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('confirm your email address before voting');
    const json = await postForm(app, deps, '/papers/2608.00001/vote', unverified, { direction: 'up' }, JSON_ACCEPT);
    expect(json.status).toBe(403);
    expect(((await json.json()) as { error: string }).error).toMatch(/^confirm your email address before voting/);
    expect(await hasRow(unverified)).toBe(false);
  });

  it('refuses banned accounts (their session is gone, so the form is refused)', async () => {
    const banned = await createAccount(deps, { banned: true });
    const res = await postForm(app, deps, '/papers/2608.00001/vote', banned, { direction: 'up' });
    expect(res.status).toBe(403);
    expect(await hasRow(banned)).toBe(false);
  });

  it('sends anonymous form posts to log in and back; anonymous JSON gets a 401', async () => {
    // An anonymous browser with a valid anonymous CSRF token (as after a log-out in another tab).
    const secret = crypto.randomBytes(32).toString('base64url');
    const csrf = crypto.createHash('sha256').update(`csrf:${secret}`).digest('base64url');
    const headers = { cookie: `${cookieName(deps.config, 'csrf')}=${secret}` };
    const res = await postForm(app, deps, '/papers/2608.00001/vote', null, { _csrf: csrf, direction: 'up', next: DAY }, headers);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(DAY)}`);
    const json = await postForm(app, deps, '/papers/2608.00001/vote', null, { _csrf: csrf, direction: 'up' }, { ...headers, ...JSON_ACCEPT });
    expect(json.status).toBe(401);
    expect(await upvotes()).toBe(10);
  });

  it('refuses a cross-site post and answers unknown papers and bad input', async () => {
    const cross = await postForm(app, deps, '/papers/2608.00001/vote', member, { direction: 'up' }, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect((await postForm(app, deps, '/papers/2608.99999/vote', member, { direction: 'up' })).status).toBe(404);
    expect((await postForm(app, deps, '/papers/2608.00001/vote', member, { direction: 'sideways' })).status).toBe(400);
    expect((await postForm(app, deps, '/papers/not-an-id/vote', member, { direction: 'up' })).status).toBe(400);
    expect(await upvotes()).toBe(10);
  });

  it('shows anonymous viewers a log-in link and no script; members a form and the vote script', async () => {
    for (const path of [DAY, '/papers/trending', '/papers/2608.00001', '/search?q=votable']) {
      const anonymous = await (await app.request(`${deps.config.siteUrl}${path}`)).text();
      expect(anonymous, path).toContain(`href="/login?next=${encodeURIComponent(path).replace(/&/g, '&amp;')}" title="Log in to upvote"`);
      expect(anonymous, path).not.toContain('<script');
      expect(anonymous, path).not.toContain('vote-form');
      const logged = await (await getAs(app, deps, path, member)).text();
      expect(logged, path).toContain('class="vote-form"');
      expect(logged, path).toMatch(new RegExp(`<script src="${VOTE_JS_URL.replace(/\./g, '\\.')}" nonce="[^"]+" defer="">`));
    }
  });

  it('serves the script with a content hash and a long cache', async () => {
    expect(VOTE_JS_URL).toMatch(/^\/static\/vote\.[0-9a-f]{12}\.js$/);
    const res = await app.request(VOTE_JS_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toContain("Accept: 'application/json'");
  });
});
