import type { Db } from '../database';
import { chunkRows } from './chunk-rows';

/** A listing's imported facts, keyed by paper and day. */
export type ListingWrite = {
  paperId: number;
  listedOn: string;
  submittedAt: string;
  submitterId: number | null;
  importedUpvotes: number | null;
  importedComments: number | null;
};

/** Every stored listing of the given papers, keyed by `listingKey`. */
export async function findListings(db: Db, paperIds: number[]): Promise<Map<string, ListingWrite>> {
  const found = new Map<string, ListingWrite>();
  for (const ids of chunkRows([...new Set(paperIds)], 1)) {
    const rows = await db.kysely
      .selectFrom('listings')
      .select(['paper_id', 'listed_on', 'submitted_at', 'submitter_id', 'imported_upvotes', 'imported_comments'])
      .where('paper_id', 'in', ids)
      .execute();
    for (const r of rows) {
      found.set(listingKey(r.paper_id, r.listed_on), {
        paperId: r.paper_id,
        listedOn: r.listed_on,
        submittedAt: r.submitted_at,
        submitterId: r.submitter_id,
        importedUpvotes: r.imported_upvotes,
        importedComments: r.imported_comments,
      });
    }
  }
  return found;
}

/** Inserts listings, or overwrites the imported facts of the one already on that paper and day. */
export async function upsertListings(db: Db, listings: ListingWrite[]): Promise<void> {
  const rows = listings.map((l) => ({
    paper_id: l.paperId,
    listed_on: l.listedOn,
    submitted_at: l.submittedAt,
    submitter_id: l.submitterId,
    imported_upvotes: l.importedUpvotes,
    imported_comments: l.importedComments,
  }));
  for (const chunk of chunkRows(rows, 6)) {
    await db.kysely
      .insertInto('listings')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['paper_id', 'listed_on']).doUpdateSet((eb) => ({
          submitted_at: eb.ref('excluded.submitted_at'),
          submitter_id: eb.ref('excluded.submitter_id'),
          imported_upvotes: eb.ref('excluded.imported_upvotes'),
          imported_comments: eb.ref('excluded.imported_comments'),
        })),
      )
      .execute();
  }
}

/** The key `findListings` uses: one listing per paper and day. */
export function listingKey(paperId: number, listedOn: string): string {
  return `${paperId}|${listedOn}`;
}
