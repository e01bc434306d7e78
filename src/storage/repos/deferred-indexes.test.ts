import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/databases';
import { importFiles } from '../../features/import-files';
import { silentLogger } from '../../log';
import { deferIndexesForBulkLoad, restoreDeferredIndexes } from './deferred-indexes';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/import');

describe('indexes deferred during a first bulk load (SQLite)', () => {
  let db: TestDb;
  afterEach(async () => {
    await db.drop();
  });
  const indexes = () => (db.sqlite!.prepare("select name from sqlite_master where type = 'index' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((r) => r.name);
  const run = () => importFiles({ db, log: silentLogger, now: () => new Date('2026-01-01T00:00:00Z') }, { files: [path.join(FIXTURES, 'papers.jsonl')] });

  it('leaves every index in place after importing into an empty database, and answers queries through them', async () => {
    db = await createTestDb('sqlite');
    const before = indexes();
    expect(before).toContain('paper_authors_name_key');
    await run();
    expect(indexes()).toEqual(before);
    const plan = db.sqlite!.prepare("explain query plan select paper_id from paper_authors where name_key = 'x'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/paper_authors_name_key/);
  });

  it('puts dropped indexes back at the next import after a crash mid-load', async () => {
    db = await createTestDb('sqlite');
    const before = indexes();
    await deferIndexesForBulkLoad(db); // the process "dies" before restoring
    expect(indexes()).not.toContain('paper_authors_name_key');
    await run();
    expect(indexes()).toEqual(before);
    await restoreDeferredIndexes(db); // nothing left to do
    expect(indexes()).toEqual(before);
  });

  it('drops nothing when the database already has papers', async () => {
    db = await createTestDb('sqlite');
    await run();
    const before = indexes();
    const restore = await deferIndexesForBulkLoad(db);
    expect(restore).toBeNull();
    expect(indexes()).toEqual(before);
  });
});
