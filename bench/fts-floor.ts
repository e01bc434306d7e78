/**
 * The floor under SQLite import speed: how long FTS5 alone takes to index the corpus's
 * (title, abstract, authors), from memory, in batches of 2,000 rows, with nothing else written.
 *
 *   npx tsx bench/fts-floor.ts ["porter unicode61 remove_diacritics 2"] [full|column]
 *
 * Compare with bench/import.ts: the difference is what the importer itself costs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { DATA } from './lib/bench-databases';

const tokenizer = process.argv[2] ?? 'porter unicode61 remove_diacritics 2';
const detail = process.argv[3] ?? 'full';
if (!/^[a-z0-9_ ]+$/.test(tokenizer) || !['full', 'column', 'none'].includes(detail)) {
  console.error('usage: fts-floor.ts ["tokenizer words"] [full|column|none]');
  process.exit(2);
}

type Row = { title: string; abstract: string | null; authors: string[] };
const rows = zlib
  .gunzipSync(fs.readFileSync(path.join(DATA, 'papers.jsonl.gz')))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-fts-floor-'));
try {
  const db = new Database(path.join(dir, 'fts.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create virtual table f using fts5(title, abstract, authors, tokenize='${tokenizer}', detail=${detail})`);
  const insert = db.prepare('insert into f(rowid, title, abstract, authors) values (?, ?, ?, ?)');
  let id = 0;
  const batch = db.transaction((chunk: Row[]) => {
    for (const r of chunk) insert.run(++id, r.title, r.abstract ?? '', JSON.stringify(r.authors));
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 2000) batch(rows.slice(i, i + 2000));
  const seconds = (performance.now() - started) / 1000;
  console.log(`FTS5 (${tokenizer}, detail=${detail}): ${rows.length.toLocaleString('en')} rows in ${seconds.toFixed(1)} s = ${Math.round(rows.length / seconds).toLocaleString('en')} rows/s`);
  db.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
