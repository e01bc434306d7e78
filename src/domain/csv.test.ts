import { describe, expect, it } from 'vitest';
import { readCsv } from '../../test/csv-reader';
import { csvSafe, toCsv } from './csv';

describe('csv', () => {
  it('quotes every field, doubles quotes and ends each record with CRLF', () => {
    expect(toCsv([['a', 'b,c'], ['say "hi"', 'two\nlines']])).toBe('"a","b,c"\r\n"say ""hi""","two\nlines"\r\n');
  });
  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=HYPERLINK("http://evil")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvSafe(cell)).toBe(`'${cell}`);
    for (const cell of ['plain', '', 'a=b', ' =x']) expect(csvSafe(cell)).toBe(cell);
  });
  it('reads back with an RFC 4180 reader', () => {
    const rows = [
      ['arxiv_id', 'title'],
      ['2401.00001', 'Commas, "quotes", and\r\nnewlines'],
      ['2401.00002', '=cmd|" /C calc"!A0'],
      ['2401.00003', 'Ünïcödé 🦄'],
    ];
    expect(readCsv(toCsv(rows))).toEqual([rows[0], rows[1], ['2401.00002', `'=cmd|" /C calc"!A0`], rows[3]]);
  });
});
