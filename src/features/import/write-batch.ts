import type { Deps } from '../../deps';
import type { Counts, ImportRecord } from './import-record';
import { refreshPaperCounters, type ImportedPaperCounts } from './refresh-paper-counters';
import { writeListings } from './write-listings';
import { writePapers } from './write-papers';

/** What the importer needs from the application's dependencies. */
export type ImportDeps = Pick<Deps, 'db' | 'log' | 'now'>;

/** Outcome of one batch. */
export type BatchResult = {
  papers: Counts;
  listings: Counts;
  /** Records refused once the database was consulted (e.g. a listing of an unknown paper). */
  rejected: { ref: string; reason: string }[];
};

/**
 * Writes a batch of validated records in one transaction: papers, then listings (which may
 * name papers of the same batch), then the counters of the papers whose listings or imported
 * counts changed. A failure rolls the whole batch back, so stored data is never half-updated.
 */
export async function writeBatch(deps: ImportDeps, records: ImportRecord[]): Promise<BatchResult> {
  const now = deps.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const tx = { ...deps.db, kysely: trx };
    const papers = await writePapers(tx, records.filter((r) => r.paper !== null), now);
    const listings = await writeListings(tx, records.filter((r) => r.listing !== null), papers.ids, now);
    const counted = new Map<number, ImportedPaperCounts>();
    for (const r of records) {
      const id = r.paper && r.paperCounts ? papers.ids.get(r.paper.fields.arxivId) : undefined;
      if (id === undefined || !r.paperCounts) continue;
      const seen = counted.get(id);
      counted.set(id, {
        upvotes: Math.max(seen?.upvotes ?? 0, r.paperCounts.upvotes ?? 0),
        comments: Math.max(seen?.comments ?? 0, r.paperCounts.comments ?? 0),
      });
    }
    await refreshPaperCounters(tx, [...new Set([...listings.touchedPaperIds, ...counted.keys()])], counted);
    return { papers: papers.counts, listings: listings.counts, rejected: listings.rejected };
  });
}
