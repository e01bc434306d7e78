import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { Deps } from '../../src/deps';
import { startArxivReplayServer, type ArxivReplayServer } from '../arxiv-replay-server';
import { launchBrowser } from '../browser';
import type { TestDb } from '../databases';
import { createTestDeps } from '../deps';
import { freePort, serveOnPort, type ServedApp } from '../serve-app';
import { startSmtpSink, type SmtpSink } from '../smtp-sink';

/**
 * Issue 3, end to end in real Chromium, only through the UI as a person would: sign up from the
 * header, read the verification mail from a real local SMTP server, open its link and confirm,
 * log in, submit a paper by arXiv id (arXiv replayed locally), upvote it (the count changes in
 * place), comment with Markdown and math, reply through the Reply disclosure, log out. Each step
 * asserts what the person sees and leaves a full-page screenshot in test-results/.
 */
const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
// The recorded Infini-gram paper (published 2024-01-30) is within SUBMIT_MAX_AGE_DAYS of this day.
const NOW = new Date('2024-02-10T12:00:00Z');
const ARXIV_ID = '2401.17377';
const TITLE = 'Infini-gram: Scaling Unbounded n-gram Language Models to a Trillion Tokens';
const USER = { username: 'e2e-reader', email: 'e2e-reader@example.org', password: 'seven brisk otters read papers' };

