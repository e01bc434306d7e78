import { authorEntries } from '../../domain/author-name';
import type { Db } from '../database';
import { chunkRows } from './chunk-rows';
import { cachedStatement, valuesList } from './sqlite-statements';

/**
 * Makes `paper_authors` match each paper's author list (one row per distinct name key; see
 * domain/author-name.ts). `isNew` papers have no rows yet, which saves the delete on a first
 * import. Mirrors replacePaperCategories, multi-row statements included.
 */
export async function replacePaperAuthors(db: Db, papers: { paperId: number; authors: string[]; isNew: boolean }[]): Promise<void> {
  const stale = papers.filter((p) => !p.isNew).map((p) => p.paperId);
  for (const ids of chunkRows(stale, 1)) {
    await db.kysely.deleteFrom('paper_authors').where('paper_id', 'in', ids).execute();
  }
  const rows = papers.flatMap((p) =>
    authorEntries(p.authors).map((a) => ({ paper_id: p.paperId, position: a.position, name: a.name, name_key: a.nameKey })),
  );
  for (const chunk of chunkRows(rows, 4)) {
    if (db.sqlite) {
      const statement = cachedStatement(db.sqlite, `insertAuthors:${chunk.length}`, () =>
        `insert into paper_authors (paper_id, position, name, name_key) values ${valuesList(chunk.length, 4)}`,
      );
      statement.run(chunk.flatMap((r) => [r.paper_id, r.position, r.name, r.name_key]));
    } else {
      await db.kysely.insertInto('paper_authors').values(chunk).execute();
    }
  }
}
