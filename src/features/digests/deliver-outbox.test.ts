import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps';
import { DIALECTS } from '../../../test/databases';
import { createTestApp, createTestDeps } from '../../../test/deps';
import { dailyPeriod, insertSubscription, insertSubscriptions, listPapers } from '../../../test/digests';
import { insertListing, insertPaper } from '../../../test/factories';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../../test/smtp-sink';
import { countOutboxByStatus } from '../../storage/repos/outbox-repo';
import { composeDigest } from './compose-digest';
import { deliverOutbox } from './deliver-outbox';

const DAY = '2026-08-21';
const period = dailyPeriod(DAY);

/** A header as it was on the wire (unfolded), or undefined. */
function rawHeader(mail: ReceivedMail, name: string): string | undefined {
  return mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, '');
}

/** The outbox rows, oldest first. */
async function outbox(deps: Deps) {
  return deps.db.kysely.selectFrom('digest_outbox').selectAll().orderBy('id').execute();
}

describe.each(DIALECTS)('deliverOutbox (%s)', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  async function setup(sink: SmtpSink, env: Record<string, string> = {}) {
    const deps = await createTestDeps(dialect, undefined, { SMTP_URL: sink.url, MAIL_FROM: 'Paperboy <papers@paperboy.test>', ...env });
    cleanups.push(() => deps.db.drop());
    return deps;
  }
  async function withSink(options: Parameters<typeof startSmtpSink>[0] = {}) {
    const sink = await startSmtpSink(options);
    cleanups.push(() => sink.close());
    return sink;
  }

  it('sends a digest with From, To, Date, Message-ID and both unsubscribe headers, both parts, and links that answer 200', async () => {
    const sink = await withSink();
    const { app, deps } = await createTestApp(dialect, { SMTP_URL: sink.url, MAIL_FROM: 'Paperboy <papers@paperboy.test>' });
    cleanups.push(() => deps.db.drop());
    const [first] = await listPapers(deps.db, DAY, 3);
    await deps.db.kysely.updateTable('papers').set({ github_repo: 'https://github.com/acme/code' }).where('id', '=', first!).execute();
    // A hostile title: its CR/LF must never turn into a header (titles are only in the bodies).
    await insertListing(deps.db, await insertPaper(deps.db, { title: 'Evil\r\nBcc: eve@example.org\r\nX-Injected: yes', upvotes: 0 }), DAY);
    const sub = await insertSubscription(deps.db, { email: 'ada@example.org' });
    expect(await composeDigest(deps, { subscription: sub, period })).toBe('composed');

    expect(await deliverOutbox(deps, { runnerId: 'test' })).toEqual({ sent: 1, failed: 0, retried: 0, cancelled: 0, recovered: 0 });
    const [mail] = await sink.waitFor(1);
    const row = (await outbox(deps))[0]!;
    expect(row.status).toBe('sent');
    expect(row.sent_at).not.toBeNull();

    expect(mail!.to).toEqual(['ada@example.org']);
    expect(rawHeader(mail!, 'From')).toBe('Paperboy <papers@paperboy.test>');
    expect(rawHeader(mail!, 'To')).toBe('ada@example.org');
    expect(mail!.parsed.date).toBeInstanceOf(Date);
    expect(mail!.parsed.messageId).toBe(row.message_id);
    expect(mail!.parsed.subject).toBe(`Trending papers — Day ${DAY}`);
    const token = /\/unsubscribe\/([A-Za-z0-9_-]{43})/.exec(mail!.parsed.text!)![1]!;
    expect(rawHeader(mail!, 'List-Unsubscribe')).toBe(`<http://paperboy.test/unsubscribe/one-click/${token}>, <mailto:unsubscribe+${token}@paperboy.test>`);
    expect(rawHeader(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(mail!, 'List-Id')).toBe('Paperboy daily digest <daily-digest.paperboy.test>');
    expect(mail!.parsed.headers.has('x-injected')).toBe(false);
    expect(mail!.parsed.headers.has('bcc')).toBe(false);
    expect(mail!.parsed.html).toContain('Evil Bcc: eve@example.org X-Injected: yes');

    // Both parts, the same links in each.
    const htmlLinks = [...(mail!.parsed.html as string).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const textLinks = [...mail!.parsed.text!.matchAll(/https?:\/\/[^\s>]+/g)].map((m) => m[0]);
    expect(new Set(htmlLinks)).toEqual(new Set(textLinks));
    expect(textLinks).toContain('https://github.com/acme/code');
    for (const link of new Set(textLinks)) {
      const url = new URL(link);
      if (url.origin === 'http://paperboy.test') {
        const res = await app.request(url.pathname + url.search);
        expect(`${res.status} ${link}`).toBe(`200 ${link}`);
      } else {
        // Off-site links cannot be fetched in tests (no network): arXiv abstracts and code only.
        expect(link).toMatch(/^https:\/\/(arxiv\.org\/abs\/[0-9.]+|github\.com\/acme\/code)$/);
      }
    }
    expect(textLinks).toContain(`http://paperboy.test/unsubscribe/${token}`);
    expect(textLinks).toContain(`http://paperboy.test/subscriptions/manage/${token}`);

    // The List-Unsubscribe https URL takes the RFC 8058 POST without cookies or a form token,
    // and nothing more is sent to the address.
    const oneClick = await app.request(`/unsubscribe/one-click/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const status = await deps.db.kysely.selectFrom('subscriptions').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('unsubscribed');
    await listPapers(deps.db, '2026-08-22', 1);
    expect(await composeDigest(deps, { subscription: sub, period: dailyPeriod('2026-08-22') })).toBe('composed');
    expect(await deliverOutbox(deps, { runnerId: 'test' })).toMatchObject({ sent: 0, cancelled: 1 });
    expect(sink.mails).toHaveLength(1);
  });

  it('sends nothing to an address unsubscribed or suppressed after composition, and cancels those messages', async () => {
    const sink = await withSink();
    const deps = await setup(sink);
    await listPapers(deps.db, DAY, 2);
    const gone = await insertSubscription(deps.db);
    const suppressed = await insertSubscription(deps.db);
    const kept = await insertSubscription(deps.db);
    for (const s of [gone, suppressed, kept]) expect(await composeDigest(deps, { subscription: s, period })).toBe('composed');
    await deps.db.kysely.updateTable('subscriptions').set({ status: 'unsubscribed' }).where('id', '=', gone.id).execute();
    await deps.db.kysely.insertInto('suppressions').values({ email: suppressed.email, reason: 'bounce', detail: null, created_at: '2026-08-22T00:00:00Z' }).execute();

    expect(await deliverOutbox(deps, { runnerId: 'test' })).toMatchObject({ sent: 1, cancelled: 2 });
    await sink.waitFor(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(sink.mails.map((m) => m.to[0])).toEqual([kept.email]);
    const rows = await outbox(deps);
    expect(rows.map((r) => [r.email, r.status, r.last_error])).toEqual([
      [gone.email, 'cancelled', 'subscription unsubscribed'],
      [suppressed.email, 'cancelled', 'address suppressed (bounce)'],
      [kept.email, 'sent', null],
    ]);
  });

  it('retries a 451 with backoff and sends on the next try that is due', async () => {
    const sink = await withSink({ rejectFirst: 2, rejectCode: 451 });
    const base = await setup(sink);
    let now = new Date('2026-08-22T12:00:00Z');
    const deps = { ...base, now: () => now };
    await listPapers(deps.db, DAY, 1);
    await composeDigest(deps, { subscription: await insertSubscription(deps.db), period });

    expect(await deliverOutbox(deps, { runnerId: 'r' })).toMatchObject({ sent: 0, retried: 1 });
    let row = (await outbox(deps))[0]!;
    expect(row).toMatchObject({ status: 'pending', attempts: 1, claimed_by: null });
    expect(row.last_error).toContain('451');
    const wait = Date.parse(row.next_attempt_at) - now.getTime();
    expect(wait).toBeGreaterThanOrEqual(30_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    // Not due yet: nothing happens.
    expect(await deliverOutbox(deps, { runnerId: 'r' })).toMatchObject({ sent: 0, retried: 0 });

    now = new Date(Date.parse(row.next_attempt_at));
    expect(await deliverOutbox(deps, { runnerId: 'r' })).toMatchObject({ retried: 1 });
    row = (await outbox(deps))[0]!;
    expect(row.attempts).toBe(2);
    expect(Date.parse(row.next_attempt_at) - now.getTime()).toBeGreaterThanOrEqual(60_000); // doubled

    now = new Date(Date.parse(row.next_attempt_at));
    expect(await deliverOutbox(deps, { runnerId: 'r' })).toMatchObject({ sent: 1 });
    row = (await outbox(deps))[0]!;
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(sink.mails).toHaveLength(1);
  });

  it('gives up after DIGEST_MAX_ATTEMPTS transient failures', async () => {
    const sink = await withSink({ rejectFirst: 10, rejectCode: 421 });
    const base = await setup(sink, { DIGEST_MAX_ATTEMPTS: '2' });
    let now = new Date('2026-08-22T12:00:00Z');
    const deps = { ...base, now: () => now };
    await listPapers(deps.db, DAY, 1);
    await composeDigest(deps, { subscription: await insertSubscription(deps.db), period });
    expect(await deliverOutbox(deps, { runnerId: 'r' })).toMatchObject({ retried: 1 });
    now = new Date(now.getTime() + 86_400_000);
    expect(await deliverOutbox(deps, { runnerId: 'r' })).toMatchObject({ failed: 1 });
    expect((await outbox(deps))[0]).toMatchObject({ status: 'failed', attempts: 2 });
    now = new Date(now.getTime() + 86_400_000);
    expect(await deliverOutbox(deps, { runnerId: 'r' })).toMatchObject({ sent: 0, failed: 0, retried: 0 });
  });

  it('fails a message refused with 550 after one try and goes on with the next', async () => {
    const sink = await withSink({ rejectFirst: 1, rejectCode: 550 });
    const deps = await setup(sink);
    await listPapers(deps.db, DAY, 1);
    const a = await insertSubscription(deps.db);
    const b = await insertSubscription(deps.db);
    await composeDigest(deps, { subscription: a, period });
    await composeDigest(deps, { subscription: b, period });
    expect(await deliverOutbox(deps, { runnerId: 'r', concurrency: 1 })).toMatchObject({ sent: 1, failed: 1, retried: 0 });
    const rows = await outbox(deps);
    expect(rows.map((r) => [r.email, r.status, r.attempts])).toEqual([
      [a.email, 'failed', 1],
      [b.email, 'sent', 0],
    ]);
    expect(rows[0]!.last_error).toContain('550');
    expect(sink.mails.map((m) => m.to[0])).toEqual([b.email]);
  });

  it('fails a stored message whose address carries a line break without sending anything', async () => {
    const sink = await withSink();
    const deps = await setup(sink);
    await listPapers(deps.db, DAY, 1);
    const evil = 'ada@example.org\r\nBcc: eve@example.org';
    // Composition refuses such an address; a row written some other way is refused by the mailer.
    const sub = await insertSubscription(deps.db, { email: evil });
    await deps.db.kysely
      .insertInto('digest_outbox')
      .values({ subscription_id: sub.id, period_key: period.key, email: evil, subject: 's', text_body: 't', html_body: 'h', link_token_hash: 'x', status: 'pending', next_attempt_at: '2026-08-22T00:00:00Z', created_at: '2026-08-22T00:00:00Z' })
      .execute();
    expect(await deliverOutbox(deps, { runnerId: 'r' })).toMatchObject({ sent: 0, failed: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(sink.mails).toHaveLength(0);
  });

  it('recovers messages a dead sender left in sending once the lease has passed', async () => {
    const sink = await withSink();
    const deps = await setup(sink);
    await listPapers(deps.db, DAY, 1);
    for (let i = 0; i < 3; i++) await composeDigest(deps, { subscription: await insertSubscription(deps.db), period });
    const ids = (await outbox(deps)).map((r) => r.id);
    await deps.db.kysely.updateTable('digest_outbox').set({ status: 'sending', claimed_by: 'dead', claimed_at: '2026-08-22T11:59:00.000Z' }).where('id', '=', ids[0]!).execute();
    await deps.db.kysely.updateTable('digest_outbox').set({ status: 'sending', claimed_by: 'alive', claimed_at: '2026-08-22T11:59:50.000Z' }).where('id', '=', ids[1]!).execute();
    // Lease 30 s at 12:00:00: the 11:59:00 claim is stale, the 11:59:50 one is not.
    expect(await deliverOutbox(deps, { runnerId: 'r', leaseSeconds: 30 })).toMatchObject({ sent: 2, recovered: 1 });
    expect(await countOutboxByStatus(deps.db)).toMatchObject({ sent: 2, sending: 1 });
  });

  it('splits the work between two concurrent senders without sending any message twice', async () => {
    const sink = await withSink();
    const deps = await setup(sink);
    await listPapers(deps.db, DAY, 2);
    const subs = await insertSubscriptions(deps.db, 300, `conc-${dialect}-`);
    for (const s of subs) await composeDigest(deps, { subscription: s, period });
    const [a, b] = await Promise.all([
      deliverOutbox(deps, { runnerId: 'one', batchSize: 10 }),
      deliverOutbox(deps, { runnerId: 'two', batchSize: 10 }),
    ]);
    expect(a.sent + b.sent).toBe(300);
    await sink.waitFor(300);
    await new Promise((r) => setTimeout(r, 200));
    const recipients = sink.mails.map((m) => m.to[0]);
    expect(recipients).toHaveLength(300);
    expect(new Set(recipients).size).toBe(300);
    const by = await deps.db.kysely.selectFrom('digest_outbox').select(['claimed_by', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('claimed_by').execute();
    console.log(`concurrent senders on ${dialect}: one sent ${a.sent}, two sent ${b.sent}`, by);
    if (dialect === 'postgres') expect(a.sent > 0 && b.sent > 0).toBe(true);
  });
});
