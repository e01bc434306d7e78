import { describe, expect, it } from 'vitest';
import { blendRankings, fuseRankings, keywordAgreement } from './rank-fusion';

describe('fuseRankings', () => {
  it('scores Σ weight / (k + rank) and sorts best first', () => {
    const fused = fuseRankings([{ ids: [1, 2, 3] }, { ids: [3, 1, 4] }], 60);
    expect(fused.map((f) => f.id)).toEqual([1, 3, 2, 4]);
    expect(fused[0]!.score).toBeCloseTo(1 / 61 + 1 / 62);
    expect(fused[3]!.score).toBeCloseTo(1 / 63);
  });
  it('puts a document found by both lists above one found at the top of only one', () => {
    expect(fuseRankings([{ ids: [7, 8] }, { ids: [9, 8] }]).map((f) => f.id)[0]).toBe(8);
  });
  it('weighs the lists', () => {
    expect(fuseRankings([{ ids: [1] }, { ids: [2], weight: 2 }]).map((f) => f.id)).toEqual([2, 1]);
    expect(fuseRankings([{ ids: [1] }, { ids: [2], weight: 0.5 }]).map((f) => f.id)).toEqual([1, 2]);
  });
  it('keeps first-appearance order on ties, counts a duplicate once, and handles empty lists', () => {
    expect(fuseRankings([{ ids: [5] }, { ids: [6] }]).map((f) => f.id)).toEqual([5, 6]);
    expect(fuseRankings([{ ids: [5, 5] }])[0]!.score).toBeCloseTo(1 / 61);
    expect(fuseRankings([{ ids: [] }, { ids: [] }])).toEqual([]);
  });
});

describe('keywordAgreement', () => {
  const cos = new Map([[1, 0.9], [2, 0.7], [3, 0.2], [4, 0.1]]);
  it('is the mean cosine of the keyword top divided by the vector top, clamped to 1', () => {
    expect(keywordAgreement([3, 4], [1, 2], cos)).toBeCloseTo(0.15 / 0.8);
    expect(keywordAgreement([1, 2], [3, 4], cos)).toBe(1);
    expect(keywordAgreement([1, 3], [1, 2], cos, 1)).toBe(1); // depth 1: only the firsts count
  });
  it('is 1 when there is nothing to compare, and never below 0', () => {
    expect(keywordAgreement([], [1], cos)).toBe(1);
    expect(keywordAgreement([1], [], cos)).toBe(1);
    expect(keywordAgreement([1], [9], cos)).toBe(1); // the vector side has no positive cosine
    expect(keywordAgreement([5], [1], new Map([[5, -0.3], [1, 0.5]]))).toBe(0);
  });
});

describe('blendRankings', () => {
  // Keyword found 10 and 11 (10 best) on a rare word, far from the query's meaning; the vector side found 20 and 21.
  const keyword = [{ id: 10, score: 8 }, { id: 11, score: 7 }];
  const vector = [20, 21];
  const cosine = new Map([[10, 0.1], [11, 0.12], [20, 0.6], [21, 0.5]]);
  it('without the gate, scores (1 - alpha) · keyword ÷ best + alpha · min-max cosine', () => {
    expect(blendRankings({ keyword, vector, cosine, alpha: 0.3, isKeywordGated: false })).toEqual([10, 11, 20, 21]);
    expect(blendRankings({ keyword, vector, cosine, alpha: 0.9, isKeywordGated: false })).toEqual([20, 21, 11, 10]);
  });
  it('with the gate, keyword hits far from the meaning give way to the vector side', () => {
    // agreement 0.11 / 0.55 = 0.2, gate 0.2 / FULL_AGREEMENT (0.8) = 0.25: 10 scores 0.7 · 0.25 = 0.175 against 20's 0.3
    expect(blendRankings({ keyword, vector, cosine, alpha: 0.3, isKeywordGated: true })).toEqual([20, 21, 10, 11]);
  });
  it('with the gate, keyword hits at FULL_AGREEMENT or closer keep their whole weight', () => {
    const close = new Map([[10, 0.58], [11, 0.5], [20, 0.6], [21, 0.5]]);
    const gated = blendRankings({ keyword, vector, cosine: close, alpha: 0.3, isKeywordGated: true });
    expect(gated).toEqual(blendRankings({ keyword, vector, cosine: close, alpha: 0.3, isKeywordGated: false }));
    expect(gated[0]).toBe(10);
  });
  it('keeps each candidate once, keyword order first on ties, and handles empty sides', () => {
    expect(blendRankings({ keyword: [{ id: 1, score: 1 }], vector: [1, 2], cosine: new Map(), alpha: 0.3, isKeywordGated: true })).toEqual([1, 2]);
    expect(blendRankings({ keyword: [], vector: [], cosine: new Map(), alpha: 0.3, isKeywordGated: true })).toEqual([]);
    expect(blendRankings({ keyword: [{ id: 1, score: 0 }, { id: 2, score: 0 }], vector: [], cosine: new Map(), alpha: 0.3, isKeywordGated: false })).toEqual([1, 2]);
  });
});
