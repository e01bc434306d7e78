import fs from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../ts-worker';
import type { Db } from '../database';

/** A paper's searchable columns, as stored in `papers` (`authors` is the stored JSON text). */
export type FullTextColumns = { title: string; abstract: string | null; authors: string };

/** A paper written by the importer: its new text, and the text it replaces if it was stored already. */
export type FullTextRow = FullTextColumns & { id: number; replaces: FullTextColumns | null };

/** Where the importer's paper writes send their searchable text while the second thread indexes it. */
export type FullTextSink = {
  add(rows: FullTextRow[]): void;
  /** Resolves once the indexing thread is at most a few batches behind (memory stays bounded). */
  settled(): Promise<void>;
};

/**
 * A running build: `finish` installs the index (or leaves it to the rebuild), `abort` discards it,
 * and `closed` resolves once the thread has ended (after `finish` it still checkpoints the copied
 * index into the database file, while the caller builds its deferred indexes).
 */
export type FullTextBuild = { sink: FullTextSink; finish(): Promise<boolean>; abort(): Promise<void>; closed(): Promise<void> };

/** Batches the indexing thread may lag behind the writer. */
const MAX_BEHIND = 3;

/**
 * Builds SQLite's full-text index of a first bulk load in a second thread, so the FTS5 work runs
 * on the other core while this thread writes papers (decision 0006). The thread indexes each
 * written paper into a scratch file (`<db>.fts-build`) holding the very FTS5 table of 002-search
 * (read from sqlite_master), doing what the triggers would (unindex the replaced text, index the
 * new), then, at `finish`, copies the FTS5 shadow tables into
 * the empty `papers_fts` in one transaction from its own connection, which also clears the pending
 * 'rebuild' that deferred-indexes.ts recorded. The caller drops the full-text triggers
 * (deferIndexesForBulkLoad with `fullText`) and restores them after `finish`.
 *
 * Anything going wrong (the thread fails, the import fails, the process dies) leaves the pending
 * rebuild in place, and restoreDeferredIndexes rebuilds the index from `papers`: slower, never wrong.
 * SQLite files only (a second connection cannot see `:memory:`), and only into an empty database;
 * otherwise null.
 */
export function startFullTextBuild(db: Db): FullTextBuild | null {
  const sqlite = db.sqlite;
  if (db.dialect !== 'sqlite' || !sqlite || db.location === ':memory:' || db.location === '') return null;
  const empty = sqlite.prepare('select not exists (select 1 from papers) as empty').get() as { empty: number };
  if (!empty.empty) return null;
  const table = sqlite.prepare("select sql from sqlite_master where type = 'table' and name = 'papers_fts'").get() as { sql: string } | undefined;
  if (!table) return null;
  const scratch = `${db.location}.fts-build`;
  const worker = startTsWorker(new URL('./full-text-build-worker.ts', import.meta.url), { scratch, target: db.location, table: table.sql });
  return track(worker, scratch);
}

type FromWorker = { type: 'ack' } | { type: 'installed' } | { type: 'error'; message: string };

function track(worker: Worker, scratch: string): FullTextBuild {
  let behind = 0;
  let failed: string | null = null;
  let installed = false;
  let exited = false;
  let waiters: (() => void)[] = [];
  const wakeAll = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ack') behind--;
    else if (m.type === 'installed') installed = true;
    else failed = m.message;
    wakeAll();
  });
  worker.on('error', (e) => {
    failed = e.message;
    wakeAll();
  });
  worker.on('exit', (code) => {
    exited = true;
    if (!installed && failed === null) failed = `full-text thread exited with code ${code}`;
    wakeAll();
  });
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const discard = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) {
      try {
        fs.rmSync(scratch + suffix, { force: true });
      } catch {
        // Not ours to remove (e.g. a folder of that name): the next build fails the same way and rebuilds.
      }
    }
  };
  return {
    sink: {
      add(rows) {
        if (failed !== null || rows.length === 0) return;
        behind++;
        worker.postMessage({ type: 'rows', rows });
      },
      settled: () => until(() => failed !== null || behind <= MAX_BEHIND),
    },
    async finish() {
      if (failed === null) worker.postMessage({ type: 'end' });
      await until(() => installed || failed !== null);
      // Installed: the scratch file is detached and the thread ends by itself after its checkpoint.
      if (!installed) await worker.terminate();
      discard();
      return installed;
    },
    closed: () => until(() => exited),
    async abort() {
      await worker.terminate();
      discard();
    },
  };
}
