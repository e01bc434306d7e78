import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/databases';
import { paperWrite } from '../../../test/held-paper-insert';
import { upsertPapers } from './paper-writes';
import { mergeFullTextPendingLists, refreshStatistics } from './refresh-statistics';

describe.each(DIALECTS)('refreshStatistics after a bulk write (%s)', (dialect) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await createTestDb(dialect);
    const papers = Array.from({ length: 300 }, (_, i) => paperWrite(`2501.${String(10000 + i)}`, `Paper ${i} on topic ${i % 7}`, `We study word${i} and topic ${i % 7}.`));
    await upsertPapers(db, papers, '2025-01-01T00:00:00.000Z');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('runs, and the papers stay searchable', async () => {
    await refreshStatistics(db);
    const n = await db.kysely.selectFrom('papers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(n?.n)).toBe(300);
  });

  it.runIf(dialect === 'postgres')('vacuums papers, so that index-only scans need not visit the table', async () => {
    const allVisible = async () => (await sql<{ n: number }>`select relallvisible::int as n from pg_class where relname = 'papers'`.execute(db.kysely)).rows[0]!.n;
    expect(await allVisible()).toBe(0);
    await refreshStatistics(db);
    expect(await allVisible()).toBeGreaterThan(0);
  });

  it.runIf(dialect === 'postgres')('merges the full-text indexes’ pending lists, which searches would otherwise read through', async () => {
    // Merging again reports what was left pending.
    const pending = () => mergeFullTextPendingLists(db);
    await refreshStatistics(db);
    expect(await pending()).toBe(0);
    // The check itself is sound: new papers do fill the lists.
    await upsertPapers(db, [paperWrite('2502.00001', 'Late paper', 'Fresh words arrive.')], '2025-01-01T00:00:00.000Z');
    expect(await pending()).toBeGreaterThan(0);
  });
});
