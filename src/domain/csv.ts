/**
 * CSV as RFC 4180 writes it: every field quoted (a `"` doubled), fields joined by commas, every
 * record — the last included — ended by CRLF. Spreadsheets run a cell that starts with `=`, `+`,
 * `-` or `@` (and tab or carriage return) as a formula, so such cells get a leading `'`
 * (OWASP's advice); the quote shows, which is the price of a file that cannot run code.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((row) => `${row.map((cell) => `"${csvSafe(cell).replace(/"/g, '""')}"`).join(',')}\r\n`).join('');
}

/** The cell with a `'` in front when a spreadsheet would read it as a formula. */
export function csvSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
