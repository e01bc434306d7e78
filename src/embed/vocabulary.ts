/** The model's words: row i of the embedding matrix belongs to `tokens[i]`, weighted by `idf[i]`. */
export type Vocabulary = {
  tokens: string[];
  index: Map<string, number>;
  /** Inverse document frequency, log((N + 1) / (df + 1)) + 1: rare words weigh more. */
  idf: Float32Array;
};

/** How a vocabulary is chosen. */
export type VocabularyOptions = {
  /** Largest vocabulary (the words found in the most documents are kept). */
  maxSize: number;
  /** A word must occur in at least this many documents. */
  minDocuments: number;
};

/**
 * Learns a vocabulary from tokenised documents: the words found in at least `minDocuments`
 * documents, most frequent first (ties alphabetically, so the result never depends on input
 * order). When they are more than `maxSize`, the cap never splits a document-frequency level: the
 * level it would cut is left out whole (on 158k papers, the 103k words found in a single paper), so no
 * word is in or out for its spelling. A word of one document still earns its row when all fit:
 * on a small corpus those are its gene, drug and method names (SciFact, docs/benchmarks.md §8).
 */
export function buildVocabulary(documents: Iterable<string[]>, options: VocabularyOptions): Vocabulary {
  const df = new Map<string, number>();
  let n = 0;
  for (const tokens of documents) {
    n += 1;
    for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  let kept = [...df].filter(([, c]) => c >= options.minDocuments).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (kept.length > options.maxSize) {
    const cutLevel = kept[options.maxSize]![1];
    kept = kept.filter(([, c]) => c > cutLevel);
  }
  const tokens = kept.map(([t]) => t);
  const idf = Float32Array.from(kept, ([, c]) => Math.log((n + 1) / (c + 1)) + 1);
  return vocabularyOf(tokens, idf);
}

/** A vocabulary from its stored parts. */
export function vocabularyOf(tokens: string[], idf: Float32Array): Vocabulary {
  return { tokens, idf, index: new Map(tokens.map((t, i) => [t, i])) };
}

/** A text as a bag of vocabulary rows and weights (idf × (1 + log tf)); unknown words are skipped. */
export type WeightedTokens = { ids: Int32Array; weights: Float32Array };

/** Bag of known tokens of a tokenised text, in first-occurrence order, at most `maxTokens` distinct. */
export function weighTokens(vocab: Vocabulary, tokens: string[], maxTokens = 512): WeightedTokens {
  const counts = new Map<number, number>();
  for (const t of tokens) {
    const id = vocab.index.get(t);
    if (id === undefined) continue;
    if (!counts.has(id) && counts.size >= maxTokens) continue;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids = new Int32Array(counts.size);
  const weights = new Float32Array(counts.size);
  let i = 0;
  for (const [id, c] of counts) {
    ids[i] = id;
    weights[i] = vocab.idf[id]! * (1 + Math.log(c));
    i++;
  }
  return { ids, weights };
}
