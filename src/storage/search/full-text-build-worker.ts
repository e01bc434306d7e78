import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { FULL_TEXT_DELIVERED } from '../repos/deferred-indexes';
import type { FullTextRow } from './full-text-bulk-build';

/**
 * Worker thread entry of full-text-bulk-build.ts: indexes the rows it is sent into a scratch
 * file holding the same FTS5 table as the real database, then installs the result.
 */
const { scratch, target, table } = workerData as { scratch: string; target: string; table: string };
const port = parentPort!;
/** FTS5's shadow tables of an external-content table (no `_content`). */
const SHADOW_TABLES = ['papers_fts_data', 'papers_fts_idx', 'papers_fts_docsize', 'papers_fts_config'];

for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(scratch + suffix, { force: true });
const db = new BetterSqlite3(scratch);
// A scratch file: a crash discards it (the real database then rebuilds), so no journal, no syncs.
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('cache_size = -131072');
db.exec(table);
// A bulk build merges less often and flushes its pending terms in larger runs: automerge 16
// instead of 4 and a 64 MB hash over ~20,000 rows per transaction took a third off the thread's
// CPU on the 158k corpus (docs/benchmarks.md §1). Both settings stay in the scratch file:
// `install` copies the index without them, so the real table keeps FTS5's defaults.
const BUILD_SETTINGS = { automerge: 16, hashsize: 64 * 1024 * 1024 } as const;
for (const [key, value] of Object.entries(BUILD_SETTINGS)) db.exec(`insert into papers_fts (papers_fts, rank) values ('${key}', ${value})`);
/** Rows per transaction: FTS5 flushes its pending terms to a new segment at each commit. */
const ROWS_PER_TRANSACTION = 20_000;
// What the triggers of 002-search do: an external-content FTS5 table unindexes a row by being
// given the exact text it indexed. Without a content table here: writing one costs more than the index.
const unindex = db.prepare("insert into papers_fts (papers_fts, rowid, title, abstract, authors) values ('delete', ?, ?, coalesce(?, ''), ?)");
const index = db.prepare("insert into papers_fts (rowid, title, abstract, authors) values (?, ?, coalesce(?, ''), ?)");
let uncommitted = 0;

/** Indexes `rows` inside the open transaction (one is begun if none is), committing every ROWS_PER_TRANSACTION rows. */
function apply(rows: FullTextRow[]): void {
  if (!db.inTransaction) db.exec('begin');
  for (const r of rows) {
    if (r.replaces) unindex.run(r.id, r.replaces.title, r.replaces.abstract, r.replaces.authors);
    index.run(r.id, r.title, r.abstract, r.authors);
  }
  uncommitted += rows.length;
  if (uncommitted >= ROWS_PER_TRANSACTION) commit();
}

function commit(): void {
  if (db.inTransaction) db.exec('commit');
  uncommitted = 0;
}

/**
 * Copies the built index into the real database's empty `papers_fts`, in one transaction, and
 * returns the open connection. The commit does not checkpoint (the copy is ~130 MB of WAL on the
 * 158k corpus): `checkpoint` does that once the writer has been told, so SQLite copies those pages
 * into the database file while the writer builds its deferred indexes, not before.
 */
function install(): BetterSqlite3.Database {
  commit();
  db.close();
  const real = new BetterSqlite3(target);
  try {
    real.pragma('busy_timeout = 60000');
    real.pragma('wal_autocheckpoint = 0');
    // Writing FTS5 shadow tables needs SQLite's defensive mode off, on this short-lived connection only.
    real.unsafeMode(true);
    real.prepare('attach database ? as build').run(scratch);
    real.transaction(() => {
      for (const table of SHADOW_TABLES) {
        real.exec(`delete from main.${table}`);
        const settings = table === 'papers_fts_config' ? ` where k not in (${Object.keys(BUILD_SETTINGS).map((k) => `'${k}'`).join(', ')})` : '';
        real.exec(`insert into main.${table} select * from build.${table}${settings}`);
      }
      real.exec(FULL_TEXT_DELIVERED);
    })();
    real.exec('detach database build');
    return real;
  } catch (error) {
    real.close();
    throw error;
  }
}

/** Copies the WAL's committed pages into the database file beside the writer (PASSIVE: never blocks it), then closes. */
function checkpoint(real: BetterSqlite3.Database): void {
  try {
    real.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Only a cost, never a loss: the pages stay in the WAL for the next checkpoint.
  } finally {
    real.close();
  }
}

port.on('message', (message: { type: 'rows'; rows: FullTextRow[] } | { type: 'end' }) => {
  try {
    if (message.type === 'rows') {
      apply(message.rows);
      port.postMessage({ type: 'ack' });
    } else {
      const real = install();
      port.postMessage({ type: 'installed' });
      port.close();
      checkpoint(real);
    }
  } catch (error) {
    port.postMessage({ type: 'error', message: (error as Error).message });
    port.close();
  }
});
