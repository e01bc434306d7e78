import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases';
import { createTestApp } from '../../../test/deps';
import { createAccount, getAs, postForm, TEST_PASSWORD } from '../../../test/accounts';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink';
import type { Deps } from '../../deps';
import type { App } from '../../app';
import type { TestDb } from '../../../test/databases';

/** Extracts the CSRF token of the first form in a page. */
function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF field in page');
  return m[1]!;
}

/** A tiny browser: keeps cookies, sends same-origin headers, reads CSRF tokens from pages. */
class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly app: App,
    readonly deps: Deps,
  ) {}
  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (!value || attrs.some((a) => /max-age=0/i.test(a))) this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
    return res;
  }
  async get(path: string) {
    return this.keep(await this.app.request(`${this.deps.config.siteUrl}${path}`, { headers: { cookie: this.header() } }));
  }
  /** GETs `formPage`, then posts `fields` with the token found there. */
  async submit(formPage: string, action: string, fields: Record<string, string>) {
    const page = await this.get(formPage);
    const token = csrfIn(await page.text());
    return this.keep(
      await this.app.request(`${this.deps.config.siteUrl}${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.deps.config.siteUrl, 'sec-fetch-site': 'same-origin', cookie: this.header() },
        body: new URLSearchParams({ ...fields, _csrf: token }),
      }),
    );
  }
}

describe.each(DIALECTS)('account flows on %s', (dialect) => {
  let sink: SmtpSink;
  let app: App;
  let deps: Deps & { db: TestDb };
  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ app, deps } = await createTestApp(dialect, { SMTP_URL: sink.url }));
  });
  afterAll(async () => {
    deps.mailer.close();
    await deps.db.drop();
    await sink.close();
  });

  async function mailTo(address: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mail = sink.mails.find((m) => m.to.includes(address));
      if (mail) return mail;
      if (Date.now() > deadline) throw new Error(`no mail to ${address}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('signs up, verifies by POST (not by GET), logs in with a fresh __Host- session cookie, and logs out', async () => {
    const browser = new Browser(app, deps);
    const signUp = await browser.submit('/signup', '/signup', { username: 'grace', email: 'Grace@Example.org', password: 'compilers all the way down' });
    expect(signUp.status).toBe(200);
    expect(await signUp.text()).toContain('Check your inbox');

    const mail = await mailTo('grace@example.org');
    expect(mail.parsed.subject).toMatch(/Confirm your email/);
    const link = /http:\/\/paperboy\.test\/verify-email\/[A-Za-z0-9_-]{43}/.exec(mail.parsed.text ?? '')?.[0];
    expect(link).toBeDefined();
    const path = new URL(link!).pathname;

    // A mail scanner following the link confirms nothing.
    expect((await browser.get(path)).status).toBe(200);
    const unverified = await deps.db.kysely.selectFrom('users').select('email_verified_at').where('username', '=', 'grace').executeTakeFirstOrThrow();
    expect(unverified.email_verified_at).toBeNull();

    const confirmed = await browser.submit(path, path, {});
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Address confirmed');
    // Single use.
    expect((await browser.get(path)).status).toBe(400);

    const login = await browser.submit('/login?next=/papers/trending', '/login', { login: 'grace', password: 'compilers all the way down', next: '/papers/trending' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/papers/trending');
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('__Host-paperboy_session='))!;
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).not.toMatch(/Domain=/i);

    const settings = await browser.get('/settings');
    expect(settings.status).toBe(200);
    expect(settings.headers.get('cache-control')).toBe('no-store');
    const html = await settings.text();
    expect(html).toContain('grace@example.org');
    expect(html).toContain('address confirmed');

    const logout = await browser.submit('/settings', '/logout', {});
    expect(logout.status).toBe(303);
    const after = await browser.get('/settings');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?next=%2Fsettings');
  });

  it('rotates the session at log-in: a planted session cookie never authenticates, each log-in gets a new token', async () => {
    const account = await createAccount(deps);
    const browser = new Browser(app, deps);
    browser.cookies.set('__Host-paperboy_session', 'A'.repeat(43));
    const first = await browser.submit('/login', '/login', { login: account.username, password: TEST_PASSWORD });
    const token1 = browser.cookies.get('__Host-paperboy_session');
    expect(first.status).toBe(303);
    expect(token1).not.toBe('A'.repeat(43));
    const second = new Browser(app, deps);
    await second.submit('/login', '/login', { login: account.email, password: TEST_PASSWORD });
    expect(second.cookies.get('__Host-paperboy_session')).not.toBe(token1);
    const rows = await deps.db.kysely.selectFrom('sessions').select('token_hash').where('user_id', '=', account.id).execute();
    expect(rows.length).toBe(3); // createAccount's + two log-ins
    for (const r of rows) expect(r.token_hash).not.toBe(token1);
  });

  it('lists sessions on the settings page and revokes one, which then stops working', async () => {
    const account = await createAccount(deps);
    const other = new Browser(app, deps);
    await other.submit('/login', '/login', { login: account.username, password: TEST_PASSWORD });
    expect((await other.get('/settings')).status).toBe(200);

    const page = await (await getAs(app, deps, '/settings', account)).text();
    const ids = [...page.matchAll(/name="session" value="([0-9a-f]{64})"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(1);
    expect(page).toContain('this browser');
    const revoked = await postForm(app, deps, '/settings/sessions/revoke', account, { session: ids[0]! });
    expect(revoked.status).toBe(200);
    expect((await other.get('/settings')).status).toBe(303);
    // Someone else's session id is not theirs to revoke.
    const stranger = await createAccount(deps);
    const res = await postForm(app, deps, '/settings/sessions/revoke', stranger, { session: ids[0]! });
    expect(res.status).toBe(404);
  });

  it('changes the password only with the current one, and can log out everywhere else', async () => {
    const account = await createAccount(deps);
    const other = new Browser(app, deps);
    await other.submit('/login', '/login', { login: account.username, password: TEST_PASSWORD });
    const wrong = await postForm(app, deps, '/settings/password', account, { current: 'not it at all', password: 'a brand new passphrase' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('current password is not right');
    const weak = await postForm(app, deps, '/settings/password', account, { current: TEST_PASSWORD, password: 'password1' });
    expect(weak.status).toBe(400);
    const ok = await postForm(app, deps, '/settings/password', account, { current: TEST_PASSWORD, password: 'a brand new passphrase', logOutEverywhere: '1' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('1 other session logged out');
    expect((await other.get('/settings')).status).toBe(303);
    expect((await getAs(app, deps, '/settings', account)).status).toBe(200);
    const relog = new Browser(app, deps);
    expect((await relog.submit('/login', '/login', { login: account.username, password: 'a brand new passphrase' })).status).toBe(303);
  });

  it('resets a password with a single-use, one-hour link built from SITE_URL (not the Host header)', async () => {
    const account = await createAccount(deps);
    const browser = new Browser(app, deps);
    const asked = await browser.submit('/reset-password', '/reset-password', { email: account.email });
    expect(asked.status).toBe(200);
    const mail = await mailTo(account.email);
    const link = /\S+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail.parsed.text ?? '')![0];
    expect(link.startsWith('http://paperboy.test/reset-password/')).toBe(true);
    const path = new URL(link).pathname;

    const weak = await browser.submit(path, path, { password: 'short' });
    expect(weak.status).toBe(400); // a refused password does not burn the link
    const done = await browser.submit(path, path, { password: 'the reset worked fine' });
    expect(done.status).toBe(200);
    expect((await getAs(app, deps, '/settings', account)).status).toBe(303); // old sessions ended
    expect((await browser.get(path)).status).toBe(400); // used once

    // Expiry: a link older than an hour is refused.
    const saved = deps.now;
    try {
      await browser.submit('/reset-password', '/reset-password', { email: account.email });
      const deadline = Date.now() + 10_000;
      let second: string | undefined;
      while (!second && Date.now() < deadline) {
        const mails = sink.mails.filter((m) => m.to.includes(account.email) && /Reset/.test(m.parsed.subject ?? ''));
        second = mails.length > 1 ? /\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mails.at(-1)!.parsed.text ?? '')![0] : undefined;
        await new Promise((r) => setTimeout(r, 20));
      }
      const later = new Date(saved().getTime() + 61 * 60 * 1000);
      deps.now = () => later;
      expect((await browser.get(second!)).status).toBe(400);
    } finally {
      deps.now = saved;
    }
  });

  it('creates, uses and revokes API tokens (Bearer), showing the secret once', async () => {
    const account = await createAccount(deps);
    const created = await postForm(app, deps, '/settings/api-tokens', account, { name: 'my paper bot' });
    const html = await created.text();
    const token = /<p class="secret">(pb_[A-Za-z0-9_-]{43})<\/p>/.exec(html)?.[1];
    expect(token).toBeDefined();
    const who = await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}` } });
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({ type: 'user', name: account.username });
    const again = await (await getAs(app, deps, '/settings', account)).text();
    expect(again).toContain('my paper bot');
    expect(again).not.toContain(token!);
    const id = /\/settings\/api-tokens\/(\d+)\/revoke/.exec(again)![1]!;
    expect((await postForm(app, deps, `/settings/api-tokens/${id}/revoke`, account)).status).toBe(200);
    const revoked = await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(401);
    expect((await app.request('/api/whoami-v2')).status).toBe(401);
  });

  it('lets an unverified account ask for a new confirmation link', async () => {
    const account = await createAccount(deps, { verified: false });
    const res = await postForm(app, deps, '/settings/verify-email', account);
    expect(res.status).toBe(200);
    const mail = await mailTo(account.email);
    expect(mail.parsed.text).toMatch(/\/verify-email\/[A-Za-z0-9_-]{43}/);
  });
});
