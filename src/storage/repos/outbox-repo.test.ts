import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDb, type TestDb } from '../../../test/databases';
import { insertSubscription } from '../../../test/digests';
import { checkOutboxDeliverable, claimOutboxBatch, insertOutboxMessage, markOutboxSent, recoverStaleOutbox } from './outbox-repo';

describe.each(DIALECTS)('outbox repo (%s)', (dialect) => {
  let db: TestDb;
  afterEach(async () => {
    await db.drop();
  });

  async function queue(count: number, createdAt = '2026-08-22T12:00:00.000Z') {
    for (let i = 0; i < count; i++) {
      const sub = await insertSubscription(db);
      const inserted = await insertOutboxMessage(db, {
        subscriptionId: sub.id, periodKey: 'daily:2026-08-21', email: sub.email, subject: 's', text: 't', html: 'h',
        linkTokenHash: `hash-${dialect}-${i}-${sub.id}`, headers: { 'List-Id': 'x <x.test>' }, createdAt,
      });
      expect(inserted).toBe(true);
      expect(await insertOutboxMessage(db, {
        subscriptionId: sub.id, periodKey: 'daily:2026-08-21', email: sub.email, subject: 's', text: 't', html: 'h',
        linkTokenHash: `other-${dialect}-${i}-${sub.id}`, headers: {}, createdAt,
      })).toBe(false);
    }
  }

  it('claims only due pending rows, oldest first, and never the same row twice', async () => {
    db = await createTestDb(dialect);
    await queue(5);
    const now = '2026-08-22T12:00:00.000Z';
    const [a, b] = await Promise.all([
      claimOutboxBatch(db, { runnerId: 'a', now, limit: 3 }),
      claimOutboxBatch(db, { runnerId: 'b', now, limit: 3 }),
    ]);
    const ids = [...a, ...b].map((m) => m.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(a[0]!.headers).toEqual({ 'List-Id': 'x <x.test>' });
    expect(await claimOutboxBatch(db, { runnerId: 'c', now, limit: 3 })).toEqual([]);
    // Not yet due: nothing.
    await queue(1, '2026-08-22T13:00:00.000Z');
    expect(await claimOutboxBatch(db, { runnerId: 'c', now, limit: 3 })).toEqual([]);
  });

  it('renews an old claim before a send, and a claim taken over by another sender is lost to the first', async () => {
    db = await createTestDb(dialect);
    await queue(1);
    const [m] = await claimOutboxBatch(db, { runnerId: 'a', now: '2026-08-22T12:00:00.000Z', limit: 1 });
    // Claimed at 12:00:00; renewal threshold 11:59:00 → no write.
    expect(await checkOutboxDeliverable(db, { id: m!.id, runnerId: 'a', now: '2026-08-22T12:00:30.000Z', renewIfClaimedBefore: '2026-08-22T11:59:00.000Z' })).toEqual({ state: 'deliver' });
    let row = await db.kysely.selectFrom('digest_outbox').select('claimed_at').where('id', '=', m!.id).executeTakeFirstOrThrow();
    expect(row.claimed_at).toBe('2026-08-22T12:00:00.000Z');
    // Threshold past the claim → renewed.
    expect(await checkOutboxDeliverable(db, { id: m!.id, runnerId: 'a', now: '2026-08-22T12:01:05.000Z', renewIfClaimedBefore: '2026-08-22T12:00:05.000Z' })).toEqual({ state: 'deliver' });
    row = await db.kysely.selectFrom('digest_outbox').select('claimed_at').where('id', '=', m!.id).executeTakeFirstOrThrow();
    expect(row.claimed_at).toBe('2026-08-22T12:01:05.000Z');

    // Sender a stalls past the lease; b recovers and claims the row.
    expect(await recoverStaleOutbox(db, { claimedBefore: '2026-08-22T12:05:00.000Z' })).toBe(1);
    const [again] = await claimOutboxBatch(db, { runnerId: 'b', now: '2026-08-22T12:05:00.000Z', limit: 1 });
    expect(again!.id).toBe(m!.id);
    expect(await checkOutboxDeliverable(db, { id: m!.id, runnerId: 'a', now: '2026-08-22T12:05:01.000Z', renewIfClaimedBefore: '2026-08-22T12:04:00.000Z' })).toEqual({ state: 'lost' });
    expect(await markOutboxSent(db, { id: m!.id, runnerId: 'a', messageId: '<a@x>', sentAt: '2026-08-22T12:05:02.000Z' })).toBe(false);
    expect(await markOutboxSent(db, { id: m!.id, runnerId: 'b', messageId: '<b@x>', sentAt: '2026-08-22T12:05:02.000Z' })).toBe(true);
  });
});
