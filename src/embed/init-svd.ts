import { addRowTransposed, rowTimesVectors, type BagMatrix } from './bag-matrix';
import type { Random } from './seeded-random';

/**
 * Starting word vectors from a randomised truncated SVD of the document × word tf-idf matrix X
 * (documents L2-normalised): the word rows span X's top right-singular subspace, found by a
 * Gaussian sketch Y = Xᵀ G and `powerIterations` rounds of Y ← orth(Xᵀ X Y) (Halko et al.).
 * The basis is orthonormal (every direction weighs the same, so the one "generic" direction of
 * tf-idf does not dominate cosines) and scaled so the average word row has length 1.
 * Contrastive training from here converges in a few epochs instead of tens from noise.
 */
export function initFromSvd(docs: BagMatrix, vocabSize: number, dim: number, random: Random, powerIterations = 1): Float32Array {
  const norms = docNorms(docs);
  let y = new Float32Array(vocabSize * dim);
  const g = new Float32Array(dim);
  for (let r = 0; r < docs.rows; r++) {
    for (let k = 0; k < dim; k++) g[k] = random.gaussian();
    addRowTransposed(docs, r, norms[r]!, g, y, dim);
  }
  orthonormalize(y, dim);
  for (let it = 0; it < powerIterations; it++) {
    const next = new Float32Array(vocabSize * dim);
    const z = new Float32Array(dim);
    for (let r = 0; r < docs.rows; r++) {
      // z = X[r] · Y, then Xᵀ z accumulates into the next basis.
      const inv = norms[r]!;
      rowTimesVectors(docs, r, inv, y, dim, z);
      addRowTransposed(docs, r, inv, z, next, dim);
    }
    y = next;
    orthonormalize(y, dim);
  }
  const scale = Math.sqrt(vocabSize / dim);
  for (let i = 0; i < y.length; i++) y[i]! *= scale;
  return y;
}

function docNorms(docs: BagMatrix): Float32Array {
  const out = new Float32Array(docs.rows);
  for (let r = 0; r < docs.rows; r++) {
    let s = 0;
    for (let p = docs.offsets[r]!; p < docs.offsets[r + 1]!; p++) s += docs.weights[p]! ** 2;
    out[r] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  return out;
}

/**
 * Makes the columns of the row-major n × dim matrix orthonormal in place, by Cholesky QR done
 * twice (the second pass repairs what rounding left of the first); a small ridge keeps the
 * factorisation defined when a column is (nearly) dependent, e.g. on a tiny corpus.
 */
export function orthonormalize(y: Float32Array, dim: number): void {
  for (let pass = 0; pass < 2; pass++) {
    const gram = gramUpper(y, dim);
    let trace = 0;
    for (let i = 0; i < dim; i++) trace += gram[i * dim + i]!;
    const ridge = (trace / dim) * 1e-6 + 1e-12;
    for (let i = 0; i < dim; i++) gram[i * dim + i]! += ridge;
    solveRows(y, dim, cholesky(gram, dim));
  }
}

/**
 * The upper triangle (j ≥ i) of Yᵀ Y, each entry summed in double precision over the rows in
 * order. Blocks of rows that stay in cache, and tiles of 2 × 4 entries in locals, so each value
 * read serves several multiply-adds; every entry still adds the same terms in the same order as
 * one entry at a time (bit-identical; decision 17).
 */
function gramUpper(y: Float32Array, dim: number): Float64Array {
  const n = y.length / dim;
  const gram = new Float64Array(dim * dim);
  for (let lo = 0; lo < n; lo += GRAM_BLOCK_ROWS) {
    const from = lo * dim;
    const to = Math.min(n, lo + GRAM_BLOCK_ROWS) * dim;
    const entry = (i: number, j: number) => {
      let s = gram[i * dim + j]!;
      for (let at = from; at < to; at += dim) s += y[at + i]! * y[at + j]!;
      gram[i * dim + j] = s;
    };
    let i = 0;
    for (; i + 2 <= dim; i += 2) {
      entry(i, i);
      let j = i + 1;
      for (; j + 4 <= dim; j += 4) {
        const r0 = i * dim + j;
        const r1 = r0 + dim;
        // Row i + 1 starts at its diagonal, so its first entry here, (i + 1, i + 1), is in the triangle.
        let s00 = gram[r0]!, s01 = gram[r0 + 1]!, s02 = gram[r0 + 2]!, s03 = gram[r0 + 3]!;
        let s10 = gram[r1]!, s11 = gram[r1 + 1]!, s12 = gram[r1 + 2]!, s13 = gram[r1 + 3]!;
        for (let at = from; at < to; at += dim) {
          const a0 = y[at + i]!;
          const a1 = y[at + i + 1]!;
          const b0 = y[at + j]!;
          const b1 = y[at + j + 1]!;
          const b2 = y[at + j + 2]!;
          const b3 = y[at + j + 3]!;
          s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
          s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
        }
        gram[r0] = s00; gram[r0 + 1] = s01; gram[r0 + 2] = s02; gram[r0 + 3] = s03;
        gram[r1] = s10; gram[r1 + 1] = s11; gram[r1 + 2] = s12; gram[r1 + 3] = s13;
      }
      for (; j < dim; j++) {
        entry(i, j);
        entry(i + 1, j);
      }
    }
    for (; i < dim; i++) for (let j = i; j < dim; j++) entry(i, j);
  }
  return gram;
}

/** Rows of Y per block of gramUpper: 32 rows of 256 floats are 32 kB, about a core's L1 cache. */
const GRAM_BLOCK_ROWS = 32;

/** Replaces each row y of Y by the x that solves y = x Lᵀ (forward substitution), 4 rows at a time. */
function solveRows(y: Float32Array, dim: number, l: Float64Array): void {
  const n = y.length / dim;
  const x = [0, 1, 2, 3].map(() => new Float64Array(dim));
  const [x0, x1, x2, x3] = x as [Float64Array, Float64Array, Float64Array, Float64Array];
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const b0 = r * dim;
    const b1 = b0 + dim;
    const b2 = b1 + dim;
    const b3 = b2 + dim;
    for (let i = 0; i < dim; i++) {
      let s0 = y[b0 + i]!, s1 = y[b1 + i]!, s2 = y[b2 + i]!, s3 = y[b3 + i]!;
      const li = i * dim;
      for (let j = 0; j < i; j++) {
        const lij = l[li + j]!;
        s0 -= lij * x0[j]!; s1 -= lij * x1[j]!; s2 -= lij * x2[j]!; s3 -= lij * x3[j]!;
      }
      const d = l[li + i]!;
      x0[i] = s0 / d; x1[i] = s1 / d; x2[i] = s2 / d; x3[i] = s3 / d;
    }
    for (let i = 0; i < dim; i++) {
      y[b0 + i] = x0[i]!; y[b1 + i] = x1[i]!; y[b2 + i] = x2[i]!; y[b3 + i] = x3[i]!;
    }
  }
  for (; r < n; r++) {
    const base = r * dim;
    for (let i = 0; i < dim; i++) {
      let s = y[base + i]!;
      for (let j = 0; j < i; j++) s -= l[i * dim + j]! * x0[j]!;
      x0[i] = s / l[i * dim + i]!;
    }
    for (let i = 0; i < dim; i++) y[base + i] = x0[i]!;
  }
}

/** Lower-triangular L with L Lᵀ = a (a symmetric positive definite, upper triangle filled). */
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[j * n + i]!; // upper triangle holds (j, i) for j ≤ i
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-30)) : s / l[j * n + j]!;
    }
  }
  return l;
}
