import crypto from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { Deps } from '../src/deps';
import { toViewer, type Viewer } from '../src/domain/account';
import { banUser } from '../src/features/moderation/ban-user';
import { hideComment } from '../src/features/moderation/hide-comment';
import type { Dialect } from '../src/storage/database';
import { findAccountById } from '../src/storage/repos/accounts-repo';
import { insertApiToken } from '../src/storage/repos/api-tokens-repo';
import { createAccount, postForm, type TestAccount } from './accounts';
import { launchBrowser } from './browser';
import { DIALECTS, type TestDb } from './databases';
import { createTestDeps } from './deps';
import { insertListing, insertPaper } from './factories';
import { freePort, serveOnPort, type ServedApp } from './serve-app';
import { POSITIVE_CONTROLS, XSS_CANARIES, type XssCanary } from './xss-canaries';
import { SWEEP, auditPage, watchPage, type PageWatch } from './xss-page-audit';

/**
 * Issue 3: every XSS canary in every place a user's text reaches (titles, abstracts, author
 * names, user and full names, comment bodies and the names replied to, moderation reasons, API
 * token names, search queries), served by the real app under its real CSP and loaded in real
 * Chromium, logged out and logged in as a moderator (so the moderation forms render too). Every
 * element gets the events a reader could trigger; 0 canaries may run, 0 CSP violations may
 * occur (CSP is the second wall: a violation means an injection reached the DOM), and the DOM may
 * hold nothing that loads or runs. Positive controls served beside the app prove that the
 * detection, the sweep and the CSP listener all work.
 */
const DAY = '2026-08-22';
const PLACES = [
  'paper title',
  'abstract',
  'author name',
  'user name (submitter, comment author, replied-to)',
  'full name (submitter)',
  'comment body',
  'reason of a hidden comment',
  'full name (profile)',
  'ban reason',
  'API token name',
  'search query',
] as const;
type Place = (typeof PLACES)[number];

// PostgreSQL text cannot hold U+0000 (the importer drops it too); SQLite keeps every canary whole.
const storable = (dialect: Dialect, text: string) => (dialect === 'postgres' ? text.replaceAll('\u0000', '') : text);
const arxivIdOf = (i: number) => `2608.${String(10001 + i).padStart(5, '0')}`;

