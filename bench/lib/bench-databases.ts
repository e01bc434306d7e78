import path from 'node:path';

/** Where the benchmark corpus lives (read-only, shared with the other projects' sessions). */
export const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
/** The SQLite benchmark database (158k papers + all daily listings), built by bench/prepare.ts. */
export const BENCH_SQLITE_URL = `sqlite:${path.resolve(import.meta.dirname, '../.data/bench.db')}`;
/** The PostgreSQL server benchmarks use; each benchmark database on it is its own. */
export const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_PG_URL = PG_ADMIN.replace(/\/[^/]*$/, '/paperboy_bench');
