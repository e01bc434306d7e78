import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../accounts/secret-token';
import { InputError } from '../../domain/input-error';
import { DIALECTS } from '../../../test/databases';
import { createTestDeps } from '../../../test/deps';
import { dailyPeriod, insertSubscription, listPapers } from '../../../test/digests';
import { insertListing, insertPaper } from '../../../test/factories';
import { composeDigest, renderDigestPreview } from './compose-digest';

describe.each(DIALECTS)('composeDigest (%s)', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  async function setup(env: Record<string, string> = {}) {
    const deps = await createTestDeps(dialect, undefined, env);
    cleanups.push(() => deps.db.drop());
    return deps;
  }

  it('composes once per subscription and period, the top N by upvotes, with its own link token', async () => {
    const deps = await setup({ DIGEST_TOP_N: '3' });
    const ids = await listPapers(deps.db, '2026-08-21', 5);
    // Listed the day before: not in the period, however many upvotes.
    await insertListing(deps.db, await insertPaper(deps.db, { title: 'Yesterday’s news', upvotes: 999 }), '2026-08-20');
    const a = await insertSubscription(deps.db);
    const b = await insertSubscription(deps.db, { userId: null });

    expect(await composeDigest(deps, { subscription: a, period: dailyPeriod('2026-08-21') })).toBe('composed');
    expect(await composeDigest(deps, { subscription: a, period: dailyPeriod('2026-08-21') })).toBe('exists');
    expect(await composeDigest(deps, { subscription: b, period: dailyPeriod('2026-08-21') })).toBe('composed');

    const rows = await deps.db.kysely.selectFrom('digest_outbox').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(2);
    const row = rows[0]!;
    expect(row).toMatchObject({ subscription_id: a.id, period_key: 'daily:2026-08-21', email: a.email, status: 'pending', attempts: 0 });
    expect(row.subject).toBe('Trending papers — Day 2026-08-21');
    const titles = await deps.db.kysely.selectFrom('papers').select(['id', 'title']).where('id', 'in', ids).execute();
    const title = (id: number) => titles.find((t) => t.id === id)!.title;
    // Top 3 in upvote order; the 4th and 5th and the other day's paper are out.
    const at = (s: string) => row.text_body.indexOf(s);
    expect(at(title(ids[0]!))).toBeGreaterThan(0);
    expect(at(title(ids[0]!))).toBeLessThan(at(title(ids[1]!)));
    expect(at(title(ids[1]!))).toBeLessThan(at(title(ids[2]!)));
    expect(row.text_body).not.toContain(title(ids[3]!));
    expect(row.text_body).not.toContain('Yesterday');

    // The token in the links is the one whose hash is stored, and it differs per message.
    const token = /\/unsubscribe\/([A-Za-z0-9_-]{43})/.exec(row.text_body)![1]!;
    expect(hashToken(token)).toBe(row.link_token_hash);
    expect(row.html_body).toContain(`/subscriptions/manage/${token}`);
    expect(rows[1]!.link_token_hash).not.toBe(row.link_token_hash);
    expect(JSON.parse(row.headers!)).toEqual({
      'List-Unsubscribe': `<http://paperboy.test/unsubscribe/one-click/${token}>, <mailto:unsubscribe+${token}@paperboy.test>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': 'Paperboy daily digest <daily-digest.paperboy.test>',
    });
  });

  it('composes nothing for a period without papers', async () => {
    const deps = await setup();
    const a = await insertSubscription(deps.db);
    expect(await composeDigest(deps, { subscription: a, period: dailyPeriod('2026-08-21') })).toBe('empty');
    expect(await deps.db.kysely.selectFrom('digest_outbox').select('id').execute()).toHaveLength(0);
  });

  it('refuses an address with line breaks or a second recipient, and a subject line with a line break', async () => {
    const deps = await setup();
    await listPapers(deps.db, '2026-08-21', 1);
    const a = await insertSubscription(deps.db);
    for (const email of ['ada@example.org\r\nBcc: eve@example.org', 'ada@example.org\n', 'ada@example.org, eve@example.org', 'Ada <ada@example.org>']) {
      await expect(composeDigest(deps, { subscription: { ...a, email }, period: dailyPeriod('2026-08-21') })).rejects.toBeInstanceOf(InputError);
    }
    await expect(composeDigest(deps, { subscription: a, period: { ...dailyPeriod('2026-08-21'), label: 'x\r\nBcc: eve@example.org' } })).rejects.toBeInstanceOf(InputError);
    expect(await deps.db.kysely.selectFrom('digest_outbox').select('id').execute()).toHaveLength(0);
  });

  it('previews a digest without touching the outbox', async () => {
    const deps = await setup();
    await listPapers(deps.db, '2026-08-21', 2);
    const preview = await renderDigestPreview(deps, { cadence: 'weekly', period: { key: 'weekly:2026-W34', label: 'Week 34, 2026', from: '2026-08-17', to: '2026-08-23' } });
    expect(preview.subject).toBe('Trending papers — Week 34, 2026');
    expect(preview.text).toContain('You subscribed to the weekly digest');
    expect(preview.html).toContain('Trending on Paperboy — Week 34, 2026');
    expect(await deps.db.kysely.selectFrom('digest_outbox').select('id').execute()).toHaveLength(0);
  });
});
