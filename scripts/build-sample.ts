/**
 * Builds the bundled sample from the shared data: `sample/daily.jsonl.gz` holds the last 120
 * days of `daily.jsonl.gz`, and `sample/papers.jsonl.gz` exactly the papers those rows name,
 * from `papers-hf.jsonl.gz`. Lines are copied unchanged. Run: `npx tsx scripts/build-sample.ts`
 * (optionally `--data DIR --days N`).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/data') },
    days: { type: 'string', default: '120' },
    out: { type: 'string', default: path.resolve(import.meta.dirname, '../sample') },
  },
});
const days = Number(values.days);
if (!Number.isInteger(days) || days < 1) throw new Error(`--days must be a positive integer, got ${values.days}`);

async function readLines(file: string): Promise<string[]> {
  const lines: string[] = [];
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) if (line.trim()) lines.push(line);
  return lines;
}

async function writeGzip(file: string, lines: string[]): Promise<void> {
  await pipeline(Readable.from(lines.map((l) => `${l}\n`)), zlib.createGzip({ level: 9 }), fs.createWriteStream(file));
}

const daily = (await readLines(path.join(values.data!, 'daily.jsonl.gz'))).map((line) => ({ line, row: JSON.parse(line) as { date: string; id: string } }));
const last = daily.reduce((max, d) => (d.row.date > max ? d.row.date : max), '');
const first = new Date(Date.parse(`${last}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
const kept = daily.filter((d) => d.row.date >= first);
const ids = new Set(kept.map((d) => d.row.id));

const papers: string[] = [];
const seen = new Set<string>();
for (const line of await readLines(path.join(values.data!, 'papers-hf.jsonl.gz'))) {
  const id = (JSON.parse(line) as { id: string }).id;
  if (ids.has(id) && !seen.has(id)) {
    seen.add(id);
    papers.push(line);
  }
}
const missing = [...ids].filter((id) => !seen.has(id));
if (missing.length > 0) throw new Error(`papers-hf.jsonl.gz lacks ${missing.length} papers named by the daily rows, e.g. ${missing[0]}`);

fs.mkdirSync(values.out!, { recursive: true });
await writeGzip(path.join(values.out!, 'daily.jsonl.gz'), kept.map((d) => d.line));
await writeGzip(path.join(values.out!, 'papers.jsonl.gz'), papers);
const size = (f: string) => `${(fs.statSync(path.join(values.out!, f)).size / 1024).toFixed(0)} kB`;
console.log(`sample: ${kept.length} listings from ${first} to ${last} (${size('daily.jsonl.gz')}), ${papers.length} papers (${size('papers.jsonl.gz')})`);
