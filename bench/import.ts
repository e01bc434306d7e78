/**
 * Import benchmark: all papers of ../shared/data/papers.jsonl.gz into a fresh SQLite database
 * and a fresh PostgreSQL database (created and dropped here), then the same file again.
 * Prints time, papers/s, CPU time (in all and per thread), database size and the second run's summary.
 *
 *   npx tsx bench/import.ts [--sqlite-only] [--file PATH] [--batch-size N] [--keep]
 *
 * The full-text index is maintained during the import (SQLite: the FTS5 triggers of
 * 002-search.ts; PostgreSQL: the generated tsvector column and its GIN index).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { formatSummary, importFiles, type ImportSummary } from '../src/features/import-files';
import { silentLogger } from '../src/log';
import { threadCpuSampler } from './lib/thread-cpu';
import { openDatabase, type Db } from '../src/storage/database';
import { migrateToLatest } from '../src/storage/migrate';

const { values } = parseArgs({
  options: {
    'sqlite-only': { type: 'boolean' },
    file: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/data/papers.jsonl.gz') },
    'batch-size': { type: 'string', default: '2000' },
    keep: { type: 'boolean' },
  },
});
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_NAME = 'paperboy_import_bench';
const file = values.file!;
const batchSize = Number(values['batch-size']);

type Run = { seconds: number; cpuSeconds: number; threads: string; summary: ImportSummary };

async function timedImport(db: Db): Promise<Run> {
  const cpu0 = process.cpuUsage();
  const threads = threadCpuSampler();
  const timer = setInterval(threads.sample, 200);
  const t0 = performance.now();
  const summary = await importFiles({ db, log: silentLogger, now: () => new Date() }, { files: [file], batchSize, onProgress: threads.sample });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  threads.sample();
  const cpu = process.cpuUsage(cpu0);
  if (summary.failures.length > 0) throw new Error(summary.failures.map((f) => f.reason).join('; '));
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, threads: threads.report(), summary };
}

function papersOf(s: ImportSummary): number {
  return s.papers.inserted + s.papers.updated + s.papers.unchanged;
}

function report(label: string, first: Run, second: Run, bytes: number): void {
  const n = papersOf(first.summary);
  console.log(`\n${label}`);
  console.log(`  first import:  ${n.toLocaleString('en-US')} papers in ${first.seconds.toFixed(1)} s = ${Math.round(n / first.seconds).toLocaleString('en-US')} papers/s (CPU ${first.cpuSeconds.toFixed(1)} s, all threads of this process)`);
  console.log(`                 ${formatSummary(first.summary)}`);
  console.log(`                 CPU s by thread since process start, main first: ${first.threads}`);
  console.log(`  database size: ${(bytes / 1024 / 1024).toFixed(0)} MB`);
  console.log(`  second import: ${second.seconds.toFixed(1)} s = ${Math.round(n / second.seconds).toLocaleString('en-US')} papers/s (CPU ${second.cpuSeconds.toFixed(1)} s)`);
  console.log(`                 ${formatSummary(second.summary)}`);
}

async function benchSqlite(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-bench-import-'));
  const dbFile = path.join(dir, 'bench.db');
  const db = openDatabase(`sqlite:${dbFile}`);
  try {
    await migrateToLatest(db);
    const first = await timedImport(db);
    const size = ['', '-wal'].reduce((sum, s) => sum + (fs.existsSync(dbFile + s) ? fs.statSync(dbFile + s).size : 0), 0);
    const second = await timedImport(db);
    report(`SQLite (${dbFile}, file + WAL)`, first, second, size);
  } finally {
    await db.close();
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`drop database if exists ${PG_NAME} with (force)`);
  await admin.query(`create database ${PG_NAME}`);
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${PG_NAME}`);
  const db = openDatabase(url, { poolSize: 2 });
  try {
    await migrateToLatest(db);
    const first = await timedImport(db);
    const size = await admin.query<{ bytes: string }>(`select pg_database_size('${PG_NAME}')::text as bytes`);
    const second = await timedImport(db);
    report(`PostgreSQL (${PG_NAME}, pg_database_size)`, first, second, Number(size.rows[0]!.bytes));
  } finally {
    await db.close();
    if (!values.keep) await admin.query(`drop database if exists ${PG_NAME} with (force)`);
    await admin.end();
  }
}

const cpu = os.cpus();
console.log(`import benchmark, ${new Date().toISOString()}: ${path.basename(file)}, batches of ${batchSize}`);
console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, Node ${process.version}, load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await benchSqlite();
if (!values['sqlite-only']) await benchPostgres();
