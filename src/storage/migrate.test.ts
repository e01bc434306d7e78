import { describe, expect, it } from 'vitest';
import { DIALECTS, createTestDb } from '../../test/databases';
import { migrateToLatest } from './migrate';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('apply once and are a no-op the second time', async () => {
    const db = await createTestDb(dialect);
    try {
      expect(await migrateToLatest(db)).toEqual([]);
      const rows = await db.kysely.selectFrom('schema_migrations').select('name').execute();
      expect(rows.map((r) => r.name)).toContain('001-initial');
    } finally {
      await db.drop();
    }
  });
});
