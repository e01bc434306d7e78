import { builtinProvider } from '../src/embed/embedding-provider';
import type { EmbeddingModel } from '../src/embed/embedding-model';
import { trainEmbeddingModel } from '../src/embed/train-embedding-model';
import { createVectorSearch, type VectorSearch } from '../src/embed/vector-search';
import { silentLogger } from '../src/log';
import type { Db } from '../src/storage/database';
import type { TinyPaper } from './tiny-corpus';

/** An arXiv category per tiny-corpus topic, for tests that filter or show categories. */
export const TINY_CATEGORY: Record<TinyPaper['topic'], string> = { vision: 'cs.CV', language: 'cs.CL', proteins: 'q-bio.BM', robots: 'cs.RO' };

/** A small embedding model trained on a tiny corpus (seeded: the same corpus gives the same model); a second or so. */
export function trainTinyModel(corpus: readonly TinyPaper[]): EmbeddingModel {
  return trainEmbeddingModel([...corpus], { dim: 32, epochs: 3, seed: 2, maxVocab: 1000, contrastive: { batchSize: 16, temperature: 0.05, learningRate: 0.05 } }).model;
}

/** Vector search over `db` with the index files in `dir` and `model` as the provider (nothing is loaded from `dir` but the index). */
export function tinyVectorSearch(db: Db, dir: string, model: EmbeddingModel): VectorSearch {
  return createVectorSearch({ db, dir, log: silentLogger, provider: builtinProvider(model, 'tiny') });
}
