import { dot } from '../domain/vector-math';

/**
 * The two products that dominate a contrastive training batch (m × m × dim multiply-adds each),
 * over a range of rows so two threads can share a batch (batch-team.ts). Each output element is
 * summed in the same order whatever the split, so one thread and two give bit-identical models.
 *
 * Both work on tiles of 2 output rows × 4 columns held in locals: each value loaded from memory
 * then serves 4 or 2 multiply-adds instead of one (decision 17: with the other tiled loops, training
 * the 158k corpus went from 458 s to 252.5 s, docs/benchmarks.md §8). A tile sums each of its elements in exactly the
 * order the element-at-a-time loop did, and rounds where it rounded, so the results are the
 * same bit for bit (batch-kernels.test.ts compares them with that loop).
 */

/** Rows `lo..hi` of logits[i][j] = q_i · d_j × invT (each dot product summed in double precision, k ascending). */
export function logitRows(qv: Float32Array, dv: Float32Array, logits: Float32Array, m: number, dim: number, invT: number, lo: number, hi: number): void {
  let i = lo;
  for (; i + 2 <= hi; i += 2) {
    const a0 = i * dim;
    const a1 = a0 + dim;
    const r0 = i * m;
    const r1 = r0 + m;
    let j = 0;
    for (; j + 4 <= m; j += 4) {
      const b0 = j * dim;
      const b1 = b0 + dim;
      const b2 = b1 + dim;
      const b3 = b2 + dim;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < dim; k++) {
        const q0 = qv[a0 + k]!;
        const q1 = qv[a1 + k]!;
        const d0 = dv[b0 + k]!;
        const d1 = dv[b1 + k]!;
        const d2 = dv[b2 + k]!;
        const d3 = dv[b3 + k]!;
        s00 += q0 * d0; s01 += q0 * d1; s02 += q0 * d2; s03 += q0 * d3;
        s10 += q1 * d0; s11 += q1 * d1; s12 += q1 * d2; s13 += q1 * d3;
      }
      logits[r0 + j] = s00 * invT; logits[r0 + j + 1] = s01 * invT; logits[r0 + j + 2] = s02 * invT; logits[r0 + j + 3] = s03 * invT;
      logits[r1 + j] = s10 * invT; logits[r1 + j + 1] = s11 * invT; logits[r1 + j + 2] = s12 * invT; logits[r1 + j + 3] = s13 * invT;
    }
    for (; j < m; j++) {
      const d = row(dv, j, dim);
      logits[r0 + j] = dot(row(qv, i, dim), d) * invT;
      logits[r1 + j] = dot(row(qv, i + 1, dim), d) * invT;
    }
  }
  for (; i < hi; i++) {
    for (let j = 0; j < m; j++) logits[i * m + j] = dot(row(qv, i, dim), row(dv, j, dim)) * invT;
  }
}

/** Row `i` of a row-major matrix `dim` wide (the remainders past the last whole tile only). */
function row(v: Float32Array, i: number, dim: number): Float32Array {
  return v.subarray(i * dim, (i + 1) * dim);
}

/**
 * Rows `lo..hi` of both gradients, from the softmax gradient G (in `logits`):
 * dLoss/dq_i = Σ_j G_ij d_j × invT and dLoss/dd_j = Σ_i G_ij q_i × invT (i and j ascending,
 * each partial sum rounded to single precision, as accumulating into a Float32Array does).
 */
export function gradientRows(
  logits: Float32Array, qv: Float32Array, dv: Float32Array, gq: Float32Array, gd: Float32Array,
  m: number, dim: number, invT: number, lo: number, hi: number,
): void {
  // gq row i weighs the d rows by G's row i; gd row j weighs the q rows by G's column j.
  weightedRowSums(logits, m, 1, dv, gq, m, dim, invT, lo, hi);
  weightedRowSums(logits, 1, m, qv, gd, m, dim, invT, lo, hi);
}

/**
 * out[r][k] = Σ_t (G[r × rowStep + t × termStep] × invT) × x[t][k] for rows r in lo..hi,
 * t ascending over the m rows of x, each partial sum rounded to single precision.
 */
function weightedRowSums(
  g: Float32Array, rowStep: number, termStep: number, x: Float32Array, out: Float32Array,
  m: number, dim: number, invT: number, lo: number, hi: number,
): void {
  const round = Math.fround;
  let r = lo;
  for (; r + 2 <= hi; r += 2) {
    const g0 = r * rowStep;
    const g1 = g0 + rowStep;
    const o0 = r * dim;
    const o1 = o0 + dim;
    let k = 0;
    for (; k + 4 <= dim; k += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let t = 0, c = 0, at = k; t < m; t++, c += termStep, at += dim) {
        const w0 = g[g0 + c]! * invT;
        const w1 = g[g1 + c]! * invT;
        const x0 = x[at]!;
        const x1 = x[at + 1]!;
        const x2 = x[at + 2]!;
        const x3 = x[at + 3]!;
        s00 = round(s00 + w0 * x0); s01 = round(s01 + w0 * x1); s02 = round(s02 + w0 * x2); s03 = round(s03 + w0 * x3);
        s10 = round(s10 + w1 * x0); s11 = round(s11 + w1 * x1); s12 = round(s12 + w1 * x2); s13 = round(s13 + w1 * x3);
      }
      out[o0 + k] = s00; out[o0 + k + 1] = s01; out[o0 + k + 2] = s02; out[o0 + k + 3] = s03;
      out[o1 + k] = s10; out[o1 + k + 1] = s11; out[o1 + k + 2] = s12; out[o1 + k + 3] = s13;
    }
    for (; k < dim; k++) {
      out[o0 + k] = weightedColumn(g, g0, termStep, x, k, m, dim, invT);
      out[o1 + k] = weightedColumn(g, g1, termStep, x, k, m, dim, invT);
    }
  }
  for (; r < hi; r++) {
    for (let k = 0; k < dim; k++) out[r * dim + k] = weightedColumn(g, r * rowStep, termStep, x, k, m, dim, invT);
  }
}

function weightedColumn(g: Float32Array, gAt: number, termStep: number, x: Float32Array, k: number, m: number, dim: number, invT: number): number {
  let s = 0;
  for (let t = 0; t < m; t++) s = Math.fround(s + g[gAt + t * termStep]! * invT * x[t * dim + k]!);
  return s;
}
