import { describe, expect, it } from 'vitest';
import type { SearchHit } from './keyword-search';
import { FrequencyCache, idf, pageTwoTiers } from './search-plan';

describe('search plan helpers', () => {
  it('computes a floored BM25 idf, also for empty or tiny corpora', () => {
    expect(idf(1000, 10)).toBeCloseTo(Math.log(990.5 / 10.5), 10);
    expect(idf(1000, 900)).toBe(0.01);
    expect(idf(0, 5)).toBe(0.01);
    expect(idf(Number.NaN, 5)).toBe(0.01);
  });

  it('pages across two tiers', async () => {
    const tiers = { 1: [1, 2, 3], 2: [4, 5, 6, 7] };
    const page = (offset: number, limit: number) =>
      pageTwoTiers(
        offset,
        limit,
        async (cap) => Math.min(cap, tiers[1].length),
        async (tier, off, lim): Promise<SearchHit[]> => tiers[tier].slice(off, off + lim).map((paperId) => ({ paperId, score: tier })),
      ).then((hits) => hits.map((h) => h.paperId));
    expect(await page(0, 2)).toEqual([1, 2]);
    expect(await page(2, 2)).toEqual([3, 4]);
    expect(await page(3, 3)).toEqual([4, 5, 6]);
    expect(await page(6, 5)).toEqual([7]);
    expect(await page(20, 5)).toEqual([]);
  });

  it('caches only expensive document frequencies', async () => {
    const cache = new FrequencyCache(1000);
    let calls = 0;
    const compute = (value: number) => async () => {
      calls++;
      return value;
    };
    await cache.get('rare', compute(3));
    await cache.get('rare', compute(4));
    expect(calls).toBe(2);
    expect(await cache.get('common', compute(5000))).toBe(5000);
    expect(await cache.get('common', compute(1))).toBe(5000);
    expect(calls).toBe(3);
  });
});
