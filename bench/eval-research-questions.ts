/**
 * Research questions over the 158k corpus: sentence-long questions a researcher asks ("how to
 * make diffusion models sample in fewer steps"), each with the papers judged relevant after
 * reading them (bench/research-questions.jsonl; grade 2 = squarely on topic, 1 = relevant). Every
 * question runs through searchPapers — the use case the page and the API call — in keyword,
 * vector and hybrid mode; prints Recall@100 and nDCG@10 per mode and hybrid/keyword Recall@100.
 *
 *   npx tsx bench/eval-research-questions.ts --model DIR [--db sqlite:bench/.data/bench.db]
 *                                            [--questions bench/research-questions.jsonl] [--verbose]
 *                                            [--pool N]
 *
 * --pool N prints, instead of the figures, one JSON line per question with the top N arXiv ids of
 * each mode ({"id", "question", "keyword": [...], "vector": [...], "hybrid": [...]}): the judging
 * pool of a new question (its "relevant" may be {} until it is judged).
 *
 * DIR holds a model and its index for that database (`paperboy embed train`, `embed index`); it
 * is copied to a temporary directory first, so a catch-up never writes into it. The database is
 * only read (SQLite may still create its -wal/-shm files beside it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Deps } from '../src/deps';
import { createVectorSearch } from '../src/embed/vector-search';
import { searchPapers, type SearchMode } from '../src/features/search-papers';
import { silentLogger } from '../src/log';
import { openDatabase } from '../src/storage/database';
import { createKeywordSearch } from '../src/storage/search/create-keyword-search';
import { BENCH_SQLITE_URL } from './lib/bench-databases';
import { mean, ndcgAtK, recallAtK } from './lib/metrics';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    db: { type: 'string', default: BENCH_SQLITE_URL },
    questions: { type: 'string', default: path.join(import.meta.dirname, 'research-questions.jsonl') },
    verbose: { type: 'boolean', default: false },
    pool: { type: 'string' },
  },
});
if (!values.model) throw new Error('--model DIR is needed (a model and index from paperboy embed train / embed index)');
const poolDepth = values.pool === undefined ? undefined : Number(values.pool);
if (poolDepth !== undefined && !(Number.isInteger(poolDepth) && poolDepth >= 1 && poolDepth <= 100)) throw new Error('--pool N needs a whole number from 1 to 100');

const MODES = ['keyword', 'vector', 'hybrid'] as const;
type Question = { id: string; question: string; relevant: Record<string, number>; notes?: string };
const questions: Question[] = fs.readFileSync(values.questions!, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Question);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-rq-'));
for (const f of fs.readdirSync(values.model)) fs.copyFileSync(path.join(values.model, f), path.join(dir, f));
const db = openDatabase(values.db!);
try {
  const vectors = createVectorSearch({ db, dir, log: silentLogger });
  if (!(await vectors.ready())) throw new Error(`no usable model and index in ${values.model} for this database`);
  const deps = { db, search: createKeywordSearch(db), vectors, log: silentLogger } as unknown as Deps;
  const rank: Rank = async (q, mode, n) => {
    const out = await searchPapers(deps, { q: q.question, mode, perPage: n, page: 1 });
    if (out.mode !== mode) throw new Error(`${q.id}: asked for ${mode}, ran ${out.mode}`);
    return out.results.map((x) => x.paper.arxivId);
  };
  if (poolDepth !== undefined) await printPools(rank, poolDepth);
  else await evaluate(rank);
} finally {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

type Rank = (q: Question, mode: SearchMode, n: number) => Promise<string[]>;

/** One JSON line per question: the top `depth` ids of each mode, the pool to judge. */
async function printPools(rank: Rank, depth: number): Promise<void> {
  for (const q of questions) {
    const pools: Record<string, string[]> = {};
    for (const mode of MODES) pools[mode] = await rank(q, mode, depth);
    console.log(JSON.stringify({ id: q.id, question: q.question, ...pools }));
  }
}

/** Recall@100 and nDCG@10 of every mode over the judged questions, and the time per question. */
async function evaluate(rank: Rank): Promise<void> {
  console.log(`${questions.length} questions, ${questions.reduce((n, q) => n + Object.keys(q.relevant).length, 0)} judgements, db ${values.db}`);
  const recall = new Map<SearchMode, number>();
  const rows: string[] = [];
  for (const mode of MODES) {
    const r: number[] = [];
    const n: number[] = [];
    const t0 = performance.now();
    for (const q of questions) {
      const ranked = await rank(q, mode, 100);
      const judged = new Map(Object.entries(q.relevant));
      r.push(recallAtK(ranked, judged, 100));
      n.push(ndcgAtK(ranked, judged, 10));
      if (values.verbose) console.log(`  ${mode} ${q.id} R@100=${r.at(-1)!.toFixed(2)} nDCG@10=${n.at(-1)!.toFixed(3)}  ${q.question}`);
    }
    recall.set(mode, mean(r));
    const ms = (performance.now() - t0) / questions.length;
    rows.push(`| ${mode} | ${mean(r).toFixed(3)} | ${mean(n).toFixed(3)} | ${ms.toFixed(1)} |`);
    console.log(`mode ${mode}: Recall@100=${mean(r).toFixed(4)} nDCG@10=${mean(n).toFixed(4)} (${ms.toFixed(1)} ms per question)`);
  }
  console.log(`hybrid/keyword Recall@100 = ${(recall.get('hybrid')! / recall.get('keyword')!).toFixed(2)} (target ≥ 1.3)`);
  console.log(['', '| mode | Recall@100 | nDCG@10 | ms/question |', '|---|---|---|---|', ...rows].join('\n'));
}
