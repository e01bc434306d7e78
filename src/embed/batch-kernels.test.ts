import { describe, expect, it } from 'vitest';
import { gradientRows, logitRows } from './batch-kernels';
import { seededRandom } from './seeded-random';

// The products one element at a time: what the tiled kernels must equal, bit for bit.
function referenceLogits(qv: Float32Array, dv: Float32Array, logits: Float32Array, m: number, dim: number, invT: number, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += qv[i * dim + k]! * dv[j * dim + k]!;
      logits[i * m + j] = s * invT;
    }
  }
}

function referenceGradients(logits: Float32Array, qv: Float32Array, dv: Float32Array, gq: Float32Array, gd: Float32Array, m: number, dim: number, invT: number, lo: number, hi: number): void {
  gq.fill(0, lo * dim, hi * dim);
  gd.fill(0, lo * dim, hi * dim);
  for (let i = lo; i < hi; i++) {
    for (let j = 0; j < m; j++) {
      const g = logits[i * m + j]! * invT;
      for (let k = 0; k < dim; k++) gq[i * dim + k]! += g * dv[j * dim + k]!;
    }
  }
  for (let j = lo; j < hi; j++) {
    for (let i = 0; i < m; i++) {
      const g = logits[i * m + j]! * invT;
      for (let k = 0; k < dim; k++) gd[j * dim + k]! += g * qv[i * dim + k]!;
    }
  }
}

const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('batch kernels', () => {
  // Tiles are 2 rows × 4 columns: sizes and row ranges that leave every kind of remainder.
  const cases: Array<[m: number, dim: number, lo: number, hi: number]> = [
    [64, 256, 0, 64], [64, 256, 32, 64], [33, 24, 0, 16], [33, 24, 16, 33], [7, 10, 1, 6], [2, 3, 0, 2], [5, 4, 0, 5], [9, 1, 3, 4],
  ];

  it.each(cases)('equal the element-at-a-time products bit for bit (m %i, dim %i, rows %i..%i)', (m, dim, lo, hi) => {
    const random = seededRandom(m * 1000 + dim);
    const qv = Float32Array.from({ length: m * dim }, () => random.gaussian());
    const dv = Float32Array.from({ length: m * dim }, () => random.gaussian());
    const invT = 1 / 0.05;
    const expected = new Float32Array(m * m);
    const actual = new Float32Array(m * m);
    referenceLogits(qv, dv, expected, m, dim, invT, lo, hi);
    logitRows(qv, dv, actual, m, dim, invT, lo, hi);
    expect(same(actual, expected)).toBe(true);

    // A softmax gradient: small values, some exactly zero (a saturated softmax), some negative.
    const g = Float32Array.from({ length: m * m }, (_, i) => (i % 7 === 0 ? 0 : random.gaussian() * 1e-3));
    const [gq0, gd0, gq1, gd1] = [0, 1, 2, 3].map(() => Float32Array.from({ length: m * dim }, () => 99));
    referenceGradients(g, qv, dv, gq0!, gd0!, m, dim, invT, lo, hi);
    gradientRows(g, qv, dv, gq1!, gd1!, m, dim, invT, lo, hi);
    expect(same(gq1!, gq0!)).toBe(true);
    expect(same(gd1!, gd0!)).toBe(true);
  });

  it('leave rows outside their range untouched, for the other thread', () => {
    const m = 6, dim = 8;
    const qv = new Float32Array(m * dim).fill(1);
    const dv = new Float32Array(m * dim).fill(1);
    const logits = new Float32Array(m * m).fill(-1);
    logitRows(qv, dv, logits, m, dim, 1, 2, 4);
    expect([...logits.subarray(0, 2 * m)].every((v) => v === -1)).toBe(true);
    expect([...logits.subarray(2 * m, 4 * m)].every((v) => v === dim)).toBe(true);
    expect([...logits.subarray(4 * m)].every((v) => v === -1)).toBe(true);
  });
});
