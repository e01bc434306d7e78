import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { Deps } from '../deps';
import { openAiProvider } from '../embed/openai-provider';
import { INDEX_FILE, createVectorSearch } from '../embed/vector-search';
import { VectorIndex } from '../embed/vector-index';
import { searchPapers } from '../features/search-papers';
import type { Logger } from '../log';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertPaper } from '../../test/factories';
import { startEmbeddingsServer, TEST_EMBEDDING_DIM, type EmbeddingsServer } from '../../test/openai-embeddings-server';
import { tinyCorpus, type TinyPaper } from '../../test/tiny-corpus';
import { TINY_CATEGORY } from '../../test/tiny-vectors';

const corpus = tinyCorpus(8);

/** Search by meaning with vectors from an OpenAI-compatible endpoint (a local test server), through the app. */
describe.each(DIALECTS)('search by meaning with an OpenAI-compatible endpoint on %s', (dialect) => {
  let server: EmbeddingsServer;
  let deps: Deps & { db: TestDb };
  let app: ReturnType<typeof createApp>;
  let dir: string;
  const warnings: string[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (m) => void warnings.push(m), error() {} };
  const topicOf = new Map<string, TinyPaper['topic']>();
  const ids = async (res: Response) => ((await res.json()) as Array<{ paper?: { id: string }; id?: string }>).map((i) => i.paper?.id ?? i.id!);

  beforeAll(async () => {
    server = await startEmbeddingsServer({ apiKey: 'sk-local' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-openai-vectors-'));
    deps = await createTestDeps(dialect, undefined, {
      EMBED_PROVIDER: 'openai', EMBED_OPENAI_URL: server.url, EMBED_OPENAI_MODEL: 'test-embed', EMBED_OPENAI_API_KEY: 'sk-local', EMBED_DIR: dir,
    });
    for (const [i, p] of corpus.entries()) {
      const arxivId = `2501.${String(40000 + i)}`;
      topicOf.set(arxivId, p.topic);
      await insertPaper(deps.db, { arxivId, title: p.title, abstract: p.abstract, categories: [TINY_CATEGORY[p.topic]] });
    }
    // The provider as configured, with pauses that end at once (the provider's own tests check them).
    const provider = openAiProvider({ ...deps.config.embedOpenAi!, retries: 1, sleep: async () => {} });
    deps = { ...deps, vectors: createVectorSearch({ db: deps.db, dir, log, provider, retryQuerySeconds: 0 }) };
    expect(await deps.vectors!.rebuild()).toBe(corpus.length);
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.db.drop();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes every paper with the endpoint, under a name that says which model', async () => {
    const index = VectorIndex.load(path.join(dir, INDEX_FILE))!;
    expect(index.size).toBe(corpus.length);
    expect(index.info).toMatchObject({ dim: TEST_EMBEDDING_DIM, model: `openai:test-embed@${new URL(server.url).host}` });
    expect(server.requests.every((r) => r.authorization === 'Bearer sk-local')).toBe(true);
  });

  it('answers vector and hybrid searches through the API with papers of the query topic', async () => {
    for (const mode of ['vector', 'hybrid']) {
      const res = await app.request(`/api/papers/search?q=${encodeURIComponent('how a robot gripper can grasp with its arm')}&mode=${mode}&limit=5`);
      expect(res.status).toBe(200);
      expect((await ids(res)).map((id) => topicOf.get(id))).toEqual(Array(5).fill('robots'));
    }
    expect((await searchPapers(deps, { q: 'protein folding', mode: 'vector' })).mode).toBe('vector');
  });

  it('lists similar papers by the endpoint vectors', async () => {
    const res = await app.request('/api/papers/2501.40001/similar');
    expect(res.status).toBe(200);
    const similar = await ids(res);
    expect(similar).toHaveLength(10);
    expect(similar).not.toContain('2501.40001');
    expect(similar.slice(0, 5).map((id) => topicOf.get(id))).toEqual(Array(5).fill(topicOf.get('2501.40001')));
  });

  it('answers with keyword results, not an error, while the endpoint is down, and with vectors again after', async () => {
    server.isDown = true;
    warnings.length = 0;
    const q = encodeURIComponent('robot gripper');
    const asked = server.requests.length;
    const down = await app.request(`/api/papers/search?q=${q}&mode=vector&limit=5`);
    expect(down.status).toBe(200);
    expect(server.requests.length).toBe(asked + 1); // one try: a reader is waiting
    const keyword = await app.request(`/api/papers/search?q=${q}&mode=keyword&limit=5`);
    expect(await ids(down)).toEqual(await ids(keyword));
    expect((await app.request(`/api/papers/search?q=${q}&limit=5`)).status).toBe(200);
    expect((await app.request(`/search?q=${q}`)).status).toBe(200);
    expect((await searchPapers(deps, { q: 'robot gripper' })).mode).toBe('keyword');
    expect(warnings.some((w) => /vector search skipped .*answered 503: model is loading/.test(w))).toBe(true);
    // Similar papers of an indexed paper need no endpoint: its vector is in the index.
    expect((await app.request('/api/papers/2501.40001/similar')).status).toBe(200);
    server.isDown = false;
    expect((await searchPapers(deps, { q: 'robot gripper', mode: 'vector' })).mode).toBe('vector');
  });
});
