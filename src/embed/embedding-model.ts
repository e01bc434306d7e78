import { normalize } from '../domain/vector-math';
import { tokenize } from './tokenize';
import { weighTokens, type Vocabulary, type WeightedTokens } from './vocabulary';

/**
 * The trained model as it is served: one int8 row per vocabulary word with a float scale
 * (row ≈ scale × int8 values), so 158k papers' worth of vocabulary fits in ~20 MB.
 */
export type EmbeddingModel = {
  dim: number;
  vocab: Vocabulary;
  rows: Int8Array;
  scales: Float32Array;
};

/** The unit-length vector of a text: idf-weighted sum of its words' rows, L2-normalised (zero when no word is known). */
export function embedText(model: EmbeddingModel, text: string): Float32Array {
  return embedBag(model, weighTokens(model.vocab, tokenize(text)));
}

/** Same as embedText for an already weighted bag of words. */
export function embedBag(model: EmbeddingModel, bag: WeightedTokens): Float32Array {
  const { dim, rows, scales } = model;
  const out = new Float32Array(dim);
  for (let i = 0; i < bag.ids.length; i++) {
    const id = bag.ids[i]!;
    const w = bag.weights[i]! * scales[id]!;
    const base = id * dim;
    for (let k = 0; k < dim; k++) out[k]! += w * rows[base + k]!;
  }
  return normalize(out);
}

/**
 * Int8 rows with one scale per row (max |x| / 127): the round-trip error of an element is at
 * most half a step, scale / 2.
 */
export function quantizeRows(vectors: Float32Array, dim: number): { rows: Int8Array; scales: Float32Array } {
  const n = vectors.length / dim;
  const rows = new Int8Array(vectors.length);
  const scales = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let max = 0;
    for (let k = 0; k < dim; k++) max = Math.max(max, Math.abs(vectors[r * dim + k]!));
    const scale = max === 0 ? 1 : max / 127;
    scales[r] = scale;
    for (let k = 0; k < dim; k++) rows[r * dim + k] = Math.round(vectors[r * dim + k]! / scale);
  }
  return { rows, scales };
}

/** The float rows an int8 model stands for. */
export function dequantizeRows(model: Pick<EmbeddingModel, 'rows' | 'scales' | 'dim'>): Float32Array {
  const out = new Float32Array(model.rows.length);
  for (let i = 0; i < out.length; i++) out[i] = model.rows[i]! * model.scales[Math.floor(i / model.dim)]!;
  return out;
}
