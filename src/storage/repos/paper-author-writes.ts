import { authorEntries } from '../../domain/author-name';
import type { Db } from '../database';
import { chunkRows } from './chunk-rows';
import { insertRows } from './sqlite-statements';

/**
 * Makes `paper_authors` match each paper's author list (one row per distinct name key; see
 * domain/author-name.ts). `isNew` papers have no rows yet, which saves the delete on a first
 * import. Mirrors replacePaperCategories, multi-row statements included (SQLite: insertRows).
 */
export async function replacePaperAuthors(db: Db, papers: { paperId: number; authors: string[]; isNew: boolean }[]): Promise<void> {
  const stale = papers.filter((p) => !p.isNew).map((p) => p.paperId);
  for (const ids of chunkRows(stale, 1)) {
    await db.kysely.deleteFrom('paper_authors').where('paper_id', 'in', ids).execute();
  }
  if (db.sqlite) {
    // One flat list of values: 890k rows on the 158k corpus, so no object per row.
    const values: (string | number)[] = [];
    for (const p of papers) for (const a of authorEntries(p.authors)) values.push(p.paperId, a.position, a.name, a.nameKey);
    insertRows(db.sqlite, 'paper_authors', ['paper_id', 'position', 'name', 'name_key'], values);
    return;
  }
  const rows = papers.flatMap((p) =>
    authorEntries(p.authors).map((a) => ({ paper_id: p.paperId, position: a.position, name: a.name, name_key: a.nameKey })),
  );
  for (const chunk of chunkRows(rows, 4)) await db.kysely.insertInto('paper_authors').values(chunk).execute();
}
