import { bagMatrixFromTokens } from './bag-matrix';
import { pairTeam, soloTeam } from './batch-team';
import { quantizeRows, type EmbeddingModel } from './embedding-model';
import { initFromSvd } from './init-svd';
import { seededRandom, shuffledIndexes } from './seeded-random';
import { tokenize } from './tokenize';
import { DEFAULT_CONTRASTIVE, trainEpoch, type ContrastiveOptions, type TrainingState } from './train-contrastive';
import { buildVocabulary } from './vocabulary';

/** A paper as training material. */
export type TrainingPaper = { title: string; abstract: string | null };

/** What `train` reports while it works. */
export type TrainingProgress =
  | { phase: 'tokenize' | 'init'; done: number; total: number }
  | { phase: 'epoch'; epoch: number; epochs: number; done: number; total: number; loss?: number };

/** Where training state goes between epochs (see checkpoint.ts); absent: no resuming. */
export type CheckpointStore = {
  load(): { epoch: number; state: TrainingState } | null;
  save(epoch: number, state: TrainingState): void;
};

export type TrainOptions = {
  dim: number;
  epochs: number;
  seed: number;
  /** Largest vocabulary. */
  maxVocab: number;
  /** A word must be in this many papers to get a row (and the cap may ask for more: buildVocabulary). */
  minDocuments: number;
  /** Start from the tf-idf SVD (default) or from small Gaussian noise (for comparison). */
  init: 'svd' | 'random';
  powerIterations: number;
  /** Batch size, temperature and learning rate; a temperature left out comes from the corpus size (corpusSettings). */
  contrastive: Partial<ContrastiveOptions>;
  /** Words of an abstract used per pair (default: corpusSettings). */
  maxAbstractTokens?: number;
  /**
   * Also train on (one sentence of the abstract ↔ the rest of it): queries that read like a
   * claim or a question, not a title. The sentence is drawn from the seed.
   */
  sentencePairs: boolean;
  /** Sentence pairs drawn per abstract (distinct sentences, at most all but two; default: corpusSettings). */
  sentencesPerAbstract?: number;
  /**
   * Threads sharing each batch's products: 1, or 2 (a helper thread; batch-team.ts). The model
   * is the same bit for bit; 2 takes ~40 % off an epoch on a 2-core machine.
   */
  threads: 1 | 2;
  onProgress?: (p: TrainingProgress) => void;
  checkpoint?: CheckpointStore;
};

export const DEFAULT_TRAINING: Omit<TrainOptions, 'onProgress' | 'checkpoint'> = {
  dim: 256,
  epochs: 3,
  seed: 1,
  maxVocab: 80_000,
  minDocuments: 1,
  init: 'svd',
  powerIterations: 1,
  contrastive: {},
  sentencePairs: true,
  threads: 1,
};

/** Below this many papers a corpus trains with the small-corpus settings of corpusSettings. */
export const SMALL_CORPUS = 50_000;
/** Sentence pairs aimed at in all (SciFact's 5k abstracts: vector nDCG@10 0.58 with 1 per abstract, 0.61 with 4). */
const SENTENCE_PAIRS = 50_000;
const MAX_SENTENCES_PER_ABSTRACT = 10;

/**
 * The training settings that depend on how many papers there are. A large corpus has pairs
 * enough: the first 200 words of each abstract, one sentence pair per abstract and temperature
 * 0.05 (the 158k corpus: more of any of them only trains longer, and temperature 0.1 with whole
 * abstracts cost it research-question and known-item quality). A small one (under SMALL_CORPUS
 * papers) must learn from every word it has: whole abstracts, up to 10 sentence pairs per
 * abstract, and a softer temperature 0.1, which on SciFact's 5k abstracts took vector nDCG@10
 * from 0.648 to 0.676 and hybrid from 0.706 to 0.722 (docs/benchmarks.md §8).
 */
export function corpusSettings(papers: number): { maxAbstractTokens: number; sentencesPerAbstract: number; temperature: number } {
  const isSmall = papers < SMALL_CORPUS;
  return {
    maxAbstractTokens: isSmall ? 1000 : 200,
    sentencesPerAbstract: Math.min(MAX_SENTENCES_PER_ABSTRACT, Math.max(1, Math.round(SENTENCE_PAIRS / Math.max(1, papers)))),
    temperature: isSmall ? 0.1 : DEFAULT_CONTRASTIVE.temperature,
  };
}

/**
 * Trains the word-vector model on papers: vocabulary by document frequency, SVD start, then
 * `epochs` of title ↔ abstract InfoNCE. Everything random comes from `seed` (epoch e draws
 * from seed + e), so a run resumed from the checkpoint of epoch e ends where an uninterrupted
 * run does. Returns the int8 model and the loss of each epoch run here.
 */
