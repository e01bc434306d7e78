/**
 * What a saved-search alert costs: the keyword search a digest runs per saved search, restricted
 * to the papers that arrived since the search's mark (the `idRange` filter), on a real corpus.
 * Arrivals are simulated as the newest N ids (a day ≈ 300 papers, a week ≈ 2,000); reads only.
 *
 *   npx tsx bench/saved-search-alerts.ts --db sqlite:/tmp/copy-of-bench.db [--runs 21]
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/storage/database';
import { findArrivedThroughId } from '../src/storage/repos/paper-arrivals';
import { createKeywordSearch } from '../src/storage/search/create-keyword-search';
import type { SearchFilters } from '../src/storage/search/keyword-search';
import { percentile } from './lib/metrics';

const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '21' } } });
if (!values.db) throw new Error('usage: saved-search-alerts.ts --db <DATABASE_URL> [--runs 21]');
const runs = Number(values.runs);

const SEARCHES: Array<[string, string, SearchFilters]> = [
  ['common words', 'language models', {}],
  ['rare word', 'xylophone', {}],
  ['phrase', '"reinforcement learning"', {}],
  ['words + category', 'diffusion', { category: 'cs.CV' }],
  ['category only', '', { category: 'cs.CL' }],
  ['category + code', '', { category: 'cs.LG', hasCode: true }],
];

const db = openDatabase(values.db);
const search = createKeywordSearch(db);
const through = await findArrivedThroughId(db);
console.log(`${values.db}: newest paper id ${through}; ${runs} runs each (the first, with cold document frequencies, included)`);
for (const arrivals of [0, 300, 2000]) {
  for (const [name, text, filters] of SEARCHES) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i += 1) {
      const t = performance.now();
      const page = await search.search({ text, filters: { ...filters, idRange: { after: through - arrivals, through } }, sort: 'newest', offset: 0, limit: 5 });
      times.push(performance.now() - t);
      total = page.total;
    }
    const ms = (p: number) => percentile(times, p).toFixed(1);
    console.log(`${String(arrivals).padStart(5)} arrivals  ${name.padEnd(17)} matches ${String(total).padStart(4)}  p50 ${ms(50)} ms  p95 ${ms(95)} ms  max ${Math.max(...times).toFixed(1)} ms`);
  }
}
await db.close();
