import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/databases';
import { importFiles } from '../../features/import-files';
import { silentLogger, type Logger } from '../../log';
import { deferIndexesForBulkLoad, restoreDeferredIndexes } from '../repos/deferred-indexes';
import { upsertPapers } from '../repos/paper-writes';

/**
 * A first large import into SQLite builds the full-text index in a second thread and installs it
 * (full-text-bulk-build.ts). Whatever the path, the index must end exactly in line with `papers`:
 * FTS5's own integrity check (rank 1 compares it with the external content) is the judge.
 */
describe('full-text index built in a second thread during a first bulk load (SQLite)', () => {
  let db: TestDb;
  let dir: string;
  afterEach(async () => {
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const paper = (id: string, title: string, abstract: string, authors: string[]) =>
    JSON.stringify({ id, title, abstract, authors, published: '2024-01-02', categories: ['cs.CL'] });

  /** 60 papers; two of them appear again later with new text (updates inside the same load). */
  function writeCorpus(): string {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-fts-'));
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      const id = `2401.${String(10000 + i)}`;
      lines.push(paper(id, `Paper number ${i} about ${i % 2 ? 'graphs' : 'transformers'}`, `An abstract mentioning widget${i}.`, [`Author ${i}`, 'Ada Lovelace']));
    }
    lines.push(paper('2401.10003', 'Retitled: diffusion models for proteins', 'Now about zebrafish folding.', ['Grace Hopper']));
    lines.push(paper('2401.10007', 'Paper number 7 about graphs', 'A second abstract about quokkas.', ['Author 7']));
    const file = path.join(dir, 'papers.jsonl');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  const integrityCheck = () => db.sqlite!.exec("insert into papers_fts(papers_fts, rank) values ('integrity-check', 1)");
  const match = (q: string) =>
    (db.sqlite!.prepare('select p.arxiv_id from papers_fts join papers p on p.id = papers_fts.rowid where papers_fts match ? order by p.arxiv_id').all(q) as { arxiv_id: string }[]).map((r) => r.arxiv_id);
  const triggers = () => (db.sqlite!.prepare("select name from sqlite_master where type = 'trigger' order by name").all() as { name: string }[]).map((r) => r.name);
  const leftovers = () => fs.readdirSync(path.dirname(db.location)).filter((f) => f.includes('fts-build'));
  const run = (file: string, log: Logger = silentLogger) =>
    importFiles({ db, log, now: () => new Date('2026-01-01T00:00:00Z') }, { files: [file], batchSize: 7, workerThresholdBytes: 0 });

  it('ends with the same index the triggers would build, updates inside the load included, and the triggers back', async () => {
    db = await createTestDb('sqlite');
    const before = triggers();
    const file = writeCorpus();
    const summary = await run(file);
    expect(summary.papers).toEqual({ inserted: 60, updated: 2, unchanged: 0 });
    expect(() => integrityCheck()).not.toThrow();
    expect(match('zebrafish')).toEqual(['2401.10003']);
    expect(match('quokkas')).toEqual(['2401.10007']);
    expect(match('widget3')).toEqual([]); // the old abstract of the retitled paper is gone
    expect(match('widget7')).toEqual([]);
    expect(match('lovelace')).toHaveLength(58);
    expect(match('transformers')).toHaveLength(30);
    expect(triggers()).toEqual(before);
    expect(leftovers()).toEqual([]);
    // The build's merge settings stayed in the scratch file: the real index keeps FTS5's defaults.
    expect(db.sqlite!.prepare('select k from papers_fts_config order by k').pluck().all()).toEqual(['version']);
    // The triggers are live again: a later change reaches the index.
    await upsertPapers(db, [{ fields: { ...(await fieldsOf('2401.10010')), abstract: 'Now about narwhals.' } }], '2026-01-02T00:00:00Z');
    expect(match('narwhals')).toEqual(['2401.10010']);
    expect(() => integrityCheck()).not.toThrow();
    // A second run changes nothing and keeps the index whole.
    const again = await run(file);
    expect(again.papers.inserted).toBe(0);
    expect(() => integrityCheck()).not.toThrow();
  });

  it('rebuilds the index in this thread when the second thread fails, and the import still succeeds', async () => {
    db = await createTestDb('sqlite');
    const file = writeCorpus();
    fs.mkdirSync(`${db.location}.fts-build`); // the thread cannot create its scratch file
    const warnings: string[] = [];
    const summary = await run(file, { ...silentLogger, warn: (m: string) => warnings.push(m) });
    expect(summary.failures).toEqual([]);
    expect(warnings.join('\n')).toMatch(/full-text thread failed/);
    expect(() => integrityCheck()).not.toThrow();
    expect(match('zebrafish')).toEqual(['2401.10003']);
    fs.rmSync(`${db.location}.fts-build`, { recursive: true, force: true });
  });

  it('rebuilds the index at the next start after a crash in the middle of a load', async () => {
    db = await createTestDb('sqlite');
    await deferIndexesForBulkLoad(db, { fullText: true });
    // The process writes papers with the triggers set aside, then "dies" before the index is installed.
    await upsertPapers(db, [{ fields: await sampleFields('2401.20001', 'Spiking networks for lobsters') }], '2026-01-01T00:00:00Z');
    expect(match('lobsters')).toEqual([]);
    await restoreDeferredIndexes(db);
    expect(match('lobsters')).toEqual(['2401.20001']);
    expect(() => integrityCheck()).not.toThrow();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-fts-'));
  });

  async function fieldsOf(arxivId: string) {
    const { findPapersForImport } = await import('../repos/paper-writes');
    return (await findPapersForImport(db, [arxivId])).get(arxivId)!.fields;
  }

  async function sampleFields(arxivId: string, title: string) {
    return {
      arxivId, title, abstract: 'An abstract.', authors: ['Ada Lovelace'], publishedAt: '2024-01-02', isPublishedApprox: false,
      categories: ['cs.NE'], githubRepo: null, githubStars: null, projectPage: null, withdrawnAt: null, aiSummary: null, aiKeywords: null,
    };
  }
});
