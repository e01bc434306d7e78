import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/databases';
import { holdPaperInsert, paperWrite } from '../../../test/held-paper-insert';
import { findArrivedThroughId } from './paper-arrivals';
import { listPaperTextsAfter } from './paper-texts-repo';
import { upsertPapers } from './paper-writes';

const NOW = '2025-01-01T00:00:00.000Z';

describe.each(DIALECTS)('the arrival mark (%s)', (dialect) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await createTestDb(dialect);
  });
  afterEach(async () => {
    await db.drop();
  });

  it('is 0 on an empty site and the highest id once papers are in', async () => {
    expect(await findArrivedThroughId(db)).toBe(0);
    const ids = await upsertPapers(db, [paperWrite('2501.00001', 'One', 'a'), paperWrite('2501.00002', 'Two', 'b')], NOW);
    expect(await findArrivedThroughId(db)).toBe(Math.max(...ids.values()));
  });

  it.runIf(dialect === 'postgres')('waits for a paper whose insert has not committed, so a reader up to the mark cannot skip it', async () => {
    const slow = await holdPaperInsert(db, '2501.00001', 'Slow batch', 'committed last');
    try {
      const quick = (await upsertPapers(db, [paperWrite('2501.00002', 'Quick batch', 'committed first')], NOW)).get('2501.00002')!;
      expect(quick).toBeGreaterThan(slow.id);
      // What max(id) alone would let a reader move its mark past: the slow paper is not visible yet.
      expect((await listPaperTextsAfter(db, 0, 10)).map((p) => p.id)).toEqual([quick]);

      let through: number | null = null;
      const reading = findArrivedThroughId(db).then((t) => (through = t));
      await new Promise((r) => setTimeout(r, 300));
      expect(through).toBeNull();
      await slow.commit();
      await reading;
      expect(through).toBe(quick);
      expect((await listPaperTextsAfter(db, 0, 10, through!)).map((p) => p.id)).toEqual([slow.id, quick]);
    } finally {
      await slow.commit();
    }
  });

  it.runIf(dialect === 'postgres')('lets paper inserts run side by side', async () => {
    const first = await holdPaperInsert(db, '2501.00001', 'First', 'a');
    const second = await holdPaperInsert(db, '2501.00002', 'Second', 'b');
    await Promise.all([second.commit(), first.commit()]);
    expect(await findArrivedThroughId(db)).toBe(Math.max(first.id, second.id));
  });
});