describe.each(DIALECTS)('XSS canaries on every page, in Chromium, on %s', (dialect: Dialect) => {
  let deps: Deps & { db: TestDb };
  let served: ServedApp;
  let browser: Browser;
  let site: string;
  let moderator: TestAccount;
  /** Creates API tokens through the settings form (the moderator holds more than the form allows). */
  let tokenMaker: TestAccount;
  const placed = new Map<Place, number>(PLACES.map((p) => [p, 0]));
  const refused: string[] = [];
  const bannedUsers: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    site = `http://127.0.0.1:${port}`;
    deps = await createTestDeps(dialect, undefined, { SITE_URL: site });
    const app = createApp(deps);
    moderator = await createAccount(deps, { role: 'moderator', username: 'canary-moderator' });
    tokenMaker = await createAccount(deps, { username: 'canary-token-maker' });
    const modViewer = await viewerOf(deps, moderator.id);
    const place = (p: Place) => placed.set(p, placed.get(p)! + 1);

    for (const [i, canary] of XSS_CANARIES.entries()) {
      const text = storable(dialect, canary.payload);
      // The sign-up form refuses such names; the row is written directly, as a bad import could.
      const author = await createAccount(deps, { username: text });
      await deps.db.kysely.updateTable('users').set({ fullname: `Full ${text}` }).where('id', '=', author.id).execute();
      place('user name (submitter, comment author, replied-to)');
      place('full name (submitter)');

      const paperId = await insertPaper(deps.db, {
        arxivId: arxivIdOf(i),
        title: text,
        abstract: `${text}\n\nA second paragraph with $x^2$ and ${text}`,
        authors: [text, 'Ada Lovelace'],
        upvotes: i,
      });
      await insertListing(deps.db, paperId, DAY, { submitterId: author.id });
      place('paper title');
      place('abstract');
      place('author name');

      // Through the real form route, as a browser posts it.
      const comment = await postForm(app, deps, `/papers/${arxivIdOf(i)}/comments`, author, { body: text });
      const commentId = commentIdOf(comment);
      if (commentId === null) refused.push(`comment body ${canary.name}: ${comment.status}`);
      else place('comment body');
      // A reply to it, which names its author; then hidden by the moderators with the canary as reason.
      const reply = await postForm(app, deps, `/papers/${arxivIdOf(i)}/comments`, author, { body: 'A reply the moderators hide.', parentId: commentId === null ? '' : String(commentId) });
      await hideComment(deps, modViewer, { commentId: String(commentIdOf(reply)), reason: text });
      place('reason of a hidden comment');

      const banned = await createAccount(deps, { username: `canary-user-${i}` });
      await deps.db.kysely.updateTable('users').set({ fullname: text }).where('id', '=', banned.id).execute();
      await banUser(deps, modViewer, { username: banned.username, reason: text });
      bannedUsers.push(banned.username);
      place('full name (profile)');
      place('ban reason');

      await insertApiToken(deps.db, { userId: moderator.id, name: text, tokenHash: crypto.randomBytes(32).toString('base64url'), createdAt: deps.now().toISOString() });
      place('API token name');
      place('search query');
    }

    // Controls, served beside the app: raw payloads that must fire without CSP, and must only
    // produce CSP violations under the app's own policy.
    const appCsp = (await app.request(`${site}/`)).headers.get('content-security-policy')!;
    const controls = `<!doctype html><html><head><meta charset="utf-8"><title>controls</title></head><body>${POSITIVE_CONTROLS.map((c) => c.payload).join('\n')}</body></html>`;
    const fetch = (request: Request) => {
      const { pathname } = new URL(request.url);
      if (pathname === '/__control') return new Response(controls, { headers: { 'content-type': 'text/html; charset=utf-8' } });
      if (pathname === '/__control-csp') return new Response(controls, { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': appCsp } });
      return app.fetch(request);
    };
    served = await serveOnPort(fetch, port);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await deps?.db.drop();
  });

  /**
   * Requests a page made to anything but the site (an injected image, frame or link would): none
   * should happen, and the machine has no network anyway. Watched instead of intercepted, because
   * routing every request through the test costs more than the rest of the visit.
   */
  const foreignRequests: string[] = [];

  /** A browser context, anonymous or with `account`'s session. */
  async function openContext(account: TestAccount | null): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(site) && !url.startsWith('data:')) foreignRequests.push(url);
    });
    if (account) {
      const [name, value] = account.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: site, httpOnly: true, sameSite: 'Lax' }]);
    }
    return context;
  }

  type Visit = { url: string; status: number; fired: string[]; csp: string[]; problems: string[]; islands: number; html: string };

  /** Loads each URL in one of `workers` armed pages of `context`, sweeps and audits it. */
  async function visitAll(context: BrowserContext, urls: string[], workers = 3): Promise<Visit[]> {
    const queue = [...urls];
    const visits: Visit[] = [];
    await Promise.all(
      Array.from({ length: workers }, async () => {
        const page = await context.newPage();
        const watch = await watchPage(page);
        while (queue.length > 0) visits.push(await visit(page, watch, queue.shift()!));
        await page.close();
      }),
    );
    return visits;
  }

  async function visit(page: Page, watch: PageWatch, url: string): Promise<Visit> {
    const fired = watch.fired.length;
    const csp = watch.csp.length;
    const response = await page.goto(site + url, { waitUntil: 'load' });
    await page.evaluate(SWEEP);
    // javascript: navigations, toggle and media error events, and CSP reports come as later tasks.
    await page.waitForTimeout(50);
    const audit = await auditPage(page, url.startsWith('/papers/2608.') || url === '/settings');
    return { url, status: response?.status() ?? 0, fired: watch.fired.slice(fired), csp: watch.csp.slice(csp), ...audit };
  }

  it('the positive controls fire without CSP, and only raise CSP violations under the app’s policy', async () => {
    const context = await openContext(null);
    const [open, guarded] = await visitAll(context, ['/__control', '/__control-csp'], 1);
    await context.close();
    expect([...new Set(open!.fired)].sort()).toEqual(POSITIVE_CONTROLS.map((c) => c.name).sort());
    expect(open!.problems.length).toBeGreaterThan(0); // the audit sees the raw handlers too
    expect(guarded!.fired).toEqual([]);
    expect(guarded!.csp.length).toBeGreaterThanOrEqual(POSITIVE_CONTROLS.length);
    console.log(`[xss-pages ${dialect}] controls: ${new Set(open!.fired).size}/${POSITIVE_CONTROLS.length} fired without CSP; under the app's CSP 0 fired, ${guarded!.csp.length} CSP violations`);
  });

  it('runs none of the canaries on any page, logged out or as a moderator', { timeout: 180_000 }, async () => {
    const started = Date.now();
    const lists = ['/', `/papers/date/${DAY}?p=2`, '/papers/week', '/papers/week?p=2', '/papers/trending', '/papers/trending?p=2', '/papers/month'];
    const logPages = Array.from({ length: Math.ceil((2 * XSS_CANARIES.length) / 50) }, (_, i) => `/moderation?p=${i + 1}`);
    const papers = XSS_CANARIES.map((_, i) => `/papers/${arxivIdOf(i)}`);
    const searches = XSS_CANARIES.map((c) => `/search?q=${encodeURIComponent(storable(dialect, c.payload))}`);
    const profiles = bannedUsers.map((u) => `/users/${u}`);

    const anonymous = await openContext(null);
    const anonymousVisits = await visitAll(anonymous, [...lists, ...papers, ...searches, ...logPages, ...profiles.slice(0, 5), '/api/daily_papers?date=' + DAY]);
    await anonymous.close();

    const member = await openContext(moderator);
    // Search pages differ for a member only in the header; a few of them suffice.
    const memberVisits = await visitAll(member, [...lists, ...papers, ...searches.slice(0, 5), ...logPages, ...profiles, '/settings']);
    await member.close();

    // API token names also through the settings form itself (names of at most 80 characters).
    const maker = await openContext(tokenMaker);
    const page = await maker.newPage();
    const watch = await watchPage(page);
    const formVisits: Visit[] = [];
    for (const canary of shortCanaries(5)) {
      await page.goto(`${site}/settings`);
      await page.locator('form[action="/settings/api-tokens"] input[name="name"]').fill(canary.payload);
      const fired = watch.fired.length;
      const csp = watch.csp.length;
      const [response] = await Promise.all([page.waitForNavigation(), page.locator('form[action="/settings/api-tokens"] button[type="submit"]').click()]);
      await page.evaluate(SWEEP);
      await page.waitForTimeout(100);
      formVisits.push({ url: `POST /settings/api-tokens (${canary.name})`, status: response?.status() ?? 0, fired: watch.fired.slice(fired), csp: watch.csp.slice(csp), ...(await auditPage(page, true)) });
    }
    await maker.close();

    const visits = [...anonymousVisits, ...memberVisits, ...formVisits];
    const fired = visits.flatMap((v) => v.fired.map((f) => `${v.url}: ${f}`));
    const csp = visits.flatMap((v) => v.csp.map((f) => `${v.url}: ${f}`));
    const problems = visits.flatMap((v) => v.problems.map((p) => `${v.url}: ${p}`));
    const serverErrors = visits.filter((v) => v.status >= 500 || v.status === 0).map((v) => `${v.url} → ${v.status}`);
    const islands = visits.reduce((n, v) => n + v.islands, 0);
    const placements = [...placed.values()].reduce((a, b) => a + b, 0) + formVisits.length;
    console.log(
      `[xss-pages ${dialect}] ${XSS_CANARIES.length} canaries × ${PLACES.length} places + ${formVisits.length} through the token form − ${refused.length} refused (${refused.join('; ') || 'none'}) = ${placements} placements; ` +
        `${visits.length} page loads (${anonymousVisits.length} logged out, ${memberVisits.length + formVisits.length} as moderator, ${formVisits.length} token forms), ` +
        `${islands} raw-HTML islands checked; scripts fired: ${fired.length}; CSP violations: ${csp.length}; DOM problems: ${problems.length}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    expect(fired).toEqual([]);
    expect(csp).toEqual([]);
    expect(problems).toEqual([]);
    expect(serverErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(formVisits.map((v) => `${v.url} → ${v.status}`)).toEqual(formVisits.map((v) => `${v.url} → 200`));
    // The canaries really are on the pages: each paper page names its canary (escaped text).
    for (const [i, canary] of XSS_CANARIES.entries()) {
      const pages = visits.filter((v) => v.url === papers[i]);
      expect(pages).toHaveLength(2);
      // (Unless the name is only inside base64 or entities, as in svg-use-data.)
      if (canary.payload.includes(canary.name)) for (const v of pages) expect(v.html, canary.name).toContain(canary.name);
    }
    expect(memberVisits.find((v) => v.url === '/settings')!.html).toContain(XSS_CANARIES.at(-1)!.name);
    // Only the comments that hold control characters are refused (400), every other canary is posted.
    expect(refused.every((r) => r.endsWith(': 400'))).toBe(true);
    expect(refused.length).toBeLessThanOrEqual(2);
  });

  it('serves the canaries as data, never as HTML, from the JSON API and the Markdown export', async () => {
    let fetched = 0;
    for (const [i, canary] of XSS_CANARIES.entries()) {
      const text = storable(dialect, canary.payload);
      const json = await fetch(`${site}/api/papers/${arxivIdOf(i)}`);
      expect(json.headers.get('content-type')).toMatch(/^application\/json/);
      expect(json.headers.get('x-content-type-options')).toBe('nosniff');
      const paper = (await json.json()) as { title: string; authors: Array<{ name: string }> };
      expect(paper.title).toBe(text);
      expect(paper.authors[0]!.name).toBe(text);
      const comments = await fetch(`${site}/api/papers/${arxivIdOf(i)}?field=comments`);
      expect(comments.headers.get('content-type')).toMatch(/^application\/json/);
      await comments.text();
      const md = await fetch(`${site}/papers/${arxivIdOf(i)}.md`);
      expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
      expect(md.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await md.text()).toContain(text);
      fetched += 3;
    }
    const daily = await fetch(`${site}/api/daily_papers?date=${DAY}&limit=100`);
    expect(daily.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await daily.json()) as unknown[]).length).toBe(XSS_CANARIES.length);
    console.log(`[xss-pages ${dialect}] ${fetched + 1} API and Markdown responses fetched as text: all JSON or text/markdown with nosniff`);
  });
});

async function viewerOf(deps: Deps, id: number): Promise<Viewer> {
  return toViewer((await findAccountById(deps.db, id))!);
}

/** The new comment's id from the 303 to `…#comment-N`, or null when the post was refused. */
function commentIdOf(response: Response): number | null {
  const match = /#comment-(\d+)$/.exec(response.headers.get('location') ?? '');
  return response.status === 303 && match ? Number(match[1]) : null;
}

/** Canaries short enough for the token-name field (1–80 characters, no control characters). */
function shortCanaries(n: number): XssCanary[] {
  return XSS_CANARIES.filter((c) => c.payload.length <= 80 && !/[\u0000-\u001f\u007f]/.test(c.payload)).slice(0, n);
}
