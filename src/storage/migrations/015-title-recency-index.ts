import { sql } from 'kysely';
import type { Migration } from '../migrate';

/**
 * PostgreSQL only: a btree on `papers.id` that carries `title_vector`, so "the newest papers with
 * these words in their title" (keyword search's broad path: a common word ranks title matches
 * newest first) is a backward index-only scan of the newest ids, ~2 ms, instead of a walk through
 * the wide heap rows, 20–40 ms (docs/benchmarks.md §2). Index-only scans need the visibility map,
 * so autovacuum visits `papers` after 2 % of it changed, not 20 %. SQLite's FTS5 path needs none of it.
 */
export const titleRecencyIndex: Migration = {
  name: '015-title-recency-index',
  async up(db, dialect) {
    if (dialect !== 'postgres') return;
    await sql`create index papers_id_title_vector on papers (id) include (title_vector)`.execute(db);
    await sql`alter table papers set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`.execute(db);
  },
};
