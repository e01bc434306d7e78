/**
 * Known-item search on the Daily Papers subset: every paper is indexed WITHOUT its title, and its
 * title is the query; the paper itself is the one right answer. Shows whether vector and hybrid
 * search keep precise lookups that keyword search is good at.
 *
 *   npx tsx bench/eval-known-item.ts [--papers ../shared/data/papers-hf.jsonl.gz] [--mode bm25,vector,hybrid]
 *                                    [--model DIR] [--db sqlite|postgres] [--limit N] [--fusion blend|rrf] [--alpha A] [--keyword-gate on|off]
 *
 * `--model` is a model from `paperboy embed train` (needed for vector and hybrid); note that a
 * model trained on a corpus holding these papers has seen their title ↔ abstract pairs, as a
 * site's own model has. Papers without an abstract (927 of 12,705) are indexed but not asked
 * for, since without title and abstract nothing is left to find them by (`--include-empty`
 * asks for them too). Prints `MRR@10=<x> Recall@100=<y>` per mode.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PaperInput } from '../src/domain/paper';
import { builtinProvider } from '../src/embed/embedding-provider';
import { loadModel } from '../src/embed/model-file';
import { createVectorSearch } from '../src/embed/vector-search';
import { HYBRID, rankByVector, rankHybrid } from '../src/features/rank-hybrid';
import { silentLogger } from '../src/log';
import { upsertPapers } from '../src/storage/repos/paper-writes';
import { createKeywordSearch } from '../src/storage/search/create-keyword-search';
import { readJsonl } from './lib/jsonl';
import { mean, reciprocalRankAtK } from './lib/metrics';
import { createTempDatabase } from './lib/temp-database';
import { DATA } from './lib/bench-databases';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: path.join(DATA, 'papers-hf.jsonl.gz') },
    mode: { type: 'string', default: 'bm25' },
    model: { type: 'string' },
    db: { type: 'string', default: 'sqlite' },
    limit: { type: 'string' },
    fusion: { type: 'string' },
    alpha: { type: 'string' },
    'keyword-gate': { type: 'string' },
    'include-empty': { type: 'boolean', default: false },
  },
});
if (values['keyword-gate'] !== undefined && !['on', 'off'].includes(values['keyword-gate'])) throw new Error('--keyword-gate must be on or off');
const modes = values.mode!.split(',');
const settings = {
  ...HYBRID,
  fusion: (values.fusion ?? HYBRID.fusion) as 'rrf' | 'blend',
  alpha: Number(values.alpha ?? HYBRID.alpha),
  isKeywordGated: values['keyword-gate'] === undefined ? HYBRID.isKeywordGated : values['keyword-gate'] === 'on',
};
for (const m of modes) if (!['bm25', 'vector', 'hybrid'].includes(m)) throw new Error(`unknown mode ${m}`);
if (modes.some((m) => m !== 'bm25') && !values.model) throw new Error('--model DIR is needed for vector and hybrid');
if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db must be sqlite or postgres');

type Source = { id: string; title: string; abstract: string | null; authors?: string[]; published?: string };
const papers: Source[] = [];
for await (const p of readJsonl<Source>(values.papers!)) {
  papers.push(p);
  if (values.limit && papers.length >= Number(values.limit)) break;
}

const db = await createTempDatabase(values.db);
try {
  const t0 = performance.now();
  for (let i = 0; i < papers.length; i += 500) {
    const writes = papers.slice(i, i + 500).map((p) => ({ fields: untitled(p), contentHash: '' }));
    await db.kysely.transaction().execute((trx) => upsertPapers({ ...db, kysely: trx }, writes, '2020-01-01T00:00:00.000Z'));
  }
  const rows = await db.kysely.selectFrom('papers').select(['id', 'arxiv_id']).execute();
  const arxivOf = new Map(rows.map((r) => [Number(r.id), r.arxiv_id]));
  console.log(`indexed ${rows.length} papers without titles on ${db.dialect} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const search = createKeywordSearch(db);
  const vectors = values.model
    ? createVectorSearch({ db, dir: fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-known-item-')), log: silentLogger, provider: builtinProvider(loadModel(values.model).model, 'eval') })
    : null;
  if (vectors) console.log(`vector index: ${await vectors.rebuild()} papers`);
  const asked = values['include-empty'] ? papers : papers.filter((p) => (p.abstract ?? '').trim() !== '');
  for (const mode of modes) {
    const rr: number[] = [];
    const hit: number[] = [];
    const t1 = performance.now();
    for (const p of asked) {
      const ids = mode === 'bm25'
        ? (await search.search({ text: p.title, filters: {}, sort: 'relevance', offset: 0, limit: 100 })).hits.map((h) => h.paperId)
        : mode === 'vector'
          ? (await rankByVector(db, vectors!, p.title, {}, 100))!
          : (await rankHybrid({ db, search, vectors: vectors! }, p.title, {}, 100, settings))!.ids;
      const ranked = ids.map((i) => arxivOf.get(i)!);
      rr.push(reciprocalRankAtK(ranked, p.id, 10));
      hit.push(ranked.slice(0, 100).includes(p.id) ? 1 : 0);
    }
    console.log(`mode ${mode}: ${asked.length} queries, ${((performance.now() - t1) / asked.length).toFixed(1)} ms per query`);
    console.log(`MRR@10=${mean(rr).toFixed(4)} Recall@100=${mean(hit).toFixed(4)}`);
  }
} finally {
  await db.drop();
}

function untitled(p: Source): PaperInput {
  return {
    arxivId: p.id, title: '', abstract: p.abstract, authors: p.authors ?? [], publishedAt: `${p.published ?? '2024-01-01'}T00:00:00.000Z`,
    isPublishedApprox: false, categories: [], githubRepo: null, githubStars: null, projectPage: null, withdrawnAt: null, aiSummary: null, aiKeywords: null,
  };
}
