import { describe, expect, it } from 'vitest';
import { addRowTransposed, rowTimesVectors, sumRows, type BagMatrix } from './bag-matrix';
import { seededRandom } from './seeded-random';

const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** Random bags of distinct words, 0 to `maxWords` each (row lengths that leave every remainder of the 2-word and 8-column steps). */
function randomBags(rows: number, vocab: number, maxWords: number, seed: number): BagMatrix {
  const random = seededRandom(seed);
  const offsets = new Uint32Array(rows + 1);
  const ids: number[] = [];
  const weights: number[] = [];
  for (let r = 0; r < rows; r++) {
    const words = new Set<number>();
    const n = r % (maxWords + 1);
    while (words.size < Math.min(n, vocab)) words.add(Math.floor(random.next() * vocab));
    for (const id of words) {
      ids.push(id);
      weights.push(0.1 + random.next() * 5);
    }
    offsets[r + 1] = ids.length;
  }
  return { offsets, ids: Int32Array.from(ids), weights: Float32Array.from(weights), rows };
}

describe('bag matrix products', () => {
  it.each([[256, 40], [19, 25], [8, 3], [3, 9], [1, 4]] as const)('equal the plain loops bit for bit (dim %i, up to %i words a bag)', (dim, maxWords) => {
    const vocab = 60;
    const bags = randomBags(30, vocab, maxWords, dim * 7 + maxWords);
    const random = seededRandom(dim);
    const vectors = Float32Array.from({ length: vocab * dim }, () => random.gaussian());
    const v = Float32Array.from({ length: dim }, () => random.gaussian());
    for (let r = 0; r < bags.rows; r++) {
      const scale = r % 3 === 0 ? 1 : 0.37 + r;
      const expected = new Float32Array(dim);
      for (let p = bags.offsets[r]!; p < bags.offsets[r + 1]!; p++) {
        const w = bags.weights[p]! * scale;
        for (let k = 0; k < dim; k++) expected[k]! += w * vectors[bags.ids[p]! * dim + k]!;
      }
      const actual = new Float32Array(dim).fill(7);
      rowTimesVectors(bags, r, scale, vectors, dim, actual);
      expect(same(actual, expected), `row ${r}`).toBe(true);

      const summed = new Float32Array(dim);
      const norm = sumRows(bags, r, vectors, dim, summed);
      const plain = new Float32Array(dim);
      for (let p = bags.offsets[r]!; p < bags.offsets[r + 1]!; p++) {
        for (let k = 0; k < dim; k++) plain[k]! += bags.weights[p]! * vectors[bags.ids[p]! * dim + k]!;
      }
      expect(same(summed, plain)).toBe(true);
      expect(norm).toBe(Math.sqrt(plain.reduce((s, x) => s + x * x, 0)));

      const target = Float32Array.from({ length: vocab * dim }, (_, i) => (i % 5) - 2);
      const reference = target.slice();
      for (let p = bags.offsets[r]!; p < bags.offsets[r + 1]!; p++) {
        const w = bags.weights[p]! * scale;
        for (let k = 0; k < dim; k++) reference[bags.ids[p]! * dim + k]! += w * v[k]!;
      }
      addRowTransposed(bags, r, scale, v, target, dim);
      expect(same(target, reference), `row ${r}`).toBe(true);
    }
  });
});
