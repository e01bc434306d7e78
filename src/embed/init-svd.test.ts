import { describe, expect, it } from 'vitest';
import { orthonormalize } from './init-svd';
import { seededRandom } from './seeded-random';

/** Cholesky QR twice, one entry at a time: what the blocked, tiled orthonormalize must equal bit for bit. */
function referenceOrthonormalize(y: Float32Array, dim: number): void {
  for (let pass = 0; pass < 2; pass++) {
    const n = y.length / dim;
    const gram = new Float64Array(dim * dim);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < dim; i++) {
        for (let j = i; j < dim; j++) gram[i * dim + j]! += y[r * dim + i]! * y[r * dim + j]!;
      }
    }
    let trace = 0;
    for (let i = 0; i < dim; i++) trace += gram[i * dim + i]!;
    for (let i = 0; i < dim; i++) gram[i * dim + i]! += (trace / dim) * 1e-6 + 1e-12;
    const l = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j <= i; j++) {
        let s = gram[j * dim + i]!;
        for (let k = 0; k < j; k++) s -= l[i * dim + k]! * l[j * dim + k]!;
        l[i * dim + j] = i === j ? Math.sqrt(Math.max(s, 1e-30)) : s / l[j * dim + j]!;
      }
    }
    const x = new Float64Array(dim);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < dim; i++) {
        let s = y[r * dim + i]!;
        for (let j = 0; j < i; j++) s -= l[i * dim + j]! * x[j]!;
        x[i] = s / l[i * dim + i]!;
      }
      for (let i = 0; i < dim; i++) y[r * dim + i] = x[i]!;
    }
  }
}

describe('orthonormalize', () => {
  // Row blocks of 32 and tiles of 2 × 4 columns, 4 rows solved at a time: sizes that leave every remainder.
  it.each([[200, 16], [101, 7], [70, 9], [33, 6], [13, 5], [9, 2], [5, 1]] as const)('equals Cholesky QR one entry at a time, bit for bit (%i × %i)', (n, dim) => {
    const random = seededRandom(n * 100 + dim);
    const y = Float32Array.from({ length: n * dim }, (_, i) => (i % 11 === 0 ? 0 : random.gaussian()));
    const expected = y.slice();
    referenceOrthonormalize(expected, dim);
    orthonormalize(y, dim);
    expect(Buffer.from(y.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
  });

  it('leaves orthonormal columns', () => {
    const n = 300, dim = 12;
    const random = seededRandom(5);
    const y = Float32Array.from({ length: n * dim }, () => random.gaussian() * 3 + 1);
    orthonormalize(y, dim);
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) {
        let s = 0;
        for (let r = 0; r < n; r++) s += y[r * dim + i]! * y[r * dim + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 4);
      }
    }
  });
});
