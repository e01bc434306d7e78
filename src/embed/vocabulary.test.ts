import { describe, expect, it } from 'vitest';
import { buildVocabulary, weighTokens } from './vocabulary';

// Document frequencies: a 4, b 3, c 2, d 2, e 1, f 1.
const docs = [['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'f'], ['a', 'a']];

describe('buildVocabulary', () => {
  it('keeps every word found in minDocuments documents, most frequent first', () => {
    expect(buildVocabulary(docs, { maxSize: 100, minDocuments: 1 }).tokens).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(buildVocabulary(docs, { maxSize: 100, minDocuments: 2 }).tokens).toEqual(['a', 'b', 'c', 'd']);
  });

  it('leaves out a whole document-frequency level rather than choosing within it by spelling', () => {
    // A cap of 3 would cut the level {c, d}: both go.
    expect(buildVocabulary(docs, { maxSize: 3, minDocuments: 1 }).tokens).toEqual(['a', 'b']);
    // A cap of 5 would cut the singletons {e, f}.
    expect(buildVocabulary(docs, { maxSize: 5, minDocuments: 1 }).tokens).toEqual(['a', 'b', 'c', 'd']);
    // A cap on a level's edge keeps exactly that many.
    expect(buildVocabulary(docs, { maxSize: 4, minDocuments: 1 }).tokens).toEqual(['a', 'b', 'c', 'd']);
    expect(buildVocabulary(docs, { maxSize: 1, minDocuments: 1 }).tokens).toEqual(['a']);
  });

  it('does not depend on the order of the documents', () => {
    const a = buildVocabulary(docs, { maxSize: 100, minDocuments: 1 });
    const b = buildVocabulary([...docs].reverse(), { maxSize: 100, minDocuments: 1 });
    expect(b.tokens).toEqual(a.tokens);
    expect([...b.idf]).toEqual([...a.idf]);
  });

  it('weighs rarer words higher and skips unknown ones', () => {
    const vocab = buildVocabulary(docs, { maxSize: 100, minDocuments: 1 });
    const bag = weighTokens(vocab, ['e', 'a', 'zzz', 'a']);
    expect([...bag.ids]).toEqual([vocab.index.get('e'), vocab.index.get('a')]);
    expect(vocab.idf[vocab.index.get('e')!]).toBeGreaterThan(vocab.idf[vocab.index.get('a')!]!);
    expect(bag.weights[1]).toBeCloseTo(vocab.idf[vocab.index.get('a')!]! * (1 + Math.log(2)), 5);
  });
});
