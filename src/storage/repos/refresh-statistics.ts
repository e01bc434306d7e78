import { sql } from 'kysely';
import type { Db } from '../database';

/**
 * Refreshes the planner's statistics after a bulk write. Without them PostgreSQL plans a freshly
 * imported table as if it were empty (until autovacuum gets to it) and picks scans that are
 * 10-100× slower; SQLite's `PRAGMA optimize` runs ANALYZE only where it would help.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  if (db.dialect === 'postgres') await sql`analyze papers, paper_categories, paper_authors, listings, users`.execute(db.kysely);
  else await sql`pragma optimize`.execute(db.kysely);
}
