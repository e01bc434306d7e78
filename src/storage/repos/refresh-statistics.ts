import { sql } from 'kysely';
import type { Db } from '../database';

/**
 * Refreshes the planner's statistics after a bulk write. Without them PostgreSQL plans a freshly
 * imported table as if it were empty (until autovacuum gets to it) and picks scans that are
 * 10-100× slower; SQLite's `PRAGMA optimize` runs ANALYZE only where it would help. On PostgreSQL
 * `papers` is also vacuumed: that sets the visibility map that index-only scans need (migration
 * 015's title index). VACUUM cannot run inside a transaction; there `papers` is only analysed and
 * its full-text pending lists merged.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  if (db.dialect === 'postgres') {
    await sql`analyze paper_categories, paper_authors, listings, users`.execute(db.kysely);
    if (!db.kysely.isTransaction) {
      // VACUUM also merges the full-text indexes' pending lists.
      await sql`vacuum (analyze) papers`.execute(db.kysely);
    } else {
      await sql`analyze papers`.execute(db.kysely);
      await mergeFullTextPendingLists(db);
    }
  } else {
    await sql`pragma optimize`.execute(db.kysely);
  }
}

/**
 * PostgreSQL's GIN indexes (the full-text ones on papers) take new entries into a "pending list"
 * that every search reads through sequentially until VACUUM or autovacuum's analyze merges it (a
 * manual ANALYZE does not). After a 158k-paper import it held ~300 pages, which cost keyword search
 * ~2 ms a query (p50 8.6 → 6.2 ms over bench/queries.txt); merging it is work autovacuum would do
 * later anyway. Returns the pages merged.
 */
export async function mergeFullTextPendingLists(db: Db): Promise<number> {
  const merged = await sql<{ pages: number | null }>`select sum(gin_clean_pending_list(i.indexrelid::regclass))::int as pages
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
    where am.amname = 'gin' and i.indrelid = 'papers'::regclass`.execute(db.kysely);
  return Number(merged.rows[0]?.pages ?? 0);
}
