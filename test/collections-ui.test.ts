import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { Deps } from '../src/deps';
import { createAccount, type TestAccount } from './accounts';
import { launchBrowser } from './browser';
import type { TestDb } from './databases';
import { createTestDeps } from './deps';
import { insertListing, insertPaper } from './factories';
import { freePort, serveOnPort, type ServedApp } from './serve-app';

/**
 * The collection menus in real Chromium with JavaScript turned off: the card's "Save" details
 * opens, its form adds the paper to a chosen or a new collection and comes back to the list, and
 * the paper page's button takes it out again. Served on a local port under the real CSP.
 */
describe('collection menus in Chromium without JavaScript', () => {
  let deps: Deps & { db: TestDb };
  let server: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let site: string;
  let member: TestAccount;

  beforeAll(async () => {
    const port = await freePort();
    site = `http://127.0.0.1:${port}`;
    deps = await createTestDeps('sqlite', undefined, { SITE_URL: site });
    for (const arxivId of ['2608.00001', 'hep-th/9901001']) await insertListing(deps.db, await insertPaper(deps.db, { arxivId, title: `Paper ${arxivId}` }), '2026-08-22');
    member = await createAccount(deps);
    const at = deps.now().toISOString();
    await deps.db.kysely.insertInto('collections').values({ user_id: member.id, slug: 'reading', name: 'Reading', created_at: at, updated_at: at }).execute();
    server = await serveOnPort(createApp(deps).fetch, port);
    browser = await launchBrowser();
    context = await browser.newContext({ javaScriptEnabled: false });
    const [name, value] = member.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: site, httpOnly: true, sameSite: 'Lax' }]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await deps?.db.drop();
  });

  const held = async () =>
    (
      await deps.db.kysely
        .selectFrom('collection_papers')
        .innerJoin('collections', 'collections.id', 'collection_papers.collection_id')
        .innerJoin('papers', 'papers.id', 'collection_papers.paper_id')
        .select(['collections.slug', 'papers.arxiv_id'])
        .where('collections.user_id', '=', member.id)
        .orderBy('collections.slug')
        .orderBy('papers.arxiv_id')
        .execute()
    ).map((r) => `${r.slug}:${r.arxiv_id}`);

  it('adds from a card to a chosen and to a new collection, and removes from the paper page', async () => {
    const page = await context.newPage();
    await page.goto(`${site}/papers/date/2026-08-22`);
    const card = page.locator('li.card', { has: page.locator('a[href="/papers/2608.00001"]') });
    const form = card.locator('form.collect-form');
    await expect(form.isVisible()).resolves.toBe(false);
    await card.locator('details.collect summary').click();
    await expect(form.isVisible()).resolves.toBe(true);
    await form.locator('select[name="collection"]').selectOption('reading');
    await Promise.all([page.waitForURL(`${site}/papers/date/2026-08-22`), form.locator('button[type="submit"]').click()]);
    expect(await held()).toEqual(['reading:2608.00001']);

    const old = page.locator('li.card', { has: page.locator('a[href="/papers/hep-th/9901001"]') });
    await old.locator('details.collect summary').click();
    await old.locator('input[name="newName"]').fill('Strings to read');
    await Promise.all([page.waitForURL(`${site}/papers/date/2026-08-22`), old.locator('form.collect-form button[type="submit"]').click()]);
    expect(await held()).toEqual(['reading:2608.00001', 'strings-to-read:hep-th/9901001']);

    await page.goto(`${site}/papers/2608.00001`);
    await Promise.all([page.waitForURL(`${site}/papers/2608.00001`), page.locator('#collections button[aria-pressed="true"]').click()]);
    expect(await held()).toEqual(['strings-to-read:hep-th/9901001']);
    await expect(page.locator('#collections button[aria-pressed="true"]').count()).resolves.toBe(0);

    await page.goto(`${site}/users/${member.username}/collections/strings-to-read`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Strings to read');
    await expect(page.locator('a[href$="/collections/strings-to-read.bib"]').count()).resolves.toBe(1);
  });
});
