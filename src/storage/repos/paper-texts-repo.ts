import { sql } from 'kysely';
import type { Db } from '../database';
import type { SearchFilters, SearchSort } from '../search/keyword-search';
import { filterConditions, metadataOrder, whereClause } from '../search/search-filters';

/** What the embedding model reads of a paper. */
export type PaperText = { id: number; title: string; abstract: string | null };

/** Papers with an id above `afterId` (and up to `throughId`, when given), in id order, at most `limit` (for building and catching up the vector index). */
export async function listPaperTextsAfter(db: Db, afterId: number, limit: number, throughId?: number): Promise<PaperText[]> {
  let query = db.kysely.selectFrom('papers').select(['id', 'title', 'abstract']).where('id', '>', afterId);
  if (throughId !== undefined) query = query.where('id', '<=', throughId);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), title: r.title, abstract: r.abstract }));
}

/** The text of one paper, or null when there is no such paper. */
export async function findPaperText(db: Db, id: number): Promise<PaperText | null> {
  const row = await db.kysely.selectFrom('papers').select(['id', 'title', 'abstract']).where('id', '=', id).executeTakeFirst();
  return row ? { id: Number(row.id), title: row.title, abstract: row.abstract } : null;
}

/** The texts of the given papers (unknown ids are skipped), in no particular order. */
export async function listPaperTextsByIds(db: Db, ids: number[]): Promise<PaperText[]> {
  if (ids.length === 0) return [];
  const rows = await db.kysely.selectFrom('papers').select(['id', 'title', 'abstract']).where('id', 'in', ids).execute();
  return rows.map((r) => ({ id: Number(r.id), title: r.title, abstract: r.abstract }));
}

/** Number of papers and the largest id (0 when empty). */
export async function countPaperTexts(db: Db): Promise<{ count: number; maxId: number }> {
  const row = await db.kysely.selectFrom('papers').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('id').as('max')]).executeTakeFirst();
  return { count: Number(row?.n ?? 0), maxId: Number(row?.max ?? 0) };
}

/**
 * The ids among `ids` that exist and pass the search filters, in the order of `ids` for
 * `relevance`, or in the sort's metadata order otherwise (vector candidates are filtered here,
 * after the approximate search, with the same SQL conditions as keyword search).
 */
export async function filterPaperIds(db: Db, ids: number[], filters: SearchFilters, sort: SearchSort = 'relevance'): Promise<number[]> {
  if (ids.length === 0) return [];
  const conditions = [sql`papers.id in (${sql.join(ids)})`, ...filterConditions(filters)];
  const order = sort === 'relevance' ? sql`` : sql`order by ${metadataOrder(sort)}`;
  const rows = (await sql<{ id: number }>`select papers.id as id from papers ${whereClause(conditions)} ${order}`.execute(db.kysely)).rows;
  if (sort !== 'relevance') return rows.map((r) => Number(r.id));
  const kept = new Set(rows.map((r) => Number(r.id)));
  return ids.filter((id) => kept.has(id));
}
