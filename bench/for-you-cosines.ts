/**
 * The cosines the "For you" rules are set from (src/domain/for-you.ts FOR_YOU_RULES), on centred
 * vectors as the rules use them (the index's mean subtracted, unit length): between random papers
 * (of different and of the same primary category) and between a paper and its 1st, 10th and 50th
 * nearest neighbour (exact, over every paper), for N papers drawn with a fixed seed; raw cosines
 * of random pairs for comparison.
 *
 *   npx tsx bench/for-you-cosines.ts --db bench/.data/bench.db --embed-dir DIR [--papers 400]
 *
 * Reads the database (read-only) and the index in DIR; changes nothing.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { centred, type VectorRows } from '../src/domain/for-you';
import { dot } from '../src/domain/vector-math';
import { nearestRowsNative } from '../src/embed/exact-nearest';
import { seededRandom } from '../src/embed/seeded-random';
import { INDEX_FILE } from '../src/embed/vector-search';
import { VectorIndex } from '../src/embed/vector-index';

const { values } = parseArgs({ options: { db: { type: 'string' }, 'embed-dir': { type: 'string' }, papers: { type: 'string', default: '400' } } });
if (!values.db || !values['embed-dir']) throw new Error('usage: for-you-cosines.ts --db FILE.db --embed-dir DIR [--papers 400]');
const index = VectorIndex.load(path.join(values['embed-dir'], INDEX_FILE));
if (!index) throw new Error(`no vector index in ${values['embed-dir']}`);
const db = new Database(values.db.replace(/^sqlite:/, ''), { readonly: true, fileMustExist: true });
const rows = db.prepare('select id, categories from papers').all() as Array<{ id: number; categories: string }>;
db.close();
const primary = new Map(rows.map((r) => [r.id, (JSON.parse(r.categories) as string[])[0]]));
const mean = index.meanVector();
const ids = rows.map((r) => r.id).filter((id) => index.vectorOf(id) !== null);
const all: VectorRows = { ids, data: new Float32Array(ids.length * index.info.dim), dim: index.info.dim };
for (const [row, id] of ids.entries()) centred(index.vectorOf(id)!, mean, all.data.subarray(row * all.dim, (row + 1) * all.dim));
const vectorAt = (row: number) => all.data.subarray(row * all.dim, (row + 1) * all.dim);
const random = seededRandom(3);
const series: Record<string, number[]> = {
  'random pair, raw cosine': [],
  'random pair, other category': [],
  'random pair, same category': [],
  '1st neighbour': [],
  '10th neighbour': [],
  '50th neighbour': [],
};
const sample: number[] = [];
for (let i = 0; i < Number(values.papers) * 4; i++) {
  const a = random.int(ids.length);
  const b = random.int(ids.length);
  if (a === b) continue;
  series['random pair, raw cosine']!.push(dot(index.vectorOf(ids[a]!)!, index.vectorOf(ids[b]!)!));
  series[primary.get(ids[a]!) === primary.get(ids[b]!) ? 'random pair, same category' : 'random pair, other category']!.push(dot(vectorAt(a), vectorAt(b)));
  if (sample.length < Number(values.papers)) sample.push(a);
}
for (const [i, hits] of nearestRowsNative(all, sample.map(vectorAt), 51).entries()) {
  const others = hits.filter((h) => h.row !== sample[i]);
  series['1st neighbour']!.push(others[0]!.cos);
  series['10th neighbour']!.push(others[9]!.cos);
  series['50th neighbour']!.push(others[49]!.cos);
}
const PERCENTILES = [5, 25, 50, 75, 95, 99];
console.log(`centred cosine percentiles (${PERCENTILES.join(' / ')}), ${values.papers} papers of ${ids.length.toLocaleString('en-US')}, model ${index.info.model}`);
for (const [name, xs] of Object.entries(series)) {
  xs.sort((x, y) => x - y);
  console.log(`${name.padEnd(28)} ${PERCENTILES.map((p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(2)).join('  ')}  (${xs.length})`);
}
