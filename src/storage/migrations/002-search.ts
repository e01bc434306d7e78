import { sql } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Keyword search structures. One of the two places where the dialects differ (see
 * storage/search/): an external-content FTS5 table kept in sync by triggers on SQLite, a
 * weighted tsvector column with a GIN index on PostgreSQL.
 */
export const search: Migration = {
  name: '002-search',
  async up(db, dialect) {
    if (dialect === 'sqlite') {
      await sql`create virtual table papers_fts using fts5(
        title, abstract, authors,
        content='papers', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
      )`.execute(db);
      await sql`create trigger papers_fts_insert after insert on papers begin
        insert into papers_fts(rowid, title, abstract, authors)
        values (new.id, new.title, coalesce(new.abstract, ''), new.authors);
      end`.execute(db);
      await sql`create trigger papers_fts_delete after delete on papers begin
        insert into papers_fts(papers_fts, rowid, title, abstract, authors)
        values ('delete', old.id, old.title, coalesce(old.abstract, ''), old.authors);
      end`.execute(db);
      await sql`create trigger papers_fts_update after update of title, abstract, authors on papers begin
        insert into papers_fts(papers_fts, rowid, title, abstract, authors)
        values ('delete', old.id, old.title, coalesce(old.abstract, ''), old.authors);
        insert into papers_fts(rowid, title, abstract, authors)
        values (new.id, new.title, coalesce(new.abstract, ''), new.authors);
      end`.execute(db);
    } else {
      await sql`alter table papers add column search_vector tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', coalesce(abstract, '')), 'B') ||
        setweight(to_tsvector('english', authors), 'C')
      ) stored`.execute(db);
      // Kept in the heap row rather than in the TOAST table: matching and ranking read the
      // vector of every candidate row, and a TOAST fetch per row made that 5x slower.
      await sql`alter table papers alter column search_vector set storage main`.execute(db);
      await sql`create index papers_search_vector on papers using gin (search_vector)`.execute(db);
      // The title alone, so "title matches first" on broad queries is an indexed, well-estimated
      // condition (a weight filter on search_vector is opaque to the planner).
      await sql`alter table papers add column title_vector tsvector generated always as (
        to_tsvector('english', title)
      ) stored`.execute(db);
      await sql`create index papers_title_vector on papers using gin (title_vector)`.execute(db);
    }
    // "Most upvoted" over a broad match walks this index and stops after one page; most papers
    // have no upvotes, so an index on upvotes alone would still sort a huge tie by date.
    await sql`create index papers_upvotes_published on papers (upvotes desc, published_at desc, id desc)`.execute(db);
  },
};
