import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/databases';
import { insertPaper } from '../../../test/factories';
import { createKeywordSearch } from './create-keyword-search';
import { createPostgresSearch } from './postgres-fts';
import { createSqliteSearch } from './sqlite-fts5';
import type { KeywordSearch, SearchRequest } from './keyword-search';
import { HOSTILE_QUERIES } from './hostile-queries';

const FILLER = 'We report experiments on several benchmarks and release our code for others.';

describe.each(DIALECTS)('keyword search on %s', (dialect) => {
  let db: TestDb;
  let search: KeywordSearch;
  const ids: Record<string, number> = {};
  const run = (text: string, over: Partial<SearchRequest> = {}) =>
    search.search({ text, filters: {}, sort: 'relevance', offset: 0, limit: 20, ...over });
  const hitIds = async (text: string, over: Partial<SearchRequest> = {}) => (await run(text, over)).hits.map((h) => h.paperId);

  beforeAll(async () => {
    db = await createTestDb(dialect);
    search = createKeywordSearch(db);
    const papers: Record<string, Parameters<typeof insertPaper>[1]> = {
      titleMatch: { title: 'Transformers for Machine Translation', abstract: `A new architecture. ${FILLER}`, publishedAt: '2024-03-01T00:00:00.000Z', upvotes: 5, categories: ['cs.CL'] },
      abstractMatch: { title: 'A New Architecture for Translation', abstract: `We build on transformers. ${FILLER}`, publishedAt: '2025-06-01T00:00:00.000Z', upvotes: 50, categories: ['cs.LG', 'cs.CL'], githubRepo: 'https://github.com/a/b' },
      stateSpace: { title: 'Efficient State Space Models', abstract: `Mamba is a selective state space model. ${FILLER}`, publishedAt: '2024-12-01T00:00:00.000Z', upvotes: 20, categories: ['cs.LG'] },
      spaceOfStates: { title: 'Exploring the space of all states', abstract: `Exploration in reinforcement learning. ${FILLER}`, publishedAt: '2023-05-05T00:00:00.000Z', upvotes: 1, categories: ['cs.AI'] },
      imageDiffusion: { title: 'Diffusion models for image synthesis', abstract: `Denoising diffusion for images. ${FILLER}`, publishedAt: '2024-07-07T00:00:00.000Z', upvotes: 30, categories: ['cs.CV'], githubRepo: 'https://github.com/c/d' },
      videoDiffusion: { title: 'Diffusion models for video generation', abstract: `Temporal diffusion for video. ${FILLER}`, publishedAt: '2025-01-02T00:00:00.000Z', upvotes: 10, categories: ['cs.CV'] },
      modeling: { title: 'Modeling language with graphs', abstract: `Graph neural networks model syntax. ${FILLER}`, publishedAt: '2025-02-02T00:00:00.000Z', upvotes: 3, categories: ['cs.CL'] },
      gpt4: { title: 'Evaluating GPT-4 on math word problems', abstract: `We test GPT-4 and others. ${FILLER}`, publishedAt: '2024-04-04T00:00:00.000Z', upvotes: 7, categories: ['cs.CL'] },
      author: { title: 'Analytical engines', abstract: `Notes on engines. ${FILLER}`, authors: ['Charles Babbage', 'Ada Lovelace'], publishedAt: '2022-01-01T00:00:00.000Z', upvotes: 2, categories: [] },
      kazakh: { title: 'Kazakh question answering', abstract: `A Kazakh dataset. ${FILLER}`, publishedAt: '2024-09-09T00:00:00.000Z', upvotes: 4, categories: ['cs.CL'] },
      noAbstract: { title: 'Quantum annealing without abstract', abstract: null, publishedAt: '2024-10-10T00:00:00.000Z', categories: ['quant-ph'] },
    };
    for (const [key, over] of Object.entries(papers)) ids[key] = await insertPaper(db, over);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('ranks a title match above an abstract-only match', async () => {
    const hits = await hitIds('transformers');
    expect(hits).toEqual([ids.titleMatch, ids.abstractMatch]);
    const page = await run('transformers');
    expect(page.total).toBe(2);
    expect(page.isTotalExact).toBe(true);
    expect(page.hits[0]!.score).toBeGreaterThan(page.hits[1]!.score);
  });

  it('stems words', async () => {
    expect((await hitIds('modelling graph'))[0]).toBe(ids.modeling);
    expect(await hitIds('modelling', { sort: 'newest' })).toEqual([ids.modeling, ids.videoDiffusion, ids.stateSpace, ids.imageDiffusion]);
    expect(await hitIds('translations')).toContain(ids.titleMatch);
  });

  it('matches phrases only when adjacent, and compounds as typed', async () => {
    expect(await hitIds('"state space"')).toEqual([ids.stateSpace]);
    expect(await hitIds('GPT-4')).toEqual([ids.gpt4]);
  });

  it('excludes words and phrases', async () => {
    expect(await hitIds('diffusion -video')).toEqual([ids.imageDiffusion]);
    expect(await hitIds('diffusion -"temporal diffusion"')).toEqual([ids.imageDiffusion]);
  });

  it('searches authors', async () => {
    expect(await hitIds('babbage')).toEqual([ids.author]);
  });

  it('requires every term when that finds enough, else falls back to any term', async () => {
    // "diffusion models" has 2 all-term matches (< 5), so it widens to any term; the
    // papers with both words still come first.
    const hits = await hitIds('diffusion models');
    expect(hits.slice(0, 2).sort()).toEqual([ids.imageDiffusion, ids.videoDiffusion].sort());
    expect(hits.length).toBeGreaterThan(2);
    // Under a non-relevance sort, any all-term match is kept as is.
    expect((await hitIds('diffusion models', { sort: 'newest' }))).toEqual([ids.videoDiffusion, ids.imageDiffusion]);
    expect(await hitIds('kazakh transformers', { sort: 'newest' })).toEqual([ids.abstractMatch, ids.kazakh, ids.titleMatch]);
  });

  it('treats sentences as any-term queries ranked by relevance', async () => {
    const hits = await hitIds('Which papers use a selective state space model like Mamba for long sequences?');
    expect(hits[0]).toBe(ids.stateSpace);
  });

  it('filters by dates, category and code', async () => {
    expect(await hitIds('diffusion', { filters: { from: '2025-01-01' } })).toEqual([ids.videoDiffusion]);
    expect(await hitIds('diffusion', { filters: { to: '2024-07-07' } })).toEqual([ids.imageDiffusion]);
    expect(await hitIds('diffusion', { filters: { from: '2024-07-08', to: '2025-01-01' } })).toEqual([]);
    expect(await hitIds('transformers', { filters: { category: 'cs.LG' } })).toEqual([ids.abstractMatch]);
    expect(await hitIds('diffusion', { filters: { hasCode: true } })).toEqual([ids.imageDiffusion]);
    // Arrived after one paper and up to another (saved-search alerts), with text and without.
    const range = { after: ids.imageDiffusion!, through: ids.modeling! };
    expect(await hitIds('diffusion', { filters: { idRange: range }, sort: 'newest' })).toEqual([ids.videoDiffusion]);
    expect(await hitIds('diffusion', { filters: { idRange: { after: ids.videoDiffusion!, through: ids.noAbstract! } } })).toEqual([]);
    expect(await hitIds('', { filters: { idRange: range }, sort: 'newest' })).toEqual([ids.modeling, ids.videoDiffusion]);
  });

  it('sorts by newest and by upvotes', async () => {
    expect(await hitIds('transformers', { sort: 'newest' })).toEqual([ids.abstractMatch, ids.titleMatch]);
    expect(await hitIds('diffusion', { sort: 'upvotes' })).toEqual([ids.imageDiffusion, ids.videoDiffusion]);
  });

  it('pages with a stable total', async () => {
    const all = await hitIds('benchmarks');
    expect(all.length).toBe(10);
    const first = await run('benchmarks', { limit: 4 });
    const second = await run('benchmarks', { limit: 4, offset: 4 });
    const last = await run('benchmarks', { limit: 4, offset: 8 });
    expect(first.total).toBe(10);
    expect([...first.hits, ...second.hits, ...last.hits].map((h) => h.paperId)).toEqual(all);
    expect((await run('benchmarks', { offset: 500 })).hits).toEqual([]);
  });

  it('lists by sort when there is no text but there are filters, and nothing otherwise', async () => {
    expect(await run('')).toEqual({ total: 0, isTotalExact: true, hits: [] });
    expect(await hitIds('', { filters: { category: 'cs.CV' } })).toEqual([ids.videoDiffusion, ids.imageDiffusion]);
    expect(await hitIds('***', { filters: { category: 'cs.CV' }, sort: 'upvotes' })).toEqual([ids.imageDiffusion, ids.videoDiffusion]);
    expect(await hitIds('-video', { filters: { category: 'cs.CV' } })).toEqual([ids.imageDiffusion]);
    expect((await run('', { filters: { hasCode: true } })).total).toBe(2);
  });

  it('finds papers without an abstract', async () => {
    expect(await hitIds('quantum annealing')).toEqual([ids.noAbstract]);
  });

  it('lists broad queries title matches first, newest added first, with a capped total', async () => {
    const limits = { rankLimit: 1, totalCap: 3 };
    const broad = dialect === 'sqlite' ? createSqliteSearch(db, { limits }) : createPostgresSearch(db, { limits });
    const req = (text: string, over: Partial<SearchRequest> = {}): SearchRequest => ({ text, filters: {}, sort: 'relevance', offset: 0, limit: 20, ...over });
    // "architecture": in abstractMatch's title, in titleMatch's abstract only.
    const page = await broad.search(req('architecture'));
    expect(page.hits.map((h) => h.paperId)).toEqual([ids.abstractMatch, ids.titleMatch]);
    expect(page.total).toBe(2);
    expect((await broad.search(req('architecture', { offset: 1, limit: 1 }))).hits.map((h) => h.paperId)).toEqual([ids.titleMatch]);
    const common = await broad.search(req('benchmarks', { limit: 3 }));
    expect(common).toMatchObject({ total: 3, isTotalExact: false });
    expect(common.hits.map((h) => h.paperId)).toEqual([ids.kazakh, ids.author, ids.gpt4]);
    const newest = await broad.search(req('benchmarks', { sort: 'newest', limit: 3, filters: { category: 'cs.CL' } }));
    expect(newest.hits.map((h) => h.paperId)).toEqual([ids.abstractMatch, ids.modeling, ids.kazakh]);
  });

  it.runIf(dialect === 'postgres')('reads broad title matches from the newest papers first, with the same pages as the whole table', async () => {
    const limits = { rankLimit: 1, totalCap: 3 };
    const whole = createPostgresSearch(db, { limits, recentTitleWindow: 0 });
    const req = (text: string, offset: number, limit: number): SearchRequest => ({ text, filters: {}, sort: 'relevance', offset, limit });
    // Windows too small for some pages (the whole table answers those) and large enough for others.
    for (const window of [1, 2, 3, 5, 1000]) {
      const recent = createPostgresSearch(db, { limits, recentTitleWindow: window });
      for (const text of ['benchmarks', 'architecture', 'diffusion', 'language models']) {
        for (const [offset, limit] of [[0, 1], [0, 2], [1, 1], [0, 20], [2, 3]] as const) {
          const expected = (await whole.search(req(text, offset, limit))).hits;
          expect((await recent.search(req(text, offset, limit))).hits, `${text} ${offset}+${limit} window ${window}`).toEqual(expected);
        }
      }
    }
    // The index that makes the newest papers' titles an index-only read (migration 015).
    const index = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'papers_id_title_vector'`.execute(db.kysely);
    expect(index.rows[0]!.n).toBe(1);
  });

  it(`never throws on ${HOSTILE_QUERIES.length} hostile queries`, async () => {
    for (const text of HOSTILE_QUERIES) {
      for (const sort of ['relevance', 'newest'] as const) {
        const page = await run(text, { sort, filters: sort === 'newest' ? { category: 'cs.CL' } : {} });
        expect(page.total, text).toBeGreaterThanOrEqual(0);
        expect(page.hits.length).toBeLessThanOrEqual(20);
      }
    }
  });
});
