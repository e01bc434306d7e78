import type { Paper } from '../../domain/paper';
import type { Db } from '../database';
import { PAPER_COLUMNS, toPaper } from './rows';

/** The paper with this (normalised) arXiv id, or null. */
export async function findPaperByArxivId(db: Db, arxivId: string): Promise<Paper | null> {
  const row = await db.kysely.selectFrom('papers').select(PAPER_COLUMNS).where('arxiv_id', '=', arxivId).executeTakeFirst();
  return row ? toPaper(row) : null;
}

/** The papers with these ids, in the order of `ids` (ids with no paper are skipped). */
export async function listPapersByIds(db: Db, ids: number[]): Promise<Paper[]> {
  if (ids.length === 0) return [];
  const rows = await db.kysely.selectFrom('papers').select(PAPER_COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toPaper(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Position in the newest-first list of papers: the last (published_at, id) of the previous page. */
export type PaperCursor = { publishedAt: string; id: number };

/** Papers newest first (by published date, then id), starting after `after`. */
export async function listPapersByPublished(db: Db, after: PaperCursor | null, limit: number): Promise<Paper[]> {
  let q = db.kysely.selectFrom('papers').select(PAPER_COLUMNS);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('published_at', '<', after.publishedAt),
        eb.and([eb('published_at', '=', after.publishedAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toPaper);
}

/** Number of papers stored. */
export async function countPapers(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('papers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
