import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { Deps } from '../src/deps';
import { cookieName } from '../src/web/auth/cookies';
import { createAccount, type TestAccount } from './accounts';
import { launchBrowser } from './browser';
import type { TestDb } from './databases';
import { createTestDeps } from './deps';
import { insertListing, insertPaper } from './factories';

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The vote script in real Chromium: the app is served on a local port (SITE_URL
 * http://127.0.0.1:PORT, so cookies are not `__Host-`/Secure), the browser gets a member's
 * session cookie, and a click on a vote button must change the count and pressed state in place,
 * without a navigation, under the real CSP (nonce-only scripts), and store the vote.
 */
describe('vote button in Chromium', () => {
  let deps: Deps & { db: TestDb };
  let server: ServerType;
  let browser: Browser;
  let site: string;
  let member: TestAccount;
  let paperId: number;

  beforeAll(async () => {
    const port = await freePort();
    site = `http://127.0.0.1:${port}`;
    deps = await createTestDeps('sqlite', undefined, { SITE_URL: site });
    paperId = await insertPaper(deps.db, { arxivId: '2608.00001', title: 'A paper worth a vote', upvotes: 5 });
    await insertListing(deps.db, paperId, '2026-08-22');
    await insertListing(deps.db, await insertPaper(deps.db, { arxivId: 'hep-th/9901001', title: 'Old style', upvotes: 1 }), '2026-08-22');
    member = await createAccount(deps);
    server = serve({ fetch: createApp(deps).fetch, port, hostname: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await deps?.db.drop();
  });

  const voteRow = () => deps.db.kysely.selectFrom('votes').selectAll().where('user_id', '=', member.id).where('paper_id', '=', paperId).executeTakeFirst();

  it('votes and un-votes in place, without a reload', async () => {
    const context = await browser.newContext();
    const [name, value] = member.cookie.split('=') as [string, string];
    expect(name).toBe(cookieName(deps.config, 'session'));
    await context.addCookies([{ name, value, url: site, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${site}/`);
    const form = page.locator('form.vote-form[action="/papers/2608.00001/vote"]');
    const button = form.locator('button');
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(form.locator('.vote-count').textContent()).resolves.toBe('5');

    // Navigations of the page after this point would mean the script did not take over.
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    await page.evaluate('window.__stillHere = true');

    const voted = page.waitForResponse((r) => r.url() === `${site}/papers/2608.00001/vote` && r.request().method() === 'POST');
    await button.click();
    expect((await voted).headers()['content-type']).toMatch(/application\/json/);
    await form.locator('button[aria-pressed="true"]').waitFor();
    await expect(form.locator('.vote-count').textContent()).resolves.toBe('6');
    await expect(form.locator('input[name="direction"]').inputValue()).resolves.toBe('none');
    expect(await voteRow()).toBeDefined();

    const unvoted = page.waitForResponse((r) => r.url() === `${site}/papers/2608.00001/vote`);
    await button.click();
    await unvoted;
    await form.locator('button[aria-pressed="false"]').waitFor();
    await expect(form.locator('.vote-count').textContent()).resolves.toBe('5');
    expect(await voteRow()).toBeUndefined();

    expect(navigations).toBe(0);
    expect(await page.evaluate('window.__stillHere')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('votes for an old-style id from its paper page', async () => {
    const context = await browser.newContext();
    const [name, value] = member.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: site, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${site}/papers/hep-th/9901001`);
    await page.evaluate('window.__stillHere = true');
    await page.locator('form.vote-form button').click();
    await page.locator('form.vote-form .vote-count', { hasText: /^2$/ }).first().waitFor();
    expect(await page.evaluate('window.__stillHere')).toBe(true);
    await context.close();
  });

  it('falls back to a plain form post when the background request fails', async () => {
    const context = await browser.newContext();
    const [name, value] = member.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: site, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${site}/papers/date/2026-08-22`);
    // Only the script's fetch (Accept: application/json) fails; the plain post goes through.
    await page.route('**/papers/2608.00001/vote', (route) =>
      route.request().headers().accept === 'application/json' ? route.fulfill({ status: 503, body: 'down' }) : route.continue(),
    );
    // The post answers 303 back to the same page, which then shows the vote pressed.
    await Promise.all([page.waitForEvent('framenavigated'), page.locator('form.vote-form[action="/papers/2608.00001/vote"] button').click()]);
    await page.waitForLoadState('load');
    expect(page.url()).toBe(`${site}/papers/date/2026-08-22`);
    await expect(page.locator('form.vote-form[action="/papers/2608.00001/vote"] button').getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await voteRow()).toBeDefined();
    await context.close();
  });
});
