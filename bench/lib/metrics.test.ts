import { describe, expect, it } from 'vitest';
import { mean, ndcgAtK, parseQrels, percentile, recallAtK } from './metrics';

const judged = new Map([['a', 1], ['b', 2], ['z', 0]]);

describe('retrieval metrics', () => {
  it('computes nDCG@k with linear gains and log2 discount', () => {
    expect(ndcgAtK(['b', 'a'], judged, 10)).toBeCloseTo(1, 10);
    // DCG = 1/log2(2) + 2/log2(3); IDCG = 2 + 1/log2(3)
    expect(ndcgAtK(['a', 'b'], judged, 10)).toBeCloseTo((1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3)), 10);
    expect(ndcgAtK(['x', 'a'], judged, 1)).toBe(0);
    expect(ndcgAtK(['a'], new Map(), 10)).toBe(0);
    expect(ndcgAtK([], judged, 10)).toBe(0);
  });

  it('computes Recall@k over grades above zero', () => {
    expect(recallAtK(['a', 'x', 'z'], judged, 100)).toBe(0.5);
    expect(recallAtK(['x', 'b', 'a'], judged, 2)).toBe(0.5);
    expect(recallAtK(['a', 'b'], new Map([['z', 0]]), 10)).toBe(0);
  });

  it('parses qrels with a header and refuses junk', () => {
    const q = parseQrels('query-id\tcorpus-id\tscore\n1\t31715818\t1\n1\t99\t1\n3\t14717500\t2\n');
    expect([...q.keys()]).toEqual(['1', '3']);
    expect(q.get('1')!.size).toBe(2);
    expect(q.get('3')!.get('14717500')).toBe(2);
    expect(() => parseQrels('1\t2\t1\nbroken line\n')).toThrow(/line 2/);
  });

  it('averages and takes percentiles', () => {
    expect(mean([1, 2, 3])).toBe(2);
    expect(mean([])).toBe(0);
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
