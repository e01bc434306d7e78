import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/databases';
import { createTestDeps } from '../../../test/deps';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink';
import { insertOutboxRow, insertPendingSubscription, insertSubscription, subscriptionState } from '../../../test/subscriptions';
import type { Deps } from '../../deps';
import { NotFoundError } from '../../domain/not-found-error';
import { listActiveSubscriptionGroups, listSubscriptionsDueWithout } from '../../storage/repos/subscriptions-repo';
import { isSuppressed } from '../../storage/repos/suppressions-repo';
import { RateLimitedError } from '../rate-limit';
import { confirmSubscription } from './confirm-subscription';
import { subscribe } from './subscribe';
import { suppressAddress } from './suppress-address';
import { unsubscribeByLinkToken } from './unsubscribe';

const NOW = new Date('2026-08-22T12:00:00Z');

describe.each(DIALECTS)('subscription use cases and queries on %s', (dialect) => {
  let sink: SmtpSink;
  let deps: Deps & { db: TestDb };
  beforeAll(async () => {
    sink = await startSmtpSink();
    deps = await createTestDeps(dialect, NOW, { SMTP_URL: sink.url });
  });
  afterAll(async () => {
    deps.mailer.close();
    await deps.db.drop();
    await sink.close();
  });
  const mailsTo = (address: string) => sink.mails.filter((m) => m.to.includes(address));

  it('lists the scheduler groups and the subscribers due for a period: active, not suppressed, without a digest of that period', async () => {
    const tz = 'America/Denver';
    const a = await insertSubscription(deps.db, { timeZone: tz });
    const b = await insertSubscription(deps.db, { timeZone: tz });
    const c = await insertSubscription(deps.db, { timeZone: tz });
    const d = await insertSubscription(deps.db, { timeZone: tz });
    await insertSubscription(deps.db, { timeZone: tz, status: 'pending' });
    await insertSubscription(deps.db, { timeZone: tz, status: 'unsubscribed' });
    await insertSubscription(deps.db, { timeZone: tz, cadence: 'weekly' });
    await insertOutboxRow(deps.db, b, { periodKey: 'daily:2026-08-21' });
    await insertOutboxRow(deps.db, c, { periodKey: 'daily:2026-08-20' });
    await deps.db.kysely.insertInto('suppressions').values({ email: d.email, reason: 'bounce', detail: null, created_at: NOW.toISOString() }).execute();

    const groups = await listActiveSubscriptionGroups(deps.db);
    expect(groups).toEqual(expect.arrayContaining([{ cadence: 'daily', timeZone: tz }, { cadence: 'weekly', timeZone: tz }]));
    expect(groups.filter((g) => g.timeZone === tz)).toHaveLength(2);

    const due = await listSubscriptionsDueWithout(deps.db, { cadence: 'daily', timeZone: tz, periodKey: 'daily:2026-08-21', limit: 10 });
    expect(due).toEqual([
      { id: a.id, email: a.email, userId: null, cadence: 'daily', timeZone: tz },
      { id: c.id, email: c.email, userId: null, cadence: 'daily', timeZone: tz },
    ]);
    expect(await listSubscriptionsDueWithout(deps.db, { cadence: 'daily', timeZone: tz, periodKey: 'daily:2026-08-21', limit: 1 })).toHaveLength(1);
    expect(await listSubscriptionsDueWithout(deps.db, { cadence: 'daily', timeZone: 'Asia/Tokyo', periodKey: 'daily:2026-08-21', limit: 10 })).toEqual([]);
  });

  it('sends nothing to a suppressed address that subscribes again, and keeps its subscription unsubscribed', async () => {
    const s = await insertSubscription(deps.db, { email: 'bounced@example.org' });
    await suppressAddress(deps, { email: 'bounced@example.org', reason: 'bounce', detail: '550 no such user' });
    const r = await subscribe(deps, { email: 'bounced@example.org', cadence: 'daily', timeZone: 'UTC', ip: 'ip-suppressed' });
    expect(r.outcome).toBe('check-inbox');
    await r.done;
    expect(mailsTo('bounced@example.org')).toHaveLength(0);
    expect((await subscriptionState(deps.db, s.id)).status).toBe('unsubscribed');
    expect((await suppressAddress(deps, { email: 'BOUNCED@example.org', reason: 'manual' })).isNew).toBe(false);
  });

  it('mails an address at most 5 times an hour, and refuses an IP after 30 requests an hour', async () => {
    for (let i = 0; i < 7; i++) await (await subscribe(deps, { email: 'flooded@example.org', cadence: 'daily', timeZone: 'UTC', ip: 'ip-flood' })).done;
    expect(mailsTo('flooded@example.org')).toHaveLength(5);
    const attempts = [];
    for (let i = 0; i < 31; i++) attempts.push(subscribe(deps, { email: `n${i}@example.org`, cadence: 'weekly', timeZone: 'UTC', ip: 'ip-many' }).then((r) => r.done, (e: unknown) => e));
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r instanceof RateLimitedError)).toHaveLength(1);
  });

  it('confirms a link once and within 7 days; an unsubscribed reader subscribes again through a new confirmation', async () => {
    const fresh = await insertPendingSubscription(deps.db, new Date(NOW.getTime() - 6 * 86_400_000).toISOString());
    const old = await insertPendingSubscription(deps.db, new Date(NOW.getTime() - 8 * 86_400_000).toISOString());
    await expect(confirmSubscription(deps, old.token)).rejects.toBeInstanceOf(NotFoundError);
    const { subscription, linkToken } = await confirmSubscription(deps, fresh.token);
    expect(subscription.status).toBe('active');
    await expect(confirmSubscription(deps, fresh.token)).rejects.toBeInstanceOf(NotFoundError);

    // The preferences link issued at confirmation also unsubscribes.
    const off = await unsubscribeByLinkToken(deps, linkToken);
    expect(off).toMatchObject({ changed: true, cancelled: 0 });
    expect((await unsubscribeByLinkToken(deps, linkToken))!.changed).toBe(false);
    expect(await unsubscribeByLinkToken(deps, 'x'.repeat(43))).toBeNull();

    await (await subscribe(deps, { email: fresh.email, cadence: 'weekly', timeZone: 'Europe/Paris', ip: 'ip-again' })).done;
    expect((await subscriptionState(deps.db, fresh.id)).status).toBe('pending');
    const token = /\/subscriptions\/confirm\/([A-Za-z0-9_-]{43})/.exec(mailsTo(fresh.email).at(-1)!.parsed.text ?? '')![1]!;
    expect((await confirmSubscription(deps, token)).subscription).toMatchObject({ id: fresh.id, status: 'active', cadence: 'weekly', timeZone: 'Europe/Paris' });
  });

  it('links a confirmed subscription to the verified account that owns the address', async () => {
    const userId = (
      await deps.db.kysely
        .insertInto('users')
        .values({ username: 'owner', fullname: 'Owner', avatar_url: null, email: 'owner@example.org', password_hash: 'x', email_verified_at: NOW.toISOString(), created_at: NOW.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await (await subscribe(deps, { email: 'owner@example.org', cadence: 'daily', timeZone: 'UTC', ip: 'ip-owner' })).done;
    const token = /\/subscriptions\/confirm\/([A-Za-z0-9_-]{43})/.exec(mailsTo('owner@example.org')[0]!.parsed.text ?? '')![1]!;
    expect((await confirmSubscription(deps, token)).subscription.userId).toBe(userId);
    expect(await isSuppressed(deps.db, 'owner@example.org')).toBe(false);
  });
});