export function trainEmbeddingModel(papers: readonly TrainingPaper[], options: Partial<TrainOptions> = {}): { model: EmbeddingModel; losses: number[] } {
  const sized = corpusSettings(papers.length);
  const o = { ...DEFAULT_TRAINING, ...options };
  const maxAbstractTokens = o.maxAbstractTokens ?? sized.maxAbstractTokens;
  const perAbstract = o.sentencesPerAbstract ?? sized.sentencesPerAbstract;
  const contrastive: ContrastiveOptions = {
    batchSize: o.contrastive.batchSize ?? DEFAULT_CONTRASTIVE.batchSize,
    temperature: o.contrastive.temperature ?? sized.temperature,
    learningRate: o.contrastive.learningRate ?? DEFAULT_CONTRASTIVE.learningRate,
  };
  const report = o.onProgress ?? (() => {});
  const titles: string[][] = [];
  const abstracts: string[][] = [];
  for (const [i, p] of papers.entries()) {
    titles.push(tokenize(p.title));
    abstracts.push(tokenize(p.abstract ?? '').slice(0, maxAbstractTokens));
    if (i % 5000 === 0) report({ phase: 'tokenize', done: i, total: papers.length });
  }
  const whole = titles.map((t, i) => [...t, ...abstracts[i]!]);
  const vocab = buildVocabulary(whole, { maxSize: o.maxVocab, minDocuments: o.minDocuments });
  const dim = o.dim;
  const v = vocab.tokens.length;

  let state: TrainingState;
  let firstEpoch = 0;
  const saved = o.checkpoint?.load() ?? null;
  if (saved && saved.state.dim === dim && saved.state.vectors.length === v * dim) {
    state = saved.state;
    firstEpoch = saved.epoch;
  } else {
    report({ phase: 'init', done: 0, total: 1 });
    const random = seededRandom(o.seed);
    const vectors = o.init === 'svd'
      ? initFromSvd(bagMatrixFromTokens(vocab, whole, 512), v, dim, random, o.powerIterations)
      : Float32Array.from({ length: v * dim }, () => random.gaussian() / Math.sqrt(dim));
    state = { dim, vectors, accumulators: new Float32Array(v * dim) };
    report({ phase: 'init', done: 1, total: 1 });
  }

  // Pairs need words on both sides.
  const left: string[][] = [];
  const right: string[][] = [];
  const pick = seededRandom(o.seed + 7919);
  for (const [i, p] of papers.entries()) {
    left.push(titles[i]!);
    right.push(abstracts[i]!);
    if (!o.sentencePairs) continue;
    const sentences = (p.abstract ?? '').split(/(?<=[.!?])\s+(?=[A-Z])/).filter((x) => x.length > 20);
    if (sentences.length < 3) continue;
    const order = shuffledIndexes(sentences.length, pick);
    for (const k of order.subarray(0, Math.min(perAbstract, sentences.length - 2))) {
      left.push(tokenize(sentences[k]!));
      right.push(tokenize(sentences.filter((_, j) => j !== k).join(' ')).slice(0, maxAbstractTokens));
    }
  }
  const keep = left.map((_, i) => i).filter((i) => hasKnown(vocab.index, left[i]!) && hasKnown(vocab.index, right[i]!));
  const queries = bagMatrixFromTokens(vocab, keep.map((i) => left[i]!));
  const documents = bagMatrixFromTokens(vocab, keep.map((i) => right[i]!));
  const losses: number[] = [];
  const batch = contrastive.batchSize;
  const team = o.threads === 2 && firstEpoch < o.epochs ? pairTeam(dim, batch) : soloTeam(dim, batch);
  try {
    for (let epoch = firstEpoch; epoch < o.epochs; epoch++) {
      const random = seededRandom(o.seed + epoch + 1);
      const loss = trainEpoch(state, queries, documents, random, contrastive, (done, total) =>
        report({ phase: 'epoch', epoch: epoch + 1, epochs: o.epochs, done, total }), team,
      );
      losses.push(loss);
      report({ phase: 'epoch', epoch: epoch + 1, epochs: o.epochs, done: queries.rows, total: queries.rows, loss });
      o.checkpoint?.save(epoch + 1, state);
    }
  } finally {
    team.close();
  }
  const { rows, scales } = quantizeRows(state.vectors, dim);
  return { model: { dim, vocab, rows, scales }, losses };
}

function hasKnown(index: Map<string, number>, tokens: string[]): boolean {
  return tokens.some((t) => index.has(t));
}
