import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { insertRows } from './sqlite-statements';

describe('insertRows', () => {
  it('inserts every row once, in order, whatever the count, from a dozen statement shapes', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.exec('create table t (seq integer primary key, a integer not null, b text not null)');
    let next = 0;
    for (const count of [0, 1, 2, 3, 1023, 1024, 1025, 3000, 5461, 7]) {
      const values: (number | string)[] = [];
      for (let i = 0; i < count; i++, next++) values.push(next, `row ${next}`);
      insertRows(sqlite, 't', ['a', 'b'], values);
      const rows = sqlite.prepare('select a, b from t order by seq').all() as { a: number; b: string }[];
      expect(rows.length).toBe(next);
      expect(rows.every((r, i) => r.a === i && r.b === `row ${i}`)).toBe(true);
    }
    sqlite.close();
  });

  it('keeps under SQLite\'s limit of bound parameters for wide rows', () => {
    const sqlite = new BetterSqlite3(':memory:');
    const columns = Array.from({ length: 40 }, (_, i) => `c${i}`);
    sqlite.exec(`create table wide (${columns.map((c) => `${c} integer`).join(', ')})`);
    const rows = 2000;
    insertRows(sqlite, 'wide', columns, Array.from({ length: rows * columns.length }, (_, i) => i));
    expect(sqlite.prepare('select count(*) as n, sum(c39) as s from wide').get()).toEqual({ n: rows, s: Array.from({ length: rows }, (_, r) => r * 40 + 39).reduce((a, b) => a + b, 0) });
    sqlite.close();
  });
});
