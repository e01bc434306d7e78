import type { Paper } from '../../domain/paper';
import type { Db } from '../database';
import { PAPER_COLUMNS, toPaper } from './rows';

/** The spelling of an author most used on their papers, or null when no paper has this key. */
export async function findAuthorName(db: Db, nameKey: string): Promise<string | null> {
  const row = await db.kysely
    .selectFrom('paper_authors')
    .select(['name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('name_key', '=', nameKey)
    .groupBy('name')
    .orderBy('n', 'desc')
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** Number of papers with this author. */
export async function countAuthorPapers(db: Db, nameKey: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('paper_authors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('name_key', '=', nameKey)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of an author's papers, newest first (an author has few papers: the sort is small). */
export async function listPapersByAuthor(db: Db, nameKey: string, offset: number, limit: number): Promise<Paper[]> {
  const rows = await db.kysely
    .selectFrom('paper_authors')
    .innerJoin('papers', 'papers.id', 'paper_authors.paper_id')
    .select(PAPER_COLUMNS)
    .where('paper_authors.name_key', '=', nameKey)
    .orderBy('papers.published_at', 'desc')
    .orderBy('papers.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toPaper);
}

/** A co-author and the number of papers they share with the author. */
export type CoAuthorCount = { name: string; nameKey: string; papers: number };

/** The people who wrote most often with this author, most shared papers first. */
export async function listCoAuthors(db: Db, nameKey: string, limit: number): Promise<CoAuthorCount[]> {
  const rows = await db.kysely
    .selectFrom('paper_authors as mine')
    .innerJoin('paper_authors as other', 'other.paper_id', 'mine.paper_id')
    .select(['other.name_key', (eb) => eb.fn.max('other.name').as('name'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('mine.name_key', '=', nameKey)
    .where('other.name_key', '<>', nameKey)
    .groupBy('other.name_key')
    .orderBy('n', 'desc')
    .orderBy('other.name_key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ name: r.name, nameKey: r.name_key, papers: Number(r.n) }));
}
