import type { PaperInput } from '../src/domain/paper';
import type { Db } from '../src/storage/database';
import { upsertPapers } from '../src/storage/repos/paper-writes';

/** A paper as the importer writes it, with the given id and words. */
export function paperWrite(arxivId: string, title: string, abstract: string): { fields: PaperInput } {
  return {
    fields: {
      arxivId, title, abstract, authors: ['Ada Lovelace'], publishedAt: '2025-01-01T00:00:00.000Z', isPublishedApprox: false, categories: ['cs.CL'],
      githubRepo: null, githubStars: null, projectPage: null, withdrawnAt: null, aiSummary: null, aiKeywords: null,
    },
  };
}

/**
 * PostgreSQL: inserts a paper through the importer's write path in a transaction that stays open
 * until `commit` is called, as a slow import batch would: its id is taken, but nobody sees the row.
 */
export async function holdPaperInsert(db: Db, arxivId: string, title: string, abstract: string): Promise<{ id: number; commit(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let inserted!: (id: number) => void;
  const id = new Promise<number>((resolve) => (inserted = resolve));
  const done = db.kysely.transaction().execute(async (trx) => {
    const ids = await upsertPapers({ ...db, kysely: trx }, [paperWrite(arxivId, title, abstract)], '2025-01-01T00:00:00.000Z');
    inserted(ids.get(arxivId)!);
    await released;
  });
  return {
    id: await Promise.race([id, done.then(() => Promise.reject(new Error('the held insert ended early')))]),
    async commit() {
      release();
      await done;
    },
  };
}
