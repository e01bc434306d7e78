import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases';
import { createTestDeps } from '../../../test/deps';
import { insertSubscription, listPapers } from '../../../test/digests';
import type { Deps } from '../../deps';
import { digestPeriodCovering, instantOfWallTime } from '../../domain/digest-schedule';
import { composeDueDigests, countDueDigests } from './compose-due-digests';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Kiritimati', 'America/St_Johns'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Deps whose clock the test moves. */
async function steppedDeps(dialect: 'sqlite' | 'postgres', env: Record<string, string> = {}) {
  const deps = await createTestDeps(dialect, undefined, { DIGEST_HOUR: '7', DIGEST_WEEKDAY: '1', DIGEST_MAX_LATE_HOURS: '12', ...env });
  let now = new Date('2026-01-01T00:00:00Z');
  const stepped: Deps & { db: typeof deps.db } = { ...deps, now: () => now };
  return { deps: stepped, setNow: (t: number) => (now = new Date(t)) };
}

/** One paper listed on every site day of [from, to]. */
async function listEveryDay(deps: Deps, from: string, to: string) {
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) await listPapers(deps.db, new Date(t).toISOString().slice(0, 10), 1);
}

async function outbox(deps: Deps) {
  return deps.db.kysely.selectFrom('digest_outbox').select(['subscription_id', 'period_key', 'created_at']).orderBy('id').execute();
}

