import type { BagMatrix } from './bag-matrix';
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
    addTransposed(docs, r, norms[r]!, g, y, dim);
  }
  orthonormalize(y, dim);
  for (let it = 0; it < powerIterations; it++) {
    const next = new Float32Array(vocabSize * dim);
    const z = new Float32Array(dim);
    for (let r = 0; r < docs.rows; r++) {
      // z = X[r] · Y, then Xᵀ z accumulates into the next basis.
      z.fill(0);
      const inv = norms[r]!;
      for (let p = docs.offsets[r]!; p < docs.offsets[r + 1]!; p++) {
        const w = docs.weights[p]! * inv;
        const base = docs.ids[p]! * dim;
        for (let k = 0; k < dim; k++) z[k]! += w * y[base + k]!;
      }
      addTransposed(docs, r, inv, z, next, dim);
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

/** target[word] += (X[r, word] × scale) × v for every word of row r. */
function addTransposed(docs: BagMatrix, r: number, scale: number, v: Float32Array, target: Float32Array, dim: number): void {
  for (let p = docs.offsets[r]!; p < docs.offsets[r + 1]!; p++) {
    const w = docs.weights[p]! * scale;
    const base = docs.ids[p]! * dim;
    for (let k = 0; k < dim; k++) target[base + k]! += w * v[k]!;
  }
}

/**
 * Makes the columns of the row-major n × dim matrix orthonormal in place, by Cholesky QR done
 * twice (the second pass repairs what rounding left of the first); a small ridge keeps the
 * factorisation defined when a column is (nearly) dependent, e.g. on a tiny corpus.
 */
export function orthonormalize(y: Float32Array, dim: number): void {
  for (let pass = 0; pass < 2; pass++) {
    const n = y.length / dim;
    const gram = new Float64Array(dim * dim);
    for (let r = 0; r < n; r++) {
      const base = r * dim;
      for (let i = 0; i < dim; i++) {
        const yi = y[base + i]!;
        if (yi === 0) continue;
        const row = i * dim;
        for (let j = i; j < dim; j++) gram[row + j]! += yi * y[base + j]!;
      }
    }
    let trace = 0;
    for (let i = 0; i < dim; i++) trace += gram[i * dim + i]!;
    const ridge = (trace / dim) * 1e-6 + 1e-12;
    for (let i = 0; i < dim; i++) gram[i * dim + i]! += ridge;
    const l = cholesky(gram, dim);
    // Solve each row x of Y = X Lᵀ for x: forward substitution with L.
    const x = new Float64Array(dim);
    for (let r = 0; r < n; r++) {
      const base = r * dim;
      for (let i = 0; i < dim; i++) {
        let s = y[base + i]!;
        for (let j = 0; j < i; j++) s -= l[i * dim + j]! * x[j]!;
        x[i] = s / l[i * dim + i]!;
      }
      for (let i = 0; i < dim; i++) y[base + i] = x[i]!;
    }
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
