import { addRowTransposed, sumRows, type BagMatrix } from './bag-matrix';
import { soloTeam, type BatchTeam } from './batch-team';
import { shuffledIndexes, type Random } from './seeded-random';

/** The trainable state: word rows and their Adagrad accumulators (both vocab × dim). */
export type TrainingState = { dim: number; vectors: Float32Array; accumulators: Float32Array };

/** Hyper-parameters of one epoch. */
export type ContrastiveOptions = {
  /** Pairs per batch; every other pair of the batch is a negative. */
  batchSize: number;
  /** InfoNCE temperature. */
  temperature: number;
  /** Adagrad learning rate. */
  learningRate: number;
};

export const DEFAULT_CONTRASTIVE: ContrastiveOptions = { batchSize: 512, temperature: 0.05, learningRate: 0.05 };

/**
 * One epoch of contrastive training on aligned pairs (row i of `queries` goes with row i of
 * `documents`, e.g. title ↔ abstract): a symmetric InfoNCE loss with in-batch negatives over
 * the L2-normalised weighted sums, Adagrad on the rows the batch touched only. Batches follow a
 * shuffle drawn from `random`, so the same seed and state give the same result. The batch's two
 * big products run on `team` (one thread by default; see batch-team.ts). Returns the mean loss;
 * `onBatch(done, total)` reports progress.
 */
export function trainEpoch(
  state: TrainingState,
  queries: BagMatrix,
  documents: BagMatrix,
  random: Random,
  options: ContrastiveOptions = DEFAULT_CONTRASTIVE,
  onBatch?: (done: number, total: number) => void,
  team: BatchTeam = soloTeam(state.dim, options.batchSize),
): number {
  const { dim } = state;
  const n = queries.rows;
  const order = shuffledIndexes(n, random);
  const b = options.batchSize;
  const invT = 1 / options.temperature;
  const { qv, dv, logits, gq, gd } = team.buffers;
  const qn = new Float32Array(b);
  const dn = new Float32Array(b);
  const grad = new Float32Array(state.vectors.length);
  const touched = new Uint8Array(state.vectors.length / dim);
  const touchedList: number[] = [];
  let lossSum = 0;
  let batches = 0;
  for (let start = 0; start + 2 <= n; start += b) {
    const m = Math.min(b, n - start);
    if (m < 2) break;
    for (let i = 0; i < m; i++) {
      const row = order[start + i]!;
      qn[i] = unit(queries, row, state, qv, i);
      dn[i] = unit(documents, row, state, dv, i);
    }
    // logits[i][j] = q_i · d_j / T
    team.logits(m, dim, invT);
    lossSum += symmetricSoftmaxGrad(logits, m);
    batches += 1;
    // dLoss/dq_i = Σ_j G_ij d_j / T ; dLoss/dd_j = Σ_i G_ij q_i / T
    team.gradients(m, dim, invT);
    for (let i = 0; i < m; i++) {
      const row = order[start + i]!;
      scatter(queries, row, qv, gq, i, qn[i]!, dim, grad, touched, touchedList);
      scatter(documents, row, dv, gd, i, dn[i]!, dim, grad, touched, touchedList);
    }
    adagrad(state, grad, touched, touchedList, options.learningRate);
    onBatch?.(Math.min(start + b, n), n);
  }
  return batches === 0 ? 0 : lossSum / batches;
}

/** Writes the unit vector of bag `row` into slot `i` of `out`; returns the norm before scaling. */
function unit(m: BagMatrix, row: number, state: TrainingState, out: Float32Array, i: number): number {
  const dim = state.dim;
  const view = out.subarray(i * dim, (i + 1) * dim);
  const norm = sumRows(m, row, state.vectors, dim, view);
  if (norm > 0) for (let k = 0; k < dim; k++) view[k]! /= norm;
  return norm;
}

/**
 * Replaces the m × m logits by the gradient of the mean of the row-wise and column-wise
 * cross-entropies with the diagonal as targets; returns that loss.
 */
export function symmetricSoftmaxGrad(logits: Float32Array, m: number): number {
  const rowP = new Float32Array(m * m);
  const colP = new Float32Array(m * m);
  let loss = 0;
  for (let i = 0; i < m; i++) {
    let max = -Infinity;
    for (let j = 0; j < m; j++) max = Math.max(max, logits[i * m + j]!);
    let sum = 0;
    for (let j = 0; j < m; j++) sum += (rowP[i * m + j] = Math.exp(logits[i * m + j]! - max));
    for (let j = 0; j < m; j++) rowP[i * m + j]! /= sum;
    loss -= logits[i * m + i]! - max - Math.log(sum);
  }
  for (let j = 0; j < m; j++) {
    let max = -Infinity;
    for (let i = 0; i < m; i++) max = Math.max(max, logits[i * m + j]!);
    let sum = 0;
    for (let i = 0; i < m; i++) sum += (colP[i * m + j] = Math.exp(logits[i * m + j]! - max));
    for (let i = 0; i < m; i++) colP[i * m + j]! /= sum;
    loss -= logits[j * m + j]! - max - Math.log(sum);
  }
  const scale = 1 / (2 * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) logits[i * m + j] = (rowP[i * m + j]! + colP[i * m + j]! - (i === j ? 2 : 0)) * scale;
  }
  return loss * scale;
}

/** Back through the normalisation (g − (g·v) v) / |u|, then into each word row of bag `row`. */
function scatter(
  m: BagMatrix, row: number, v: Float32Array, g: Float32Array, i: number, norm: number, dim: number,
  grad: Float32Array, touched: Uint8Array, touchedList: number[],
): void {
  if (norm === 0) return;
  let gv = 0;
  for (let k = 0; k < dim; k++) gv += g[i * dim + k]! * v[i * dim + k]!;
  const gu = new Float32Array(dim);
  for (let k = 0; k < dim; k++) gu[k] = (g[i * dim + k]! - gv * v[i * dim + k]!) / norm;
  addRowTransposed(m, row, 1, gu, grad, dim);
  for (let p = m.offsets[row]!; p < m.offsets[row + 1]!; p++) {
    const id = m.ids[p]!;
    if (touched[id] === 0) {
      touched[id] = 1;
      touchedList.push(id);
    }
  }
}

/** Adagrad on the touched rows, in the order they were first touched; clears their gradients. */
function adagrad(state: TrainingState, grad: Float32Array, touched: Uint8Array, touchedList: number[], lr: number): void {
  const { dim, vectors, accumulators } = state;
  for (const id of touchedList) {
    const base = id * dim;
    for (let k = 0; k < dim; k++) {
      const g = grad[base + k]!;
      const acc = (accumulators[base + k]! += g * g);
      vectors[base + k]! -= (lr * g) / (Math.sqrt(acc) + 1e-8);
      grad[base + k] = 0;
    }
    touched[id] = 0;
  }
  touchedList.length = 0;
}
