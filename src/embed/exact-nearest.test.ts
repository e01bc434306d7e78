import { describe, expect, it } from 'vitest';
import { nearestRowsByLoop, type VectorRows } from '../domain/for-you';
import { dot } from '../domain/vector-math';
import { nearestRowsNative } from './exact-nearest';
import { seededRandom } from './seeded-random';

describe('nearestRowsNative', () => {
  const random = seededRandom(5);
  const unit = (dim: number) => {
    const v = Float32Array.from({ length: dim }, () => random.gaussian());
    const n = Math.sqrt(dot(v, v));
    return v.map((x) => x / n);
  };
  const rowsOf = (n: number, dim: number): VectorRows => {
    const data = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) data.set(unit(dim), i * dim);
    return { ids: Array.from({ length: n }, (_, i) => 1000 + i), data, dim };
  };

  it('finds the rows the TypeScript loop finds, with the same cosines, for one query and for several', () => {
    const rows = rowsOf(500, 64);
    const queries = [unit(64), unit(64), unit(64)];
    for (const qs of [queries.slice(0, 1), queries]) {
      const native = nearestRowsNative(rows, qs, 20);
      const loop = nearestRowsByLoop(rows, qs, 20);
      expect(native.map((hits) => hits.map((h) => h.row))).toEqual(loop.map((hits) => hits.map((h) => h.row)));
      for (const [i, hits] of native.entries()) for (const [j, h] of hits.entries()) expect(h.cos).toBeCloseTo(loop[i]![j]!.cos, 5);
    }
  });

  it('returns every row when asked for more than there are, and nothing for no rows or no queries', () => {
    const rows = rowsOf(5, 8);
    expect(nearestRowsNative(rows, [unit(8)], 50)[0]).toHaveLength(5);
    expect(nearestRowsNative({ ids: [], data: new Float32Array(0), dim: 8 }, [unit(8)], 3)).toEqual([[]]);
    expect(nearestRowsNative(rows, [], 3)).toEqual([]);
  });
});
