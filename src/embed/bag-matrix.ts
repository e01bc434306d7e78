import { dot } from '../domain/vector-math';
import { weighTokens, type Vocabulary } from './vocabulary';
import { tokenize } from './tokenize';

/**
 * Many weighted bags of words in one compressed-row layout (row r is ids/weights[offsets[r] ..
 * offsets[r+1]]): 158k abstracts take ~100 MB this way instead of a million small arrays.
 */
export type BagMatrix = { offsets: Uint32Array; ids: Int32Array; weights: Float32Array; rows: number };

/** Tokenises and weighs each text (at most `maxTokens` distinct words each). */
export function bagMatrixOf(vocab: Vocabulary, texts: readonly string[], maxTokens = 256): BagMatrix {
  return bagMatrixFromTokens(vocab, texts.map((t) => tokenize(t)), maxTokens);
}

/** As bagMatrixOf, from tokenised texts. */
export function bagMatrixFromTokens(vocab: Vocabulary, tokenized: readonly string[][], maxTokens = 256): BagMatrix {
  const bags = tokenized.map((tokens) => weighTokens(vocab, tokens, maxTokens));
  const offsets = new Uint32Array(bags.length + 1);
  for (let r = 0; r < bags.length; r++) offsets[r + 1] = offsets[r]! + bags[r]!.ids.length;
  const ids = new Int32Array(offsets[bags.length]!);
  const weights = new Float32Array(offsets[bags.length]!);
  for (let r = 0; r < bags.length; r++) {
    ids.set(bags[r]!.ids, offsets[r]!);
    weights.set(bags[r]!.weights, offsets[r]!);
  }
  return { offsets, ids, weights, rows: bags.length };
}

/** Σ weight × row of `vectors` for bag `r`, into `out` (length dim); returns the L2 norm of the sum. */
export function sumRows(m: BagMatrix, r: number, vectors: Float32Array, dim: number, out: Float32Array): number {
  rowTimesVectors(m, r, 1, vectors, dim, out);
  return Math.sqrt(dot(out, out));
}

/*
 * The two sparse products of training, row r of the bag matrix X against the vocab × dim
 * `vectors`. Written for speed (on the 158k corpus the SVD start and the training batches do some
 * 5 × 10¹⁰ multiply-adds in them), but summing exactly as the plain loops `out[k] += w ×
 * vectors[id][k]` over the bag's words in order do, with the same single-precision rounding at
 * each step, so models stay bit-identical.
 */

/** out = (X[r] × scale) · vectors, 8 columns at a time in locals. */
export function rowTimesVectors(m: BagMatrix, r: number, scale: number, vectors: Float32Array, dim: number, out: Float32Array): void {
  const round = Math.fround;
  const from = m.offsets[r]!;
  const to = m.offsets[r + 1]!;
  let k = 0;
  for (; k + 8 <= dim; k += 8) {
    let z0 = 0, z1 = 0, z2 = 0, z3 = 0, z4 = 0, z5 = 0, z6 = 0, z7 = 0;
    for (let p = from; p < to; p++) {
      const w = m.weights[p]! * scale;
      const at = m.ids[p]! * dim + k;
      z0 = round(z0 + w * vectors[at]!); z1 = round(z1 + w * vectors[at + 1]!); z2 = round(z2 + w * vectors[at + 2]!); z3 = round(z3 + w * vectors[at + 3]!);
      z4 = round(z4 + w * vectors[at + 4]!); z5 = round(z5 + w * vectors[at + 5]!); z6 = round(z6 + w * vectors[at + 6]!); z7 = round(z7 + w * vectors[at + 7]!);
    }
    out[k] = z0; out[k + 1] = z1; out[k + 2] = z2; out[k + 3] = z3; out[k + 4] = z4; out[k + 5] = z5; out[k + 6] = z6; out[k + 7] = z7;
  }
  for (; k < dim; k++) {
    let s = 0;
    for (let p = from; p < to; p++) s = round(s + m.weights[p]! * scale * vectors[m.ids[p]! * dim + k]!);
    out[k] = s;
  }
}

/** target[word] += (X[r, word] × scale) × v for every word of row r (a bag's words are distinct: two at a time). */
export function addRowTransposed(m: BagMatrix, r: number, scale: number, v: Float32Array, target: Float32Array, dim: number): void {
  const to = m.offsets[r + 1]!;
  let p = m.offsets[r]!;
  for (; p + 2 <= to; p += 2) {
    const w0 = m.weights[p]! * scale;
    const w1 = m.weights[p + 1]! * scale;
    const b0 = m.ids[p]! * dim;
    const b1 = m.ids[p + 1]! * dim;
    for (let k = 0; k < dim; k++) {
      const vk = v[k]!;
      target[b0 + k]! += w0 * vk;
      target[b1 + k]! += w1 * vk;
    }
  }
  if (p < to) {
    const w = m.weights[p]! * scale;
    const base = m.ids[p]! * dim;
    for (let k = 0; k < dim; k++) target[base + k]! += w * v[k]!;
  }
}
