import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { createTestDb, DIALECTS, type TestDb } from '../../test/databases';
import { openDatabase } from '../storage/database';
import { importSampleIfEmpty } from './import-sample';

describe.each(DIALECTS)('importSampleIfEmpty on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('imports the bundled sample into an empty database, well within 30 s, and only then', async () => {
    const lines: string[] = [];
    const deps = { db, log: { ...silentLogger, info: (m: string) => lines.push(m) }, now: () => new Date('2026-09-01T00:00:00Z') };
    const started = performance.now();
    expect(await importSampleIfEmpty(deps)).toBe(true);
    expect(performance.now() - started).toBeLessThan(30_000);
    const count = async (table: 'papers' | 'listings') =>
      Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('papers')).toBe(2076);
    expect(await count('listings')).toBe(2079);
    expect(lines.at(-1)).toMatch(/^imported the bundled sample in [\d.]+ s \(2076 papers, 2079 listings\)/);
    expect(await importSampleIfEmpty(deps)).toBe(false);
  });
});

describe('importSampleIfEmpty from several processes on postgres', () => {
  it('imports once while the others wait, and none of them fails', async () => {
    const db = await createTestDb('postgres');
    // Separate pools stand for separate server processes starting at the same moment.
    const others = [openDatabase(db.url, { poolSize: 2 }), openDatabase(db.url, { poolSize: 2 })];
    try {
      const deps = [db, ...others].map((d) => ({ db: d, log: silentLogger, now: () => new Date('2026-09-01T00:00:00Z') }));
      const imported = await Promise.all(deps.map((d) => importSampleIfEmpty(d)));
      expect(imported.filter(Boolean)).toHaveLength(1);
      const n = await db.kysely.selectFrom('listings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(2079);
    } finally {
      await Promise.all(others.map((o) => o.close()));
      await db.drop();
    }
  });
});
