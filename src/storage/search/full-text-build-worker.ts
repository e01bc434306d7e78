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
// What the triggers of 002-search do: an external-content FTS5 table unindexes a row by being
// given the exact text it indexed. Without a content table here: writing one costs more than the index.
const unindex = db.prepare("insert into papers_fts (papers_fts, rowid, title, abstract, authors) values ('delete', ?, ?, coalesce(?, ''), ?)");
const index = db.prepare("insert into papers_fts (rowid, title, abstract, authors) values (?, ?, coalesce(?, ''), ?)");
const apply = db.transaction((rows: FullTextRow[]) => {
  for (const r of rows) {
    if (r.replaces) unindex.run(r.id, r.replaces.title, r.replaces.abstract, r.replaces.authors);
    index.run(r.id, r.title, r.abstract, r.authors);
  }
});

/** Copies the built index into the real database's empty `papers_fts`, in one transaction. */
function install(): void {
  db.close();
  const real = new BetterSqlite3(target);
  try {
    real.pragma('busy_timeout = 60000');
    // Writing FTS5 shadow tables needs SQLite's defensive mode off, on this short-lived connection only.
    real.unsafeMode(true);
    real.prepare('attach database ? as build').run(scratch);
    real.transaction(() => {
      for (const table of SHADOW_TABLES) {
        real.exec(`delete from main.${table}`);
        real.exec(`insert into main.${table} select * from build.${table}`);
      }
      real.exec(FULL_TEXT_DELIVERED);
    })();
    real.exec('detach database build');
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
      install();
      port.postMessage({ type: 'installed' });
      port.close();
    }
  } catch (error) {
    port.postMessage({ type: 'error', message: (error as Error).message });
    port.close();
  }
});
