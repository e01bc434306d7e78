import path from 'node:path';
import type { Db } from '../storage/database';
import type { Logger } from '../log';
import { findArrivedThroughId } from '../storage/repos/paper-arrivals';
import { findPaperText, listPaperTextsAfter, listPaperTextsByIds } from '../storage/repos/paper-texts-repo';
import { dot } from '../domain/vector-math';
import { builtinProvider, paperEmbeddingText, type EmbeddingProvider } from './embedding-provider';
import { hasModel, loadModel } from './model-file';
import { VectorIndex, type VectorHit } from './vector-index';

/** File name of the paper index inside the embedding directory. */
export const INDEX_FILE = 'papers.usearch';
const CHUNK = 1000;

/**
 * Vector search over the papers, as the app sees it: nothing here throws for a missing model
 * or index — callers get `null` ("not available, use keyword search") and one log line says
 * why. Papers added after the index was built (imports, submissions, another process) are
 * picked up by `catchUp`, which embeds every paper above the index's id marker (up to the arrival
 * mark of storage/repos/paper-arrivals.ts, so out-of-order commits are not skipped); it runs when the
 * index loads and again on use, at most every `catchUpSeconds` (the "hook" for new papers is
 * this marker, so no write path needs to know about vectors). Papers whose text changes on
 * re-import keep their old vector until `paperboy embed index`. A running server keeps the model
 * and index it loaded: restart it after `paperboy embed train` or `embed index`.
 */
export type VectorSearch = {
  /** Loads the model and index if it has not yet; true when vector search is available. */
  ready(): Promise<boolean>;
  /** Papers nearest to a text, nearest first; null when vector search is not available. */
  nearest(text: string, k: number): Promise<VectorHit[] | null>;
  /** Cosine similarity of a text to each given paper (embedded from its stored text); null when not available. */
  similarities(text: string, paperIds: number[]): Promise<Map<number, number> | null>;
  /**
   * The unit vectors of the given papers; null when not available. Papers the index has not
   * caught up with yet are embedded from their stored text; a paper with no known word (no
   * direction) and an unknown id are left out.
   */
  vectorsOf(paperIds: number[]): Promise<Map<number, Float32Array> | null>;
  /** The mean of the indexed papers' vectors (VectorIndex.meanVector); null when not available. */
  meanVector(): Promise<Float32Array | null>;
  /** Papers nearest to a stored paper, itself excluded; null when not available or no such paper. */
  similarTo(paperId: number, k: number): Promise<VectorHit[] | null>;
  /** Embeds and adds the papers the index has not seen; returns how many were added. */
  catchUp(): Promise<number>;
  /** Drops the index and embeds every paper again; returns how many were indexed. */
  rebuild(onProgress?: (done: number) => void): Promise<number>;
};

export type VectorSearchOptions = {
  db: Db;
  /** Directory holding the model files and papers.usearch. */
  dir: string;
  log: Logger;
  /** Overrides the model found in `dir` (tests, other providers). */
  provider?: EmbeddingProvider;
  catchUpSeconds?: number;
  /** Saves the index after a catch-up at most this often. */
  saveSeconds?: number;
  /** After the provider fails a request's embedding, requests skip vectors this long (default 30). */
  retryQuerySeconds?: number;
};