describe('the community flow in Chromium', () => {
  let deps: Deps & { db: TestDb };
  let served: ServedApp;
  let sink: SmtpSink;
  let arxiv: ArxivReplayServer;
  let browser: Browser;
  let site: string;

  beforeAll(async () => {
    [sink, arxiv] = await Promise.all([startSmtpSink(), startArxivReplayServer()]);
    const port = await freePort();
    site = `http://127.0.0.1:${port}`;
    deps = await createTestDeps('sqlite', NOW, { SITE_URL: site, SMTP_URL: sink.url, ARXIV_API_URL: arxiv.url });
    served = await serveOnPort(createApp(deps).fetch, port);
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await Promise.all([sink?.close(), arxiv?.close()]);
    await deps?.db.drop();
  });

  it('signs up, verifies by mail, submits, upvotes, comments, replies and logs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    let step = 0;
    const shot = async (name: string) => {
      step += 1;
      await page.screenshot({ path: path.join(SHOTS, `e2e-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
    };
    const header = page.locator('header.site-header');
    const h1 = page.locator('main h1');

    // 1. Sign up from the header.
    await page.goto(`${site}/`);
    await header.getByRole('link', { name: 'Sign up' }).click();
    await expect(h1.textContent()).resolves.toContain('Create an account');
    const signup = page.locator('form[action="/signup"]');
    await signup.getByLabel('User name').fill(USER.username);
    await signup.getByLabel('Email', { exact: true }).fill(USER.email);
    await signup.getByLabel('Password').fill(USER.password);
    await shot('signup');
    await clickAndWait(page, page.locator('form[action="/signup"] button[type="submit"]'));
    await expect(h1.textContent()).resolves.toContain('Check your inbox');
    await expect(page.locator('main').textContent()).resolves.toContain(USER.email);
    await shot('check-inbox');

    // 2. The mail, as a mail client reads it; its link opens the confirmation page.
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual([USER.email]);
    const link = /https?:\/\/\S+\/verify-email\/[\w-]+/.exec(mail!.parsed.text ?? '')?.[0];
    expect(link, 'verification link in the mail').toBeDefined();
    expect(link!.startsWith(`${site}/verify-email/`)).toBe(true);
    await page.goto(link!);
    await expect(h1.textContent()).resolves.toContain('Confirm your email address');
    await shot('mail-link');
    await clickAndWait(page, page.getByRole('button', { name: 'Confirm my address' }));
    await expect(page.locator('main').textContent()).resolves.toContain('your email address is confirmed');
    await shot('verified');

    // 3. Log in through the form.
    await page.locator('main').getByRole('link', { name: 'Log in' }).click();
    await page.locator('input[name="login"]').fill(USER.username);
    await page.locator('input[name="password"]').fill(USER.password);
    await shot('login');
    await clickAndWait(page, page.locator('form[action="/login"] button[type="submit"]'));
    await header.getByRole('link', { name: USER.username }).waitFor({ state: 'visible', timeout: 5000 });

    // 4. Submit a paper through the header link.
    await header.getByRole('link', { name: 'Submit' }).click();
    await expect(h1.textContent()).resolves.toContain('Submit a paper');
    await page.locator('input[name="arxivId"]').fill(`https://arxiv.org/abs/${ARXIV_ID}v1`);
    await shot('submit');
    await clickAndWait(page, page.locator('form[action="/submit"] button[type="submit"]'));
    expect(new URL(page.url()).pathname).toBe(`/papers/${ARXIV_ID}`);
    await expect(h1.textContent()).resolves.toBe(TITLE);
    await expect(page.locator('main').textContent()).resolves.toContain(USER.username); // submitted by
    expect(arxiv.requests.map((r) => r.idList)).toEqual([ARXIV_ID]);
    await shot('submitted');

    // 5. Upvote: the count changes in place, without a reload.
    const vote = page.locator('form.vote-form').first();
    await expect(vote.locator('.vote-count').textContent()).resolves.toBe('0');
    await page.evaluate('window.__sameDocument = true');
    await vote.locator('button').click();
    await vote.locator('.vote-count', { hasText: /^1$/ }).waitFor();
    await expect(vote.locator('button').getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await shot('upvoted');

    // 6. A comment with Markdown and math.
    const comment = page.locator('form.new-comment');
    await comment.locator('textarea[name="body"]').fill('**Striking** result: the suffix array makes $x^2$ lookups cheap.\n\n- unbounded *n*\n- a trillion tokens');
    await clickAndWait(page, comment.getByRole('button', { name: 'Comment' }));
    const first = page.locator('li.comment').first();
    await expect(first.locator('.comment-author').first().textContent()).resolves.toBe(USER.username);
    await expect(first.locator('.comment-body strong').first().textContent()).resolves.toBe('Striking');
    await expect(first.locator('.comment-body li').count()).resolves.toBe(2);
    await expect(first.locator('.comment-body .katex annotation').first().textContent()).resolves.toBe('x^2');
    await expect(page.locator('.discussion h2').textContent()).resolves.toContain('1 comment');
    await first.scrollIntoViewIfNeeded();
    await shot('comment');

    // 7. A reply, through the comment's Reply disclosure.
    await first.locator('details > summary', { hasText: 'Reply' }).first().click();
    const replyForm = first.locator('details[open] form.comment-form').first();
    await replyForm.locator('textarea[name="body"]').fill('Agreed — and it needs no *GPU* at all.');
    await clickAndWait(page, replyForm.getByRole('button', { name: 'Reply' }));
    const reply = page.locator('li.comment li.comment').first();
    await expect(reply.locator('.comment-body em').textContent()).resolves.toBe('GPU');
    await expect(page.locator('.discussion h2').textContent()).resolves.toContain('2 comments');
    await reply.scrollIntoViewIfNeeded();
    await shot('reply');

    // 8. Log out from the header.
    await clickAndWait(page, header.getByRole('button', { name: 'Log out' }));
    await header.getByRole('link', { name: 'Log in' }).waitFor({ state: 'visible', timeout: 5000 });
    await header.getByRole('link', { name: 'Sign up' }).waitFor({ state: 'visible', timeout: 5000 });
    await expect(page.locator('header').textContent()).resolves.not.toContain(USER.username);
    await shot('logged-out');

    expect(problems).toEqual([]);
    const shots = fs.readdirSync(SHOTS).filter((f) => f.startsWith('e2e-'));
    expect(shots.length).toBeGreaterThanOrEqual(step);
    console.log(`[e2e] ${step} steps, screenshots in test-results/: ${shots.sort().join(', ')}`);
    await context.close();
  });
});

/** Clicks something that submits a form and waits for the page it leads to. */
async function clickAndWait(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}
