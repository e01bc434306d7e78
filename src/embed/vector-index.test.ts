import { describe, expect, it } from 'vitest';
import { VectorIndex } from './vector-index';

describe('VectorIndex.vectorsOf and meanVector', () => {
  const unit = (...xs: number[]) => {
    const n = Math.hypot(...xs);
    return Float32Array.from(xs, (x) => x / n);
  };

  it('hands back the stored vectors of the papers it holds, in one buffer, and their mean', () => {
    const index = VectorIndex.create(3, 'test');
    index.add([1, 2, 3], [unit(1, 0, 0), unit(0, 1, 0), new Float32Array(3)]);
    const found = index.vectorsOf([2, 9, 1, 2]);
    expect([...found.keys()]).toEqual([2, 1]);
    expect([...found.get(1)!]).toEqual([1, 0, 0]);
    expect(found.get(1)!.buffer).toBe(found.get(2)!.buffer);
    // Paper 3 had no direction and is not stored: the mean is over papers 1 and 2.
    expect([...index.meanVector()]).toEqual([0.5, 0.5, 0]);
  });

  it('computes the mean again once the index has grown by more than 5 %', () => {
    const index = VectorIndex.create(2, 'test');
    index.add(Array.from({ length: 20 }, (_, i) => i + 1), Array.from({ length: 20 }, () => unit(1, 0)));
    expect([...index.meanVector()]).toEqual([1, 0]);
    index.add([21], [unit(0, 1)]);
    // 21 ≤ 20 × 1.05: the cached mean stands.
    expect([...index.meanVector()]).toEqual([1, 0]);
    index.add([22], [unit(0, 1)]);
    const mean = index.meanVector();
    expect(mean[0]).toBeCloseTo(20 / 22, 6);
    expect(mean[1]).toBeCloseTo(2 / 22, 6);
  });
});
