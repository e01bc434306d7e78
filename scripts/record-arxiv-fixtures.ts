/**
 * Writes test/fixtures/arxiv/<id>.xml for a few real papers of the shared data, in the Atom
 * format arXiv's API answers `id_list=<id>` with today, plus `_not-found.xml` (its answer for a
 * well-formed id it does not have). The data holds only a date, so times are midnight UTC and the
 * version is v1; titles and abstracts are re-wrapped the way arXiv wraps them. Hand-written
 * fixtures (see test/fixtures/arxiv/README.md) are left alone.
 * Run: `npx tsx scripts/record-arxiv-fixtures.ts` (optionally `--data DIR`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

/** Why each paper is here: what it exercises in the client. */
const PICKS: Record<string, string> = {
  '2606.04525': 'recent (26xx) id, cross-listed outside cs (q-bio.GN)',
  '2403.09977': 'LaTeX with backslash commands in the abstract ($\\mathcal{O}(N^2)$)',
  '2402.02791': 'LaTeX and a non-ASCII letter in the title (PanGu-$π$ Pro)',
  '2501.12948': 'many authors (198), a collective author first',
  '2401.17377': 'plain 2024 paper: inline $n$ in the abstract, three categories',
};
const NOT_FOUND_ID = '2401.99999';
const RECORDED_AT = '2026-11-29T10:00:00Z';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/data') },
    out: { type: 'string', default: path.resolve(import.meta.dirname, '../test/fixtures/arxiv') },
  },
});

type Row = { id: string; title: string; abstract: string | null; authors: string[]; published: string; categories: string[] };

const rows = new Map<string, Row>();
const input = fs.createReadStream(path.join(values.data!, 'papers.jsonl.gz')).pipe(zlib.createGunzip());
for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
  if (!line.includes('"id"')) continue;
  const row = JSON.parse(line) as Row;
  if (row.id in PICKS) rows.set(row.id, row);
}
const missing = Object.keys(PICKS).filter((id) => !rows.has(id));
if (missing.length > 0) throw new Error(`papers.jsonl.gz lacks ${missing.join(', ')}`);

fs.mkdirSync(values.out!, { recursive: true });
for (const row of rows.values()) write(`${row.id.replace('/', '_')}.xml`, feed(row.id, [entry(row)]));
write('_not-found.xml', feed(NOT_FOUND_ID, []));

function write(name: string, xml: string): void {
  fs.writeFileSync(path.join(values.out!, name), xml);
  console.log(`${name}  ${xml.length} bytes`);
}

function feed(id: string, entries: string[]): string {
  const query = `search_query=&id_list=${id}&start=0&max_results=10`;
  // arXiv's feed id is an opaque hash of the query; a SHA-1 in base64 has the same look.
  const feedId = crypto.createHash('sha1').update(query).digest('base64').replace(/=+$/, '');
  return [
    `<?xml version='1.0' encoding='UTF-8'?>`,
    `<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>https://arxiv.org/api/${feedId}</id>`,
    `  <title>arXiv Query: ${esc(query)}</title>`,
    `  <updated>${RECORDED_AT}</updated>`,
    `  <link href="https://arxiv.org/api/query?search_query=&amp;start=0&amp;max_results=10&amp;id_list=${id}" type="application/atom+xml"/>`,
    `  <opensearch:itemsPerPage>10</opensearch:itemsPerPage>`,
    `  <opensearch:totalResults>${entries.length}</opensearch:totalResults>`,
    `  <opensearch:startIndex>0</opensearch:startIndex>`,
    ...entries,
    `</feed>`,
    ``,
  ].join('\n');
}

function entry(row: Row): string {
  const v = `${row.id}v1`;
  const at = `${row.published}T00:00:00Z`;
  return [
    `  <entry>`,
    `    <id>http://arxiv.org/abs/${v}</id>`,
    `    <title>${esc(wrap(row.title, 70).join('\n  '))}</title>`,
    `    <updated>${at}</updated>`,
    `    <link href="https://arxiv.org/abs/${v}" rel="alternate" type="text/html"/>`,
    `    <link href="https://arxiv.org/pdf/${v}" rel="related" type="application/pdf" title="pdf"/>`,
    `    <summary>${esc(wrap(row.abstract ?? '', 80).join('\n'))}</summary>`,
    ...row.categories.map((c) => `    <category term="${esc(c)}" scheme="http://arxiv.org/schemas/atom"/>`),
    `    <published>${at}</published>`,
    `    <arxiv:primary_category term="${esc(row.categories[0]!)}"/>`,
    ...row.authors.flatMap((a) => [`    <author>`, `      <name>${esc(a)}</name>`, `    </author>`]),
    `  </entry>`,
  ].join('\n');
}

/** Greedy word wrap; arXiv keeps the submitter's hard line breaks, which the data has collapsed. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
