import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { Deps } from '../deps';
import { builtinProvider, type EmbeddingProvider } from '../embed/embedding-provider';
import { createVectorSearch, type VectorSearch } from '../embed/vector-search';
import { silentLogger } from '../log';
import { searchPapers } from '../features/search-papers';
import { paperPath } from '../web/format';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertPaper } from '../../test/factories';
import { holdPaperInsert } from '../../test/held-paper-insert';
import { tinyCorpus, type TinyPaper } from '../../test/tiny-corpus';
import { TINY_CATEGORY, tinyVectorSearch, trainTinyModel } from '../../test/tiny-vectors';

const corpus = tinyCorpus(15);
const model = trainTinyModel(corpus);

describe.each(DIALECTS)('search by meaning on %s', (dialect) => {
  let deps: Deps & { db: TestDb };
  let app: ReturnType<typeof createApp>;
  let dir: string;
  const topicOf = new Map<string, TinyPaper['topic']>();
  const vectorsIn = (d: string): VectorSearch => tinyVectorSearch(deps.db, d, model);

  beforeAll(async () => {
    deps = await createTestDeps(dialect);
    for (const [i, p] of corpus.entries()) {
      const arxivId = `2501.${String(20000 + i)}`;
      topicOf.set(arxivId, p.topic);
      await insertPaper(deps.db, { arxivId, title: p.title, abstract: p.abstract, categories: [TINY_CATEGORY[p.topic]] });
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-vectors-'));
    deps = { ...deps, vectors: vectorsIn(dir) };
    await deps.vectors!.rebuild();
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a sentence-long question with papers of its topic (hybrid through the API)', async () => {
    const q = encodeURIComponent('which papers study how an enzyme binds a ligand molecule');
    const res = await app.request(`/api/papers/search?q=${q}&limit=5`);
    expect(res.status).toBe(200);
    const items = (await res.json()) as Array<{ paper: { id: string } }>;
    expect(items).toHaveLength(5);
    expect(items.map((i) => topicOf.get(i.paper.id))).toEqual(Array(5).fill('proteins'));
  });

  it('runs hybrid by default and vector or keyword on request, with the same filters', async () => {
    const hybrid = await searchPapers(deps, { q: 'robot arm', perPage: 10 });
    expect(hybrid.mode).toBe('hybrid');
    const vector = await searchPapers(deps, { q: 'robot arm', mode: 'vector', perPage: 10, filters: { category: 'cs.CV' } });
    expect(vector.mode).toBe('vector');
    expect(vector.results.length).toBeGreaterThan(0);
    expect(vector.results.every((r) => topicOf.get(r.paper.arxivId) === 'vision')).toBe(true);
    expect((await app.request('/api/papers/search?q=robot&mode=semantic')).status).toBe(400);
    expect((await app.request('/api/papers/search?q=robot%20arm&mode=vector')).status).toBe(200);
    const keyword = await searchPapers(deps, { q: 'robot arm', mode: 'keyword' });
    expect(keyword.mode).toBe('keyword');
    await expect(searchPapers(deps, { q: 'x', mode: 'semantic' })).rejects.toThrow(/mode must be one of/);
  });

  it('offers the ranking on the search page: words and meaning by default, exact words, or meaning only', async () => {
    const html = async (query: string) => {
      const res = await app.request(`/search?${query}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    const byDefault = await html('q=robot+arm');
    expect(byDefault).toContain('<option value="" selected="">Words &amp; meaning</option>');
    expect(byDefault).not.toContain('Search by meaning is not available');
    const meaning = await html('q=robot+arm&mode=vector');
    expect(meaning).toContain('<option value="vector" selected="">Meaning only</option>');
    // Sort links and the feed: the links keep the mode, the feed (new papers by words) does not.
    expect(meaning).toContain('href="/search?q=robot+arm&amp;sort=newest&amp;mode=vector"');
    expect(meaning).toMatch(/href="\/feeds\/search\.rss\?q=robot\+arm"/);
    const ranked = (page: string) => [...page.matchAll(/<h2><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]);
    const vectorIds = (await searchPapers(deps, { q: 'robot arm', mode: 'vector', perPage: 20 })).results.map((r) => r.paper.arxivId);
    expect(ranked(meaning)).toEqual(vectorIds);
    const words = await html('q=robot+arm&mode=keyword');
    expect(words).toContain('<option value="keyword" selected="">Exact words</option>');
    expect(ranked(words)).toEqual((await searchPapers(deps, { q: 'robot arm', mode: 'keyword', perPage: 20 })).results.map((r) => r.paper.arxivId));
    // Meaning cannot order by date: the page says what it shows instead.
    expect(await html('q=robot+arm&mode=vector&sort=newest')).toContain('these are the papers that match your words; choose Best match');
    const bad = await app.request('/search?q=robot&mode=semantic');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('mode must be hybrid, keyword or vector');
    // Without vector search configured there is nothing to choose.
    expect(await (await createApp({ ...deps, vectors: undefined }).request('/search?q=robot+arm')).text()).not.toContain('name="mode"');
  });

  it('builds a missing index in the background, keyword-only meanwhile', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-vectors-'));
    // The build waits for the gate, so the page below is rendered while it is surely still running
    // (15 papers otherwise embed before the page is asked for).
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const tiny = builtinProvider(model, 'tiny');
    const held: EmbeddingProvider = {
      ...tiny,
      embed: async (texts) => {
        await gate;
        return tiny.embed(texts);
      },
    };
    const fresh = createVectorSearch({ db: deps.db, dir: elsewhere, log: silentLogger, provider: held });
    expect(await fresh.ready()).toBe(false);
    expect((await searchPapers({ ...deps, vectors: fresh }, { q: 'robot arm' })).mode).toBe('keyword');
    const page = await (await createApp({ ...deps, vectors: fresh }).request('/search?q=robot+arm')).text();
    expect(page).toContain('Search by meaning is not available on this server right now (its index may still be building)');
    expect(await fresh.ready()).toBe(false);
    openGate();
    for (let i = 0; i < 100 && !(await fresh.ready()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await fresh.ready()).toBe(true);
    expect(fs.existsSync(path.join(elsewhere, 'papers.usearch'))).toBe(true);
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('finds papers added after the index was built, and the index survives a restart', async () => {
    expect(await deps.vectors!.ready()).toBe(true);
    const id = await insertPaper(deps.db, { arxivId: '2502.00001', title: 'protein folding enzyme residue', abstract: 'amino peptide ligand binding structure molecule', categories: ['q-bio.BM'] });
    expect(await deps.vectors!.catchUp()).toBe(1);
    const query = 'protein folding enzyme residue amino peptide';
    expect((await deps.vectors!.nearest(query, 8))!.map((h) => h.paperId)).toContain(id);
    await deps.vectors!.rebuild(); // saves the index file
    // A rebuilt graph may order near-ties differently from the one grown by catch-up (the search
    // is approximate), so the restart is compared with the index that was saved.
    const before = await deps.vectors!.nearest(query, 8);
    const restarted = vectorsIn(dir);
    const after = await restarted.nearest(query, 8);
    expect(after!.map((h) => h.paperId)).toContain(id);
    expect(after!.map((h) => h.paperId)).toEqual(before!.map((h) => h.paperId));
    expect(await restarted.catchUp()).toBe(0);
  });

  it('lists similar papers: 10 of the same topic, itself excluded; 404 unknown, 400 malformed', async () => {
    const res = await app.request('/api/papers/2501.20002/similar');
    expect(res.status).toBe(200);
    const items = (await res.json()) as Array<{ id: string }>;
    expect(items).toHaveLength(10);
    expect(items.map((i) => i.id)).not.toContain('2501.20002');
    expect(items.filter((i) => topicOf.get(i.id) === topicOf.get('2501.20002')).length).toBeGreaterThanOrEqual(9);
    expect((await app.request('/api/papers/2501.99999/similar')).status).toBe(404);
    expect((await app.request('/api/papers/not-an-id/similar')).status).toBe(400);
  });

  it('shows a "Similar papers" section on the paper page', async () => {
    const res = await app.request(paperPath('2501.20002'));
    expect(res.status).toBe(200);
    const html = await res.text();
    const section = html.slice(html.indexOf('id="similar-papers-heading"'));
    expect(section).toContain('Similar papers');
    expect((section.match(/<li><a href="\/papers\//g) ?? []).length).toBe(10);
  });

  it('falls back to keyword matches of the title without a vector index', async () => {
    const plain = createApp({ ...deps, vectors: undefined });
    const res = await plain.request('/api/papers/2501.20002/similar');
    expect(res.status).toBe(200);
    const items = (await res.json()) as Array<{ id: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i.id)).not.toContain('2501.20002');
    const result = await searchPapers({ ...deps, vectors: undefined }, { q: 'robot arm', mode: 'hybrid' });
    expect(result.mode).toBe('keyword');
  });

  // PostgreSQL hands out ids at insert time, so imports can commit out of order (paper-arrivals.ts).
  it.runIf(dialect === 'postgres')('catches up with a paper whose insert commits after a later paper’s, instead of skipping it', async () => {
    // Texts of the tiny corpus, so that both papers have words the model knows (and so a vector).
    const slow = await holdPaperInsert(deps.db, '2502.00101', corpus[0]!.title, corpus[0]!.abstract);
    try {
      const quick = await insertPaper(deps.db, { arxivId: '2502.00102', title: corpus[1]!.title, abstract: corpus[1]!.abstract });
      const catching = deps.vectors!.catchUp();
      await new Promise((r) => setTimeout(r, 300));
      await slow.commit();
      expect(await catching).toBe(2);
      expect(await deps.vectors!.catchUp()).toBe(0);
      // Both are in the index (vectorsOf embeds only papers above the catch-up marker on the fly).
      expect([...(await deps.vectors!.vectorsOf([slow.id, quick]))!.keys()].sort()).toEqual([slow.id, quick].sort());
    } finally {
      await slow.commit();
    }
  });
});
