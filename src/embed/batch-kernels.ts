/**
 * The two products that dominate a contrastive training batch (m × m × dim multiply-adds each),
 * over a range of rows so two threads can share a batch (batch-team.ts). Each output element is
 * summed in the same order whatever the split, so one thread and two give bit-identical models.
 */

/** Rows `lo..hi` of logits[i][j] = q_i · d_j × invT. */
export function logitRows(qv: Float32Array, dv: Float32Array, logits: Float32Array, m: number, dim: number, invT: number, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += qv[i * dim + k]! * dv[j * dim + k]!;
      logits[i * m + j] = s * invT;
    }
  }
}

/**
 * Rows `lo..hi` of both gradients, from the softmax gradient G (in `logits`):
 * dLoss/dq_i = Σ_j G_ij d_j × invT and dLoss/dd_j = Σ_i G_ij q_i × invT (i and j ascending).
 */
export function gradientRows(
  logits: Float32Array, qv: Float32Array, dv: Float32Array, gq: Float32Array, gd: Float32Array,
  m: number, dim: number, invT: number, lo: number, hi: number,
): void {
  gq.fill(0, lo * dim, hi * dim);
  gd.fill(0, lo * dim, hi * dim);
  for (let i = lo; i < hi; i++) {
    for (let j = 0; j < m; j++) {
      const g = logits[i * m + j]! * invT;
      if (g === 0) continue;
      for (let k = 0; k < dim; k++) gq[i * dim + k]! += g * dv[j * dim + k]!;
    }
  }
  for (let j = lo; j < hi; j++) {
    for (let i = 0; i < m; i++) {
      const g = logits[i * m + j]! * invT;
      if (g === 0) continue;
      for (let k = 0; k < dim; k++) gd[j * dim + k]! += g * qv[i * dim + k]!;
    }
  }
}
