import type { Db } from '../database';

/**
 * Secondary indexes that an initial bulk load into SQLite builds far faster once at the end (a
 * sort) than row by row in random key order: 21 s → 16.5 s for the 158k corpus, most of it the
 * 890k-row author index. None of them backs an ON CONFLICT clause, so the import's upserts behave
 * the same without them.
 */
const DEFERRABLE_INDEXES = ['paper_authors_name_key', 'paper_categories_published', 'paper_categories_category', 'papers_published_at', 'papers_upvotes', 'papers_trending'];

/**
 * The full-text triggers of 002-search that a bulk load writing the index in a second thread
 * (search/fts-bulk-build.ts) sets aside. The delete trigger stays: an import never deletes.
 */
const FULL_TEXT_TRIGGERS = ['papers_fts_insert', 'papers_fts_update'];

/** What brings `papers_fts` back in line with `papers` when the second thread's index never arrived. */
const FULL_TEXT_REBUILD = "insert into papers_fts(papers_fts) values ('rebuild')";

/** Puts back what a bulk load set aside; safe to call twice. */
export type RestoreIndexes = () => Promise<void>;

/**
 * SQLite only, and only when the papers table is empty (a first load): drops the deferrable
 * indexes (and with `fullText`, the full-text triggers), remembering their exact definitions
 * (read from sqlite_master, so the migrations stay the one source of truth) in `deferred_indexes`,
 * and returns the function that restores them. Elsewhere a no-op. If the process dies before the
 * restore, `restoreDeferredIndexes` (run at the next start or import) finishes the job; for the
 * triggers that includes rebuilding the full-text index from `papers`, unless
 * `installBuiltFullText` (fts-bulk-build.ts) already delivered it.
 * Returns null when nothing was deferred.
 */
export async function deferIndexesForBulkLoad(db: Db, options: { fullText?: boolean } = {}): Promise<RestoreIndexes | null> {
  if (db.dialect !== 'sqlite' || !db.sqlite) return null;
  const sqlite = db.sqlite;
  const empty = sqlite.prepare('select not exists (select 1 from papers) as empty').get() as { empty: number };
  if (!empty.empty) return null;
  const names = [...DEFERRABLE_INDEXES, ...(options.fullText ? FULL_TEXT_TRIGGERS : [])];
  const rows = sqlite
    .prepare(`select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null and name in (${names.map(() => '?').join(', ')})`)
    .all(...names) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  sqlite.transaction(() => {
    sqlite.exec('create table if not exists deferred_indexes (type text not null, name text primary key, sql text not null)');
    const remember = sqlite.prepare('insert or replace into deferred_indexes (type, name, sql) values (?, ?, ?)');
    for (const r of rows) {
      remember.run(r.type, r.name, r.sql);
      sqlite.exec(`drop ${r.type} if exists "${r.name.replaceAll('"', '""')}"`);
    }
    if (rows.some((r) => r.type === 'trigger')) remember.run('rebuild', 'papers_fts', FULL_TEXT_REBUILD);
  })();
  return () => restoreDeferredIndexes(db);
}

/**
 * Recreates whatever a bulk load set aside and did not put back, then rebuilds the full-text
 * index if its triggers were set aside and its bulk build was not installed. Cheap when there is
 * nothing to do.
 */
export async function restoreDeferredIndexes(db: Db): Promise<void> {
  if (db.dialect !== 'sqlite' || !db.sqlite) return;
  const sqlite = db.sqlite;
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'deferred_indexes'").get();
  if (!table) return;
  const rows = sqlite.prepare('select type, name, sql from deferred_indexes').all() as { type: string; name: string; sql: string }[];
  sqlite.transaction(() => {
    for (const r of rows.filter((r) => r.type !== 'rebuild')) {
      const exists = sqlite.prepare('select 1 from sqlite_master where type = ? and name = ?').get(r.type, r.name);
      if (!exists) sqlite.exec(r.sql);
    }
    for (const r of rows.filter((r) => r.type === 'rebuild')) sqlite.exec(r.sql);
    sqlite.exec('drop table deferred_indexes');
  })();
}

/** The statement that tells a pending restore that the full-text index is in place (run inside the install's transaction). */
export const FULL_TEXT_DELIVERED = "delete from deferred_indexes where type = 'rebuild' and name = 'papers_fts'";
