import { describe, expect, it } from 'vitest';
import { fuseRankings } from './rank-fusion';

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
