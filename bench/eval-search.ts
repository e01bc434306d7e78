/**
 * Search quality on a BEIR-format set, through the same migrations and search code as the app.
 *
 *   npm run eval:search -- --corpus C --queries Q --qrels R [--mode bm25,vector,hybrid]
 *                          [--db sqlite|postgres] [--weights 2,1,1] [--model DIR]
 *                          [--epochs N] [--fusion blend|rrf] [--alpha 0.3] [--keyword-gate on|off] [--rrf-k 60] [--vector-weight 1]
 *
 * Indexes `corpus.jsonl[.gz]` ({_id, title, text}) as papers (arxiv_id = _id) in a scratch
 * database, runs every query that has judgements, and prints for each mode a line
 * `nDCG@10=<x> Recall@100=<y>` (the last line is the last mode's). `vector` and `hybrid` first
 * train the embedding model on the corpus itself (as `paperboy embed train` does on a site's
 * papers), or load a trained one from `--model`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { builtinProvider } from '../src/embed/embedding-provider';
import { loadModel, saveModel } from '../src/embed/model-file';
import { trainEmbeddingModel } from '../src/embed/train-embedding-model';
import { createVectorSearch, type VectorSearch } from '../src/embed/vector-search';
import { HYBRID, rankByVector, rankHybrid } from '../src/features/rank-hybrid';
import { silentLogger } from '../src/log';
import { sql } from 'kysely';
import type { Db } from '../src/storage/database';
import type { KeywordSearch } from '../src/storage/search/keyword-search';
import { createPostgresSearch } from '../src/storage/search/postgres-fts';
import { createSqliteSearch } from '../src/storage/search/sqlite-fts5';
import { mean, ndcgAtK, parseQrels, recallAtK } from './lib/metrics';
import { readJsonl } from './lib/jsonl';
import type { PaperInput } from '../src/domain/paper';
import { upsertPapers } from '../src/storage/repos/paper-writes';
import { createTempDatabase } from './lib/temp-database';

const MODES = ['bm25', 'vector', 'hybrid'] as const;
type Mode = (typeof MODES)[number];

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    queries: { type: 'string' },
    qrels: { type: 'string' },
    mode: { type: 'string', default: 'bm25' },
    db: { type: 'string', default: 'sqlite' },
    weights: { type: 'string' },
    model: { type: 'string' },
    epochs: { type: 'string', default: '3' },
    'rrf-k': { type: 'string' },
    'vector-weight': { type: 'string' },
    fusion: { type: 'string' },
    alpha: { type: 'string' },
    'keyword-gate': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`eval-search: ${message}`);
  console.error('usage: npm run eval:search -- --corpus corpus.jsonl.gz --queries queries.jsonl --qrels qrels.tsv [--mode bm25] [--db sqlite|postgres]');
  process.exit(2);
}

for (const key of ['corpus', 'queries', 'qrels'] as const) {
  const file = values[key];
  if (!file) fail(`--${key} is required`);
  if (!fs.existsSync(file)) fail(`--${key} ${file}: no such file`);
}
if (values['keyword-gate'] !== undefined && !['on', 'off'].includes(values['keyword-gate'])) fail('--keyword-gate must be on or off');
const modes = values.mode!.split(',').map((m) => m.trim()) as Mode[];
for (const m of modes) if (!MODES.includes(m)) fail(`unknown mode "${m}" (known: ${MODES.join(', ')})`);
if (values.db !== 'sqlite' && values.db !== 'postgres') fail('--db must be sqlite or postgres');
const weights = values.weights?.split(',').map(Number);
if (weights && (weights.length !== 3 || weights.some((w) => !(w >= 0)))) fail('--weights needs three numbers: title,abstract,authors');

const db = await createTempDatabase(values.db);
try {
  const t0 = performance.now();
  const docs = await indexCorpus(db, values.corpus!);
  // As after any bulk import: the planner's statistics feed PostgreSQL's document frequencies.
  if (db.dialect === 'postgres') await sql`analyze papers`.execute(db.kysely);
  console.log(`indexed ${docs.size} documents on ${db.dialect} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const qrels = parseQrels(fs.readFileSync(values.qrels!, 'utf8'));
  const queries = new Map<string, string>();
  for await (const q of readJsonl<{ _id: string; text: string }>(values.queries!)) queries.set(String(q._id), q.text);
  const judged = [...qrels.keys()].filter((id) => queries.has(id));
  if (judged.length === 0) fail('no query in --queries has judgements in --qrels');

  const search = engine(db);
  const vectors = modes.some((m) => m !== 'bm25') ? await trainedVectors(db, values.corpus!) : null;
  const settings = { ...HYBRID, k: Number(values['rrf-k'] ?? HYBRID.k), vectorWeight: Number(values['vector-weight'] ?? HYBRID.vectorWeight),
  fusion: (values.fusion ?? HYBRID.fusion) as 'rrf' | 'blend', alpha: Number(values.alpha ?? HYBRID.alpha),
  isKeywordGated: values['keyword-gate'] === undefined ? HYBRID.isKeywordGated : values['keyword-gate'] === 'on' };
console.log(`hybrid: ${JSON.stringify(settings)}`);
  for (const mode of modes) {
    const ndcg: number[] = [];
    const recall: number[] = [];
    const t1 = performance.now();
    for (const id of judged) {
      const text = queries.get(id)!;
      const ids = mode === 'bm25'
        ? (await search.search({ text, filters: {}, sort: 'relevance', offset: 0, limit: 100 })).hits.map((h) => h.paperId)
        : mode === 'vector'
          ? (await rankByVector(db, vectors!, text, {}, 100))!
          : (await rankHybrid({ db, search, vectors: vectors! }, text, {}, 100, settings))!.ids;
      const ranked = ids.map((i) => docs.get(i)!);
      ndcg.push(ndcgAtK(ranked, qrels.get(id)!, 10));
      recall.push(recallAtK(ranked, qrels.get(id)!, 100));
    }
    const ms = (performance.now() - t1) / judged.length;
    console.log(`mode ${mode} on ${db.dialect}: ${judged.length} queries, ${ms.toFixed(1)} ms per query`);
    console.log(`nDCG@10=${mean(ndcg).toFixed(4)} Recall@100=${mean(recall).toFixed(4)}`);
  }
} finally {
  await db.drop();
}

/** A vector search over the scratch database: the --model directory, or a model trained on the corpus here. */
async function trainedVectors(db: Db, corpusFile: string): Promise<VectorSearch> {
  const dir = values.model ?? fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-eval-embed-'));
  if (!values.model) {
    const papers: Array<{ title: string; abstract: string | null }> = [];
    for await (const d of readJsonl<{ title?: string; text?: string }>(corpusFile)) papers.push({ title: d.title ?? '', abstract: d.text ?? null });
    const t0 = performance.now();
    const { model, losses } = trainEmbeddingModel(papers, { epochs: Number(values.epochs), threads: 2 });
    saveModel(dir, model, { seed: 1, epochs: losses.length, papers: papers.length, trainedAt: 'eval' });
    console.log(`trained the embedding model on ${papers.length} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s (losses ${losses.map((l) => l.toFixed(3)).join(' ')})`);
  }
  const vectors = createVectorSearch({ db, dir: fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-eval-index-')), log: silentLogger, provider: builtinProvider(loadModel(dir).model, 'eval') });
  const n = await vectors.rebuild();
  console.log(`vector index: ${n} documents (model ${values.model ?? 'trained on the corpus'})`);
  return vectors;
}

function engine(db: Db): KeywordSearch {
  if (db.dialect === 'postgres') return createPostgresSearch(db);
  return createSqliteSearch(db, weights ? { weights: { title: weights[0]!, abstract: weights[1]!, authors: weights[2]! } } : {});
}

/** A BEIR document as a paper: its _id in place of the arXiv id, every other field empty. */
function corpusPaper(d: { _id: string; title?: string; text?: string }): PaperInput {
  return {
    arxivId: String(d._id), title: d.title ?? '', abstract: d.text ?? null, authors: [], publishedAt: '2020-01-01T00:00:00.000Z',
    isPublishedApprox: false, categories: [], githubRepo: null, githubStars: null, projectPage: null, withdrawnAt: null,
    aiSummary: null, aiKeywords: null,
  };
}

/** Inserts the corpus as papers in batches; returns internal id → corpus _id. */
async function indexCorpus(db: Db, file: string): Promise<Map<number, string>> {
  let batch: Array<{ _id: string; title?: string; text?: string }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    // The importer's own write path; BEIR ids are not arXiv ids, so the record parser is skipped.
    const writes = batch.map((d) => ({ fields: corpusPaper(d), contentHash: '' }));
    await db.kysely.transaction().execute((trx) => upsertPapers({ ...db, kysely: trx }, writes, '2020-01-01T00:00:00.000Z'));
    batch = [];
  };
  for await (const doc of readJsonl<{ _id: string; title?: string; text?: string }>(file)) {
    batch.push(doc);
    if (batch.length >= 500) await flush();
  }
  await flush();
  const rows = await db.kysely.selectFrom('papers').select(['id', 'arxiv_id']).execute();
  return new Map(rows.map((r) => [r.id, r.arxiv_id]));
}
