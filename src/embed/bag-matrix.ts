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
  out.fill(0);
  for (let p = m.offsets[r]!; p < m.offsets[r + 1]!; p++) {
    const w = m.weights[p]!;
    const base = m.ids[p]! * dim;
    for (let k = 0; k < dim; k++) out[k]! += w * vectors[base + k]!;
  }
  let s = 0;
  for (let k = 0; k < dim; k++) s += out[k]! * out[k]!;
  return Math.sqrt(s);
}