/** A lazily loading VectorSearch over the model and index in `dir`. */
export function createVectorSearch(o: VectorSearchOptions): VectorSearch {
  const file = path.join(o.dir, INDEX_FILE);
  let provider: EmbeddingProvider | null = o.provider ?? null;
  let index: VectorIndex | null = null;
  let loading: Promise<boolean> | null = null;
  let lastLoadAttempt = 0;
  let isModelMissing = false;
  let lastCatchUp = 0;
  let lastSave = 0;
  let catching: Promise<number> | null = null;
  let building: Promise<void> | null = null;

  const load = async (): Promise<boolean> => {
    if (!provider) {
      isModelMissing = !hasModel(o.dir);
      if (isModelMissing) {
        o.log.info(`vector search off: no embedding model in ${o.dir} (run paperboy embed train); search is keyword-only`);
        return false;
      }
      const { model, info } = loadModel(o.dir);
      provider = builtinProvider(model, `builtin:${info.trainedAt}`);
    }
    await provider.prepare?.();
    const saved = VectorIndex.load(file);
    if (!saved || saved.info.model !== provider.name || saved.info.dim !== provider.dim) {
      // Building takes a minute on 158k papers: it runs in the background and search stays
      // keyword-only until it is done, instead of the first request waiting for it.
      o.log.info(`vector index ${saved ? 'is for another model' : 'absent'} at ${file}: building it (keyword-only search until done)`);
      const p = provider;
      building = (async () => {
        const fresh = VectorIndex.create(p.dim, p.name);
        await fill(fresh, p);
        fresh.save(file);
        index = fresh;
        o.log.info(`vector index built: ${fresh.size} papers`);
      })()
        .catch((e: Error) => o.log.warn(`vector index build failed: ${e.message}`))
        .finally(() => (building = null));
      return false;
    }
    index = saved;
    o.log.info(`vector index loaded: ${index.size} papers from ${file}`);
    // A provider that fails now (an endpoint down) leaves new papers for a later catch-up.
    await catchUp().catch((e: Error) => o.log.warn(`vector catch-up failed: ${e.message}`));
    return true;
  };

  const fill = async (target: VectorIndex, p: EmbeddingProvider, onProgress?: (done: number) => void): Promise<number> => {
    let added = 0;
    // Only up to the arrival mark: a paper still being committed with a lower id would be skipped for good.
    const through = await findArrivedThroughId(o.db);
    for (;;) {
      const papers = await listPaperTextsAfter(o.db, target.info.maxPaperId, CHUNK, through);
      if (papers.length === 0) {
        target.markThrough(through);
        return added;
      }
      const vectors = await p.embed(papers.map(paperEmbeddingText));
      target.add(papers.map((x) => x.id), vectors);
      added += papers.length;
      onProgress?.(added);
      // Let requests in between chunks when this runs inside the server.
      await new Promise((r) => setImmediate(r));
    }
  };

  const catchUp = async (): Promise<number> => {
    if (!index || !provider) return 0;
    catching ??= (async () => {
      try {
        lastCatchUp = Date.now();
        const added = await fill(index!, provider!);
        if (added > 0 && Date.now() - lastSave >= (o.saveSeconds ?? 60) * 1000) {
          index!.save(file);
          lastSave = Date.now();
        }
        return added;
      } finally {
        catching = null;
      }
    })();
    return catching;
  };

  const ready = async (): Promise<boolean> => {
    if (index) {
      if (Date.now() - lastCatchUp > (o.catchUpSeconds ?? 30) * 1000) void catchUp().catch((e: Error) => o.log.warn(`vector catch-up failed: ${e.message}`));
      return true;
    }
    if (building) return false;
    // A failed load is tried again a minute later; a missing model as soon as its files are there
    // (it may be training right now; three file checks per request until then).
    if (!loading && (Date.now() - lastLoadAttempt > 60_000 || (isModelMissing && hasModel(o.dir)))) {
      lastLoadAttempt = Date.now();
      loading = load().catch((e: Error) => {
        o.log.warn(`vector search off: ${e.message}`);
        return false;
      }).finally(() => (loading = null));
    }
    return loading ? loading : false;
  };

  /**
   * Vectors for a request, or null (the caller answers "not available": keyword search) when the
   * provider fails — a remote endpoint down or refusing must not turn searches into errors. After
   * a failure requests skip the provider for `retryQuerySeconds` instead of each waiting on retries.
   */
  let queryFailedAt = -Infinity;
  const embedForQuery = async (texts: string[]): Promise<Float32Array[] | null> => {
    if (texts.length === 0) return [];
    if (Date.now() - queryFailedAt < (o.retryQuerySeconds ?? 30) * 1000) return null;
    try {
      return await provider!.embed(texts, { isInteractive: true });
    } catch (e) {
      queryFailedAt = Date.now();
      o.log.warn(`vector search skipped for ${o.retryQuerySeconds ?? 30} s, keyword search answers: ${(e as Error).message}`);
      return null;
    }
  };

  return {
    ready,
    async nearest(text, k) {
      if (!(await ready())) return null;
      const [v] = (await embedForQuery([text])) ?? [];
      return v ? index!.search(v, k) : null;
    },
    async similarities(text, paperIds) {
      if (!(await ready())) return null;
      const [q] = (await embedForQuery([text])) ?? [];
      if (!q) return null;
      const out = new Map<number, number>();
      const missing: number[] = [];
      for (const id of paperIds) {
        const v = index!.vectorOf(id);
        if (v) out.set(id, dot(q!, v));
        else missing.push(id);
      }
      // Papers the index has not caught up with yet (or without known words) are embedded now.
      const papers = await listPaperTextsByIds(o.db, missing);
      const vectors = await embedForQuery(papers.map(paperEmbeddingText));
      if (!vectors) return null;
      for (const [i, p] of papers.entries()) out.set(p.id, dot(q, vectors[i]!));
      return out;
    },
    async vectorsOf(paperIds) {
      if (!(await ready())) return null;
      const out = index!.vectorsOf(paperIds);
      // Only ids above the marker can be missing for want of a catch-up; the others have no vector.
      const unseen = paperIds.filter((id) => id > index!.info.maxPaperId && !out.has(id));
      const papers = await listPaperTextsByIds(o.db, unseen);
      const vectors = await embedForQuery(papers.map(paperEmbeddingText));
      if (!vectors) return null;
      for (const [i, p] of papers.entries()) if (vectors[i]!.some((x) => x !== 0)) out.set(p.id, vectors[i]!);
      return out;
    },
    async meanVector() {
      return (await ready()) ? index!.meanVector() : null;
    },
    async similarTo(paperId, k) {
      if (!(await ready())) return null;
      let v = index!.vectorOf(paperId);
      if (!v) {
        const paper = await findPaperText(o.db, paperId);
        if (!paper) return null;
        v = (await embedForQuery([paperEmbeddingText(paper)]))?.[0] ?? null;
        if (!v) return null;
      }
      return index!.search(v, k + 1).filter((h) => h.paperId !== paperId).slice(0, k);
    },
    catchUp,
    async rebuild(onProgress) {
      if (!provider) {
        if (!hasModel(o.dir)) throw new Error(`no embedding model in ${o.dir}: run paperboy embed train first`);
        const { model, info } = loadModel(o.dir);
        provider = builtinProvider(model, `builtin:${info.trainedAt}`);
      }
      await provider.prepare?.();
      const fresh = VectorIndex.create(provider.dim, provider.name);
      const n = await fill(fresh, provider, onProgress);
      fresh.save(file);
      index = fresh;
      lastSave = Date.now();
      return n;
    },
  };
}
