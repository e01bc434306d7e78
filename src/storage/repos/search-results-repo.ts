import type { Paper, User } from '../../domain/paper';
import type { Db } from '../database';
import { PAPER_COLUMNS, SUBMITTER_COLUMNS, toPaper, toSubmitter } from './rows';

/** The papers with these ids, in the order of `ids` (ids with no paper are skipped). */
export async function listPapersByIds(db: Db, ids: number[]): Promise<Paper[]> {
  if (ids.length === 0) return [];
  const rows = await db.kysely.selectFrom('papers').select(PAPER_COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toPaper(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A paper's first appearance on a daily list. */
export type FirstListing = { listedOn: string; submittedAt: string; submitter: User | null };

/** The earliest listing of each of these papers; papers never listed are absent from the map. */
export async function listFirstListings(db: Db, paperIds: number[]): Promise<Map<number, FirstListing>> {
  const out = new Map<number, FirstListing>();
  if (paperIds.length === 0) return out;
  const rows = await db.kysely
    .selectFrom('listings')
    .leftJoin('users', 'users.id', 'listings.submitter_id')
    .select(['listings.paper_id', 'listings.listed_on', 'listings.submitted_at', ...SUBMITTER_COLUMNS])
    .where('listings.paper_id', 'in', paperIds)
    .orderBy('listings.listed_on', 'asc')
    .orderBy('listings.submitted_at', 'asc')
    .execute();
  for (const r of rows) {
    if (out.has(r.paper_id)) continue;
    out.set(r.paper_id, { listedOn: r.listed_on, submittedAt: r.submitted_at, submitter: toSubmitter(r) });
  }
  return out;
}