describe.each(DIALECTS)('composeDueDigests (%s)', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  async function setup(env: Record<string, string> = {}) {
    const s = await steppedDeps(dialect, env);
    cleanups.push(() => s.deps.db.drop());
    return s;
  }

  // Two windows of the clock, stepped hour by hour: March to mid-April (New York and St John's
  // spring forward on 8 March, Berlin on 29 March, Chatham falls back on 5 April) and late
  // September to early November (Chatham springs forward on 27 September, Berlin falls back on
  // 25 October, New York and St John's on 1 November).
  it.each([
    ['spring', '2026-03-01T00:00:00Z', '2026-04-15T00:00:00Z'],
    ['autumn', '2026-09-20T00:00:00Z', '2026-11-05T00:00:00Z'],
  ])('stepping the %s DST changes hour by hour: one daily digest per local day and one weekly per ISO week, none skipped', async (_name, from, to) => {
    const { deps, setNow } = await setup();
    const start = Date.parse(from);
    const end = Date.parse(to);
    await listEveryDay(deps, new Date(start - 8 * DAY).toISOString().slice(0, 10), new Date(end).toISOString().slice(0, 10));
    const subs = [];
    for (const timeZone of ZONES) {
      for (const cadence of ['daily', 'weekly'] as const) subs.push(await insertSubscription(deps.db, { cadence, timeZone }));
    }
    let composed = 0;
    for (let t = start; t < end; t += HOUR) {
      setNow(t);
      // Page size 1: every group pages through its subscriptions.
      composed += (await composeDueDigests(deps, { now: new Date(t), pageSize: 1 })).composed;
    }
    const rows = await outbox(deps);
    expect(rows).toHaveLength(composed);

    let daily = 0;
    let weekly = 0;
    for (const sub of subs) {
      // The expected periods, from the send instants of every local day (or Monday) whose digest
      // was due at some step: sent at or after the window's start minus the lateness limit.
      const expected: string[] = [];
      const dueAtOf = new Map<string, number>();
      for (let d = start - 2 * DAY; d < end + DAY; d += DAY) {
        const day = new Date(d).toISOString().slice(0, 10);
        if (sub.cadence === 'weekly' && new Date(d).getUTCDay() !== 1) continue;
        const dueAt = instantOfWallTime(day, 7, sub.timeZone);
        if (dueAt < start - 12 * HOUR || dueAt >= end) continue;
        // The first step at or after dueAt must still be within the limit.
        const firstStep = start + Math.ceil(Math.max(0, dueAt - start) / HOUR) * HOUR;
        if (firstStep - dueAt > 12 * HOUR || firstStep >= end) continue;
        const covered = new Date(d - (sub.cadence === 'daily' ? 1 : 7) * DAY).toISOString().slice(0, 10);
        expected.push(digestPeriodCovering(sub.cadence, covered).key);
        dueAtOf.set(expected.at(-1)!, dueAt);
      }
      const got = rows.filter((r) => r.subscription_id === sub.id);
      expect(got.map((r) => r.period_key), `${sub.cadence} ${sub.timeZone}`).toEqual(expected);
      // Composed at the first step at or after the send time (07:00 local): never before, less than an hour late.
      for (const r of got) {
        const dueAt = dueAtOf.get(r.period_key)!;
        const lateness = Date.parse(r.created_at) - dueAt;
        expect(lateness).toBeGreaterThanOrEqual(dueAt >= start ? 0 : -Infinity);
        if (dueAt >= start) expect(lateness).toBeLessThan(HOUR);
        else expect(lateness).toBeLessThanOrEqual(12 * HOUR); // due before the window: composed at its first step
      }
      if (sub.cadence === 'daily') daily += got.length;
      else weekly += got.length;
    }
    // 45 or 46 days per daily subscriber (7 zones), 6 or 7 weeks per weekly one.
    expect(daily).toBeGreaterThanOrEqual(7 * 45);
    expect(weekly).toBeGreaterThanOrEqual(7 * 6);
    expect(composed).toBe(daily + weekly);
  });

  it('after 10 hours of downtime the missed digest is composed once; after 30 hours it is skipped', async () => {
    const { deps, setNow } = await setup();
    await listEveryDay(deps, '2026-08-15', '2026-08-30');
    const sub = await insertSubscription(deps.db, { cadence: 'daily', timeZone: 'UTC' });
    const run = async (iso: string) => {
      setNow(Date.parse(iso));
      return composeDueDigests(deps, { now: new Date(iso) });
    };
    // Up at 06:00, then down from 06:00 until 16:00 (the 07:00 digest is 9 h late when it returns).
    expect((await run('2026-08-20T06:00:00Z')).composed).toBe(0);
    expect((await run('2026-08-20T16:00:00Z')).composed).toBe(1);
    expect((await run('2026-08-20T16:01:00Z')).composed).toBe(0);
    expect((await run('2026-08-20T18:59:00Z')).composed).toBe(0);
    // Down from 21 Aug 05:00 to 22 Aug 11:00 (30 h): 21 Aug's digest is 28 h late, skipped; 22 Aug's (4 h late) comes.
    expect((await run('2026-08-21T05:00:00Z')).composed).toBe(0);
    const back = await run('2026-08-22T11:00:00Z');
    expect(back).toMatchObject({ composed: 1, dueGroups: 1 });
    expect((await outbox(deps)).filter((r) => r.subscription_id === sub.id).map((r) => r.period_key)).toEqual(['daily:2026-08-19', 'daily:2026-08-21']);
  });

  it('composes each digest once when two passes run at the same time', async () => {
    const { deps, setNow } = await setup();
    await listEveryDay(deps, '2026-08-20', '2026-08-21');
    for (let i = 0; i < 60; i++) await insertSubscription(deps.db, { timeZone: ZONES[i % 3]! });
    const now = Date.parse('2026-08-22T12:00:00Z'); // 07:00 passed in UTC, Berlin and New York (08:00 EDT = 12:00Z)
    setNow(now);
    const reports = await Promise.all([1, 2, 3].map(() => composeDueDigests(deps, { now: new Date(now), pageSize: 7 })));
    const rows = await outbox(deps);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.subscription_id)).size).toBe(60);
    expect(reports.reduce((n, r) => n + r.composed, 0)).toBe(60);
    expect((await composeDueDigests(deps, { now: new Date(now) })).composed).toBe(0);
  });

  it('stops at the limit and the next pass continues', async () => {
    const { deps, setNow } = await setup();
    await listEveryDay(deps, '2026-08-21', '2026-08-21');
    for (let i = 0; i < 5; i++) await insertSubscription(deps.db);
    const now = new Date('2026-08-22T07:30:00Z');
    setNow(now.getTime());
    expect(await countDueDigests(deps, { now })).toMatchObject([{ cadence: 'daily', timeZone: 'UTC', due: 5, period: { key: 'daily:2026-08-21' } }]);
    expect(await composeDueDigests(deps, { now, limit: 3 })).toMatchObject({ composed: 3, limited: true });
    expect(await countDueDigests(deps, { now })).toMatchObject([{ due: 2 }]);
    expect(await composeDueDigests(deps, { now, limit: 3 })).toMatchObject({ composed: 2, limited: false });
    expect(await countDueDigests(deps, { now })).toMatchObject([{ due: 0 }]);
  });

  it('composes nothing for a period without papers (each pass asks once per group), and the next period with papers comes', async () => {
    const { deps, setNow } = await setup();
    for (let i = 0; i < 3; i++) await insertSubscription(deps.db);
    await listPapers(deps.db, '2026-08-22', 2);
    setNow(Date.parse('2026-08-22T07:00:00Z'));
    expect(await composeDueDigests(deps, { now: new Date('2026-08-22T07:00:00Z') })).toMatchObject({ composed: 0, emptyGroups: 1 });
    expect(await outbox(deps)).toHaveLength(0);
    setNow(Date.parse('2026-08-23T07:00:00Z'));
    expect(await composeDueDigests(deps, { now: new Date('2026-08-23T07:00:00Z') })).toMatchObject({ composed: 3, emptyGroups: 0 });
  });

  it('goes on past a subscription that cannot be composed and a group with an unknown time zone', async () => {
    const { deps, setNow } = await setup();
    await listEveryDay(deps, '2026-08-21', '2026-08-21');
    await insertSubscription(deps.db, { email: 'two@at@example.org' });
    await insertSubscription(deps.db);
    await insertSubscription(deps.db, { timeZone: 'Mars/Olympus_Mons' });
    const now = new Date('2026-08-22T07:00:00Z');
    setNow(now.getTime());
    expect(await composeDueDigests(deps, { now, pageSize: 1 })).toMatchObject({ composed: 1, failed: 2 });
  });
});

