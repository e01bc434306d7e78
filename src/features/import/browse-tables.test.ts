import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log';
import { migrateToLatest } from '../../storage/migrate';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/databases';
import { importFiles } from '../import-files';

/** paper_authors and paper_categories.published_at follow every import and re-import. */
describe.each(DIALECTS)('browse tables kept by the import on %s', (dialect) => {
  let db: TestDb;
  let tmp: string;
  beforeEach(async () => {
    db = await createTestDb(dialect);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-browse-'));
  });
  afterEach(async () => {
    await db.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const write = (name: string, records: object[]) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return file;
  };
  const paper = (id: string, authors: string[], published: string, categories = ['cs.CL']) => ({
    id, title: `Paper ${id}`, abstract: 'An abstract.', authors, published, categories, github: null, published_approx: false, hf_first_listed: null,
  });
  const run = (file: string) => importFiles({ db, log: silentLogger, now: () => new Date('2026-01-01T00:00:00Z') }, { files: [file], onBadRecord: () => {} });
  const authorRows = () =>
    db.kysely
      .selectFrom('paper_authors')
      .innerJoin('papers', 'papers.id', 'paper_authors.paper_id')
      .select(['papers.arxiv_id', 'paper_authors.position', 'paper_authors.name', 'paper_authors.name_key'])
      .orderBy('papers.arxiv_id')
      .orderBy('paper_authors.position')
      .execute();
  const categoryRows = () =>
    db.kysely
      .selectFrom('paper_categories')
      .innerJoin('papers', 'papers.id', 'paper_categories.paper_id')
      .select(['papers.arxiv_id', 'paper_categories.category', 'paper_categories.published_at'])
      .orderBy('papers.arxiv_id')
      .orderBy('paper_categories.category')
      .execute();

  it('writes one row per distinct author of a paper, and rewrites them when the list changes', async () => {
    await run(write('a.jsonl', [paper('2401.00001', ['Ada Lovelace', ' Alan  Turing ', 'ada lovelace', ''], '2024-01-02'), paper('2401.00002', ['Grace Hopper'], '2024-01-03')]));
    expect(await authorRows()).toEqual([
      { arxiv_id: '2401.00001', position: 0, name: 'Ada Lovelace', name_key: 'ada lovelace' },
      { arxiv_id: '2401.00001', position: 1, name: 'Alan Turing', name_key: 'alan turing' },
      { arxiv_id: '2401.00002', position: 0, name: 'Grace Hopper', name_key: 'grace hopper' },
    ]);
    // Re-import: one paper unchanged, one with a new author list and a new date.
    await run(write('b.jsonl', [paper('2401.00001', ['Ada Lovelace', ' Alan  Turing ', 'ada lovelace', ''], '2024-01-02'), paper('2401.00002', ['Emmy Noether', 'Grace Hopper'], '2024-01-05', ['cs.LG', 'cs.CL'])]));
    expect(await authorRows()).toEqual([
      { arxiv_id: '2401.00001', position: 0, name: 'Ada Lovelace', name_key: 'ada lovelace' },
      { arxiv_id: '2401.00001', position: 1, name: 'Alan Turing', name_key: 'alan turing' },
      { arxiv_id: '2401.00002', position: 0, name: 'Emmy Noether', name_key: 'emmy noether' },
      { arxiv_id: '2401.00002', position: 1, name: 'Grace Hopper', name_key: 'grace hopper' },
    ]);
    expect(await categoryRows()).toEqual([
      { arxiv_id: '2401.00001', category: 'cs.CL', published_at: '2024-01-02T00:00:00.000Z' },
      { arxiv_id: '2401.00002', category: 'cs.CL', published_at: '2024-01-05T00:00:00.000Z' },
      { arxiv_id: '2401.00002', category: 'cs.LG', published_at: '2024-01-05T00:00:00.000Z' },
    ]);
  });

  it('moves the category rows to a paper\'s new date even when its categories stay the same', async () => {
    await run(write('a.jsonl', [paper('2401.00003', ['Ada Lovelace'], '2024-01-02')]));
    await run(write('b.jsonl', [paper('2401.00003', ['Ada Lovelace'], '2024-03-09')]));
    expect(await categoryRows()).toEqual([{ arxiv_id: '2401.00003', category: 'cs.CL', published_at: '2024-03-09T00:00:00.000Z' }]);
  });

  it('the migration fills the tables from papers stored before it', async () => {
    await run(write('a.jsonl', [paper('2401.00004', ['Ada Lovelace', 'Ada  Lovelace', 'Alan Turing'], '2024-01-02', ['cs.CL', 'stat.ML'])]));
    // Undo 009-browse by hand, then run it again over the stored papers.
    await db.kysely.schema.dropTable('paper_authors').execute();
    await db.kysely.schema.dropIndex('paper_categories_published').execute();
    await db.kysely.schema.alterTable('paper_categories').dropColumn('published_at').execute();
    await db.kysely.deleteFrom('schema_migrations').where('name', '=', '009-browse').execute();
    expect(await migrateToLatest(db)).toEqual(['009-browse']);
    expect(await authorRows()).toEqual([
      { arxiv_id: '2401.00004', position: 0, name: 'Ada Lovelace', name_key: 'ada lovelace' },
      { arxiv_id: '2401.00004', position: 2, name: 'Alan Turing', name_key: 'alan turing' },
    ]);
    expect((await categoryRows()).map((r) => r.published_at)).toEqual(['2024-01-02T00:00:00.000Z', '2024-01-02T00:00:00.000Z']);
  });
});
