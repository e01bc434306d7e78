import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, getAs, postForm } from '../../test/accounts';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../test/smtp-sink';
import { insertOutboxRow, insertSubscription, subscriptionState } from '../../test/subscriptions';
import { createApp, type App } from '../app';
import type { Deps } from '../deps';

const SECRET = 'a-webhook-secret-of-enough-length';

/** A browser without scripts: keeps cookies, sends same-origin headers, reads form tokens. */
class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly app: App,
    readonly deps: Deps,
  ) {}
  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      this.cookies.set(name!, rest.join('='));
    }
    return res;
  }
  private cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(path: string) {
    return this.keep(await this.app.request(`${this.deps.config.siteUrl}${path}`, { headers: { cookie: this.cookie() } }));
  }
  /** GETs `page` and posts `fields` to `action` with the CSRF token found on the page. */
  async submit(page: string, action: string, fields: Record<string, string>) {
    const html = await (await this.get(page)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return this.keep(
      await this.app.request(`${this.deps.config.siteUrl}${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.deps.config.siteUrl, 'sec-fetch-site': 'same-origin', cookie: this.cookie() },
        body: new URLSearchParams({ ...fields, _csrf: token }),
      }),
    );
  }
}

describe.each(DIALECTS)('digest subscription pages on %s', (dialect) => {
  let sink: SmtpSink;
  let app: App;
  let deps: Deps & { db: TestDb };

  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ app, deps } = await createTestApp(dialect, { SMTP_URL: sink.url, MAIL_WEBHOOK_SECRET: SECRET }));
  });
  afterAll(async () => {
    deps.mailer.close();
    await deps.db.drop();
    await sink.close();
  });

  async function mailsTo(address: string, count = 1): Promise<ReceivedMail[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = sink.mails.filter((m) => m.to.includes(address));
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`expected ${count} mails to ${address}, got ${found.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const statusOf = async (email: string) => (await deps.db.kysely.selectFrom('subscriptions').selectAll().where('email', '=', email).executeTakeFirst()) ?? null;
  const pathOf = (url: string) => url.slice(deps.config.siteUrl.length);

  it('subscribes with double opt-in: the banner GET prefills the form, a GET of the mailed link confirms nothing, the POST confirms', async () => {
    const browser = new Browser(app, deps);
    const form = await browser.get('/subscribe?email=Reader.One%40Example.org&cadence=weekly');
    const html = await form.text();
    expect(form.status).toBe(200);
    expect(html).toContain('value="Reader.One@Example.org"');
    expect(html).toMatch(/value="weekly" checked/);

    const res = await browser.submit('/subscribe?email=x', '/subscribe', { email: 'Reader.One@Example.org', cadence: 'weekly', timeZone: 'Europe/Paris' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    const [mail] = await mailsTo('reader.one@example.org');
    expect(mail!.parsed.subject).toBe('Confirm your Paperboy digest subscription');
    const link = /http:\/\/paperboy\.test\/subscriptions\/confirm\/[A-Za-z0-9_-]{43}/.exec(mail!.parsed.text ?? '')![0];
    expect(await statusOf('reader.one@example.org')).toMatchObject({ status: 'pending', cadence: 'weekly', time_zone: 'Europe/Paris' });

    // A mail scanner following the link (no cookies): a page with a button, nothing confirmed.
    const scanned = await app.request(link);
    expect(scanned.status).toBe(200);
    expect(await scanned.text()).toContain(`action="${pathOf(link)}"`);
    expect((await statusOf('reader.one@example.org'))!.status).toBe('pending');

    const confirmed = await browser.submit(pathOf(link), pathOf(link), {});
    expect(confirmed.status).toBe(200);
    const page = await confirmed.text();
    expect(page).toContain('You are subscribed');
    expect(page).toMatch(/href="\/subscriptions\/manage\/[A-Za-z0-9_-]{43}"/);
    expect(await statusOf('reader.one@example.org')).toMatchObject({ status: 'active', confirm_token_hash: null });
    expect((await statusOf('reader.one@example.org'))!.confirmed_at).not.toBeNull();

    // The link works once.
    expect((await browser.submit('/subscribe', pathOf(link), {})).status).toBe(404);
    expect((await app.request(link)).status).toBe(404);
  });

  it('answers the same for a new, a pending, an active and a suppressed address, and mails only what each should get', async () => {
    await insertSubscription(deps.db, { email: 'active@example.org' });
    await insertSubscription(deps.db, { email: 'pending@example.org', status: 'pending' });
    await deps.db.kysely.insertInto('suppressions').values({ email: 'suppressed@example.org', reason: 'complaint', detail: null, created_at: '2026-08-01T00:00:00Z' }).execute();
    const browser = new Browser(app, deps);
    const bodies: string[] = [];
    for (const email of ['suppressed@example.org', 'new@example.org', 'pending@example.org', 'active@example.org']) {
      const res = await browser.submit('/subscribe', '/subscribe', { email, cadence: 'daily', timeZone: 'UTC' });
      expect(res.status, email).toBe(200);
      bodies.push(await res.text());
    }
    expect(new Set(bodies).size).toBe(1);

    expect((await mailsTo('new@example.org'))[0]!.parsed.subject).toBe('Confirm your Paperboy digest subscription');
    expect((await mailsTo('pending@example.org'))[0]!.parsed.subject).toBe('Confirm your Paperboy digest subscription');
    const active = (await mailsTo('active@example.org'))[0]!;
    expect(active.parsed.subject).toBe('You already get the Paperboy digest');
    const manage = /http:\/\/paperboy\.test\/subscriptions\/manage\/[A-Za-z0-9_-]{43}/.exec(active.parsed.text ?? '')![0];
    expect((await app.request(manage)).status).toBe(200);
    expect((await statusOf('active@example.org'))!.status).toBe('active');
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.mails.filter((m) => m.to.includes('suppressed@example.org'))).toHaveLength(0);
    expect(await statusOf('suppressed@example.org')).toBeNull();
  });

  it.each([
    ['a bad address', { email: 'not an address', cadence: 'daily', timeZone: 'UTC' }, 'email address'],
    ['a bad cadence', { email: 'ok@example.org', cadence: 'hourly', timeZone: 'UTC' }, 'cadence'],
    ['an unknown time zone', { email: 'ok@example.org', cadence: 'daily', timeZone: 'Mars/Olympus' }, 'time zone'],
    ['an offset instead of a zone', { email: 'ok@example.org', cadence: 'daily', timeZone: '+01:00' }, 'time zone'],
  ])('refuses %s with a 400 and the form again', async (_what, fields, message) => {
    const res = await new Browser(app, deps).submit('/subscribe', '/subscribe', fields);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('action="/subscribe"');
    expect(await statusOf('ok@example.org')).toBeNull();
  });

  it('unsubscribes from the page (GET shows a button and changes nothing; the POST works without cookies) and cancels queued digests', async () => {
    const s = await insertSubscription(deps.db);
    const { token } = await insertOutboxRow(deps.db, s);
    await insertOutboxRow(deps.db, s, { status: 'sent' });
    const page = await app.request(`${deps.config.siteUrl}/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`action="/unsubscribe/${token}"`);
    expect((await subscriptionState(deps.db, s.id)).status).toBe('active');

    const res = await app.request(`${deps.config.siteUrl}/unsubscribe/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');
    expect(await subscriptionState(deps.db, s.id)).toEqual({ status: 'unsubscribed', outbox: ['cancelled', 'sent'] });
    expect((await app.request(`${deps.config.siteUrl}/unsubscribe/${'A'.repeat(43)}`, { method: 'POST' })).status).toBe(404);
  });

  it('unsubscribes with an RFC 8058 one-click POST (no cookies, no token): 200, again 200, unknown 404; a claimed digest is left to the sender', async () => {
    const s = await insertSubscription(deps.db);
    const { token } = await insertOutboxRow(deps.db, s);
    await insertOutboxRow(deps.db, s, { status: 'sending' });
    const oneClick = () =>
      app.request(`${deps.config.siteUrl}/unsubscribe/one-click/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    const res = await oneClick();
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await subscriptionState(deps.db, s.id)).toEqual({ status: 'unsubscribed', outbox: ['cancelled', 'sending'] });
    expect((await oneClick()).status).toBe(200);
    const unknown = await app.request(`${deps.config.siteUrl}/unsubscribe/one-click/${'B'.repeat(43)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(unknown.status).toBe(404);
    expect((await app.request(`${deps.config.siteUrl}/unsubscribe/one-click/not-a-token`, { method: 'POST' })).status).toBe(404);
    // A cross-site POST with a foreign Origin still works: mail clients are not this site.
    const other = await insertSubscription(deps.db);
    const second = await insertOutboxRow(deps.db, other);
    const foreign = await app.request(`${deps.config.siteUrl}/unsubscribe/one-click/${second.token}`, { method: 'POST', headers: { origin: 'https://mail.example.com', 'sec-fetch-site': 'cross-site' }, body: 'List-Unsubscribe=One-Click' });
    expect(foreign.status).toBe(200);
    expect((await subscriptionState(deps.db, other.id)).status).toBe('unsubscribed');
  });

  it('changes cadence and time zone on the preferences page (a listed zone, a typed one), and refuses a bad zone with 400', async () => {
    const s = await insertSubscription(deps.db, { cadence: 'daily', timeZone: 'UTC' });
    const { token } = await insertOutboxRow(deps.db, s);
    const browser = new Browser(app, deps);
    const path = `/subscriptions/manage/${token}`;
    const saved = await browser.submit(path, path, { cadence: 'weekly', timeZone: 'Europe/Berlin' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Saved.');
    expect(await statusOf(s.email)).toMatchObject({ cadence: 'weekly', time_zone: 'Europe/Berlin', status: 'active' });
    expect((await browser.submit(path, path, { cadence: 'daily', timeZone: 'UTC', timeZoneOther: 'pacific/chatham' })).status).toBe(200);
    expect(await statusOf(s.email)).toMatchObject({ cadence: 'daily', time_zone: 'Pacific/Chatham' });
    const bad = await browser.submit(path, path, { cadence: 'daily', timeZone: 'Nowhere/Special' });
    expect(bad.status).toBe(400);
    expect(await statusOf(s.email)).toMatchObject({ time_zone: 'Pacific/Chatham' });
    expect((await app.request(`${deps.config.siteUrl}/subscriptions/manage/${'C'.repeat(43)}`)).status).toBe(404);
  });

  it('webhook: wrong secret 401, hard bounce and complaint suppress (and unsubscribe, cancel queued mail), soft bounce does not, bad JSON 400', async () => {
    const hook = (body: unknown, secret = SECRET) =>
      app.request('/api/webhooks/mail', { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const suppressedRow = (email: string) => deps.db.kysely.selectFrom('suppressions').selectAll().where('email', '=', email).executeTakeFirst();

    expect((await hook({ type: 'complaint', email: 'x@example.org' }, 'wrong-secret-of-some-length')).status).toBe(401);
    expect((await app.request('/api/webhooks/mail', { method: 'POST', body: '{}' })).status).toBe(401);
    expect(await suppressedRow('x@example.org')).toBeUndefined();

    const soft = await hook({ type: 'bounce', email: 'soft@example.org', hard: false, detail: '452 mailbox full' });
    expect(soft.status).toBe(200);
    expect(await soft.json()).toEqual({ suppressed: false });
    expect(await suppressedRow('soft@example.org')).toBeUndefined();

    const s = await insertSubscription(deps.db, { email: 'hard@example.org' });
    await insertOutboxRow(deps.db, s);
    const hard = await hook({ type: 'bounce', email: 'Hard@Example.org', hard: true, detail: '550 5.1.1 no such user\r\nX-Injected: 1' });
    expect(await hard.json()).toEqual({ suppressed: true });
    expect(await suppressedRow('hard@example.org')).toMatchObject({ reason: 'bounce', detail: '550 5.1.1 no such user X-Injected: 1' });
    expect(await subscriptionState(deps.db, s.id)).toEqual({ status: 'unsubscribed', outbox: ['cancelled'] });

    expect(await (await hook({ type: 'complaint', email: 'angry@example.org' })).json()).toEqual({ suppressed: true });
    expect(await suppressedRow('angry@example.org')).toMatchObject({ reason: 'complaint' });

    for (const body of ['not json', '[]', { type: 'bounce' }, { type: 'delivered', email: 'a@example.org' }, { type: 'bounce', email: 'not an address', hard: true }]) {
      const res = await hook(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(typeof ((await res.json()) as { error: unknown }).error).toBe('string');
    }
  });

  it('webhook: 404 when no MAIL_WEBHOOK_SECRET is configured', async () => {
    const off = createApp({ ...deps, config: { ...deps.config, mailWebhookSecret: null } });
    const res = await off.request('/api/webhooks/mail', { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'complaint', email: 'z@example.org' }) });
    expect(res.status).toBe(404);
    expect(await deps.db.kysely.selectFrom('suppressions').selectAll().where('email', '=', 'z@example.org').executeTakeFirst()).toBeUndefined();
  });

  it('a logged-in reader subscribes their verified address at once from settings, changes it and unsubscribes there', async () => {
    const member = await createAccount(deps);
    const before = await (await getAs(app, deps, '/settings', member)).text();
    expect(before).toContain('Email digest');
    expect(before).toContain('action="/subscribe"');
    const res = await postForm(app, deps, '/subscribe', member, { email: member.email, cadence: 'weekly', timeZone: 'Asia/Tokyo' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are subscribed');
    expect(await statusOf(member.email)).toMatchObject({ status: 'active', user_id: member.id, cadence: 'weekly', time_zone: 'Asia/Tokyo' });
    expect(sink.mails.filter((m) => m.to.includes(member.email))).toHaveLength(0);

    expect((await postForm(app, deps, '/settings/subscription', member, { cadence: 'daily', timeZone: 'UTC' })).status).toBe(200);
    expect(await statusOf(member.email)).toMatchObject({ cadence: 'daily', time_zone: 'UTC' });
    expect((await postForm(app, deps, '/settings/subscription', member, { cadence: 'sometimes', timeZone: 'UTC' })).status).toBe(400);
    const off = await postForm(app, deps, '/settings/subscription/unsubscribe', member);
    expect(off.status).toBe(200);
    expect(await statusOf(member.email)).toMatchObject({ status: 'unsubscribed' });
  });

  it('an unverified account subscribing its address still gets a confirmation mail, and cannot manage that address from settings', async () => {
    const member = await createAccount(deps, { verified: false });
    await postForm(app, deps, '/subscribe', member, { email: member.email, cadence: 'daily', timeZone: 'UTC' });
    expect((await mailsTo(member.email))[0]!.parsed.subject).toBe('Confirm your Paperboy digest subscription');
    expect((await statusOf(member.email))!.status).toBe('pending');
    expect((await postForm(app, deps, '/settings/subscription/unsubscribe', member)).status).toBe(403);
  });

  it('shows the banner as a GET form without a CSRF token, so the shared anonymous page cache stays per-visitor free', async () => {
    const cachedApp = createApp({ ...deps, config: { ...deps.config, pageCacheSeconds: 60 } });
    const html = await (await cachedApp.request(`${deps.config.siteUrl}/`)).text();
    const banner = /<aside class="subscribe-banner"[\s\S]*?<\/aside>/.exec(html)![0];
    expect(banner).toContain('Get the trending papers in your inbox');
    expect(banner).toContain('method="get" action="/subscribe"');
    expect(banner).not.toContain('_csrf');
    expect(html).not.toContain('name="_csrf"');
  });
});
