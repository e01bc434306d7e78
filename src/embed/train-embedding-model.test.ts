import { describe, expect, it } from 'vitest';
import { tinyCorpus } from '../../test/tiny-corpus';
import { dot } from '../domain/vector-math';
import { dequantizeRows, embedText, quantizeRows } from './embedding-model';
import { seededRandom } from './seeded-random';
import { tokenize } from './tokenize';
import { corpusSettings, SMALL_CORPUS, trainEmbeddingModel } from './train-embedding-model';

const papers = tinyCorpus();
const options = { dim: 32, epochs: 3, seed: 5, maxVocab: 1000, contrastive: { batchSize: 16, temperature: 0.05, learningRate: 0.05 } };

describe('trainEmbeddingModel', () => {
  it('gives the same model for the same seed, and another for another seed', () => {
    const a = trainEmbeddingModel(papers, options).model;
    const b = trainEmbeddingModel(papers, options).model;
    const c = trainEmbeddingModel(papers, { ...options, seed: 6 }).model;
    expect(Buffer.from(a.rows.buffer).equals(Buffer.from(b.rows.buffer))).toBe(true);
    expect([...a.scales]).toEqual([...b.scales]);
    expect(a.vocab.tokens).toEqual(b.vocab.tokens);
    expect(Buffer.from(a.rows.buffer).equals(Buffer.from(c.rows.buffer))).toBe(false);
  });

  it('gives the same model bit for bit with a helper thread sharing the batches', () => {
    const solo = trainEmbeddingModel(papers, { ...options, threads: 1 });
    const pair = trainEmbeddingModel(papers, { ...options, threads: 2 });
    expect(Buffer.from(pair.model.rows.buffer).equals(Buffer.from(solo.model.rows.buffer))).toBe(true);
    expect([...pair.model.scales]).toEqual([...solo.model.scales]);
    expect(pair.losses).toEqual(solo.losses);
  });

  it('makes papers of a topic nearer to each other than to papers of other topics', () => {
    const { model, losses } = trainEmbeddingModel(papers, options);
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
    const vectors = papers.map((p) => embedText(model, `${p.title} ${p.abstract}`));
    let correct = 0;
    for (const [i, p] of papers.entries()) {
      let best = -1;
      let bestScore = -Infinity;
      for (const [j, v] of vectors.entries()) {
        if (j === i) continue;
        const s = dot(vectors[i]!, v);
        if (s > bestScore) [best, bestScore] = [j, s];
      }
      if (papers[best]!.topic === p.topic) correct++;
    }
    expect(correct / papers.length).toBeGreaterThan(0.95);
    // A query in words of one topic finds that topic.
    const q = embedText(model, 'amino acid folding of an enzyme');
    const nearest = papers.map((p, i) => ({ p, s: dot(q, vectors[i]!) })).sort((x, y) => y.s - x.s).slice(0, 5);
    expect(nearest.every((n) => n.p.topic === 'proteins')).toBe(true);
  });

  it('resumes from a checkpoint to the same model as an uninterrupted run', () => {
    const saved: { epoch: number; state: { dim: number; vectors: Float32Array; accumulators: Float32Array } }[] = [];
    const store = {
      load: () => null,
      save: (epoch: number, state: { dim: number; vectors: Float32Array; accumulators: Float32Array }) =>
        saved.push({ epoch, state: { dim: state.dim, vectors: state.vectors.slice(), accumulators: state.accumulators.slice() } }),
    };
    const full = trainEmbeddingModel(papers, { ...options, checkpoint: store }).model;
    const afterOne = saved[0]!;
    const resumed = trainEmbeddingModel(papers, { ...options, checkpoint: { load: () => afterOne, save: () => {} } });
    expect(resumed.losses).toHaveLength(options.epochs - 1);
    expect(Buffer.from(resumed.model.rows.buffer).equals(Buffer.from(full.rows.buffer))).toBe(true);
  });
});

describe('corpusSettings', () => {
  it('keeps the large-corpus settings from SMALL_CORPUS papers on (the 158k corpus trains as before)', () => {
    expect(corpusSettings(158_279)).toEqual({ maxAbstractTokens: 200, sentencesPerAbstract: 1, temperature: 0.05 });
    expect(corpusSettings(SMALL_CORPUS)).toEqual({ maxAbstractTokens: 200, sentencesPerAbstract: 1, temperature: 0.05 });
  });

  it('gives a small corpus whole abstracts, more sentence pairs and a softer temperature', () => {
    expect(corpusSettings(SMALL_CORPUS - 1)).toEqual({ maxAbstractTokens: 1000, sentencesPerAbstract: 1, temperature: 0.1 });
    expect(corpusSettings(12_500).sentencesPerAbstract).toBe(4);
    expect(corpusSettings(5_183)).toEqual({ maxAbstractTokens: 1000, sentencesPerAbstract: 10, temperature: 0.1 });
    expect(corpusSettings(2).sentencesPerAbstract).toBe(10);
  });

  it('lets explicit options win over the sized ones', () => {
    const sized = trainEmbeddingModel(papers, options);
    const explicit = trainEmbeddingModel(papers, { ...options, maxAbstractTokens: 1000, sentencesPerAbstract: 10 });
    expect(Buffer.from(explicit.model.rows.buffer).equals(Buffer.from(sized.model.rows.buffer))).toBe(true);
    const truncated = trainEmbeddingModel(papers, { ...options, maxAbstractTokens: 5 });
    expect(Buffer.from(truncated.model.rows.buffer).equals(Buffer.from(sized.model.rows.buffer))).toBe(false);
  });
});

describe('quantizeRows', () => {
  it('round-trips every element within half a step of its row', () => {
    const random = seededRandom(3);
    const dim = 16;
    const vectors = Float32Array.from({ length: 50 * dim }, () => random.gaussian() * (1 + random.next() * 10));
    const { rows, scales } = quantizeRows(vectors, dim);
    const back = dequantizeRows({ rows, scales, dim });
    for (let i = 0; i < vectors.length; i++) expect(Math.abs(back[i]! - vectors[i]!)).toBeLessThanOrEqual(scales[Math.floor(i / dim)]! / 2 + 1e-6);
  });
});

describe('tokenize', () => {
  it('lowercases, stems, keeps any script and reads LaTeX commands as words', () => {
    expect(tokenize('Modeling $\\mathcal{O}(n\\log n)$ GPT-4o 中文')).toEqual(['model', 'mathcal', 'log', 'gpt', '4o', '中文']);
  });
});
