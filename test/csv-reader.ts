/**
 * A strict RFC 4180 reader for tests: records end with CRLF (the last one too), fields are
 * quoted or bare, a quote inside a quoted field is doubled, and quoted fields may hold commas,
 * CR and LF. Anything else (a bare LF ending a record, a stray quote) throws.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i += 1;
        for (;;) {
          if (i >= text.length) throw new Error('CSV: unclosed quote');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          field += text[i];
          i += 1;
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
          if (text[i] === '"' || text[i] === '\n') throw new Error(`CSV: ${JSON.stringify(text[i])} in a bare field at ${i}`);
          field += text[i];
          i += 1;
        }
      }
      row.push(field);
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text.slice(i, i + 2) !== '\r\n') throw new Error(`CSV: expected CRLF at ${i}`);
      i += 2;
      break;
    }
    rows.push(row);
  }
  return rows;
}
