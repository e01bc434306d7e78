import fs from 'node:fs';
import usearch from 'usearch';
import { writeAtomically } from './model-file';

/** A neighbour: paper id and cosine similarity (1 − cosine distance). */
export type VectorHit = { paperId: number; score: number };

/** What the index file holds besides the graph. */
export type VectorIndexInfo = {
  dim: number;
  /** trainedAt of the model whose vectors these are: another model means a rebuild. */
  model: string;
  /** Every paper with an id up to here has been embedded (the catch-up marker). */
  maxPaperId: number;
};

/**
 * An HNSW index (usearch, cosine, f16 storage) of paper vectors keyed by paper id, persisted as
 * `<file>` (the graph), `<file>.vectors` (each vector again, int8, since usearch cannot hand a
 * vector back: hybrid ranking and "similar papers" read them) and `<file>.json` (VectorIndexInfo).
 */
export class VectorIndex {
  private readonly index: InstanceType<typeof usearch.Index>;
  /** Unit vectors × 127, rounded: 256 bytes a paper at 256 dimensions. */
  private readonly stored = new Map<number, Int8Array>();
  private constructor(public info: VectorIndexInfo) {
    this.index = new usearch.Index({ dimensions: info.dim, metric: usearch.MetricKind.Cos, quantization: usearch.ScalarKind.F16, connectivity: 16, expansion_add: 128, expansion_search: 64, multi: false });
  }

  /** An empty index for vectors of `dim` from `model`. */
  static create(dim: number, model: string): VectorIndex {
    return new VectorIndex({ dim, model, maxPaperId: 0 });
  }

  /** The index saved at `file`, or null when there is none. */
  static load(file: string): VectorIndex | null {
    if (!fs.existsSync(file) || !fs.existsSync(`${file}.json`)) return null;
    const info = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as VectorIndexInfo;
    const index = new VectorIndex(info);
    index.index.load(file);
    if (fs.existsSync(`${file}.vectors`)) {
      const bin = new Uint8Array(fs.readFileSync(`${file}.vectors`));
      const n = new DataView(bin.buffer).getUint32(0, true);
      const ids = new Int32Array(bin.buffer.slice(4, 4 + n * 4));
      for (let i = 0; i < n; i++) index.stored.set(ids[i]!, new Int8Array(bin.buffer, 4 + n * 4 + i * info.dim, info.dim));
    }
    return index;
  }

  get size(): number {
    return Number(this.index.size());
  }

  /** Adds (or replaces) the vectors of papers; moves the catch-up marker to the largest id. */
  add(ids: readonly number[], vectors: readonly Float32Array[]): void {
    if (ids.length === 0) return;
    const keys: bigint[] = [];
    const flat = new Float32Array(ids.length * this.info.dim);
    let n = 0;
    for (const [i, id] of ids.entries()) {
      const v = vectors[i]!;
      if (this.index.contains(BigInt(id))) this.index.remove(BigInt(id));
      this.stored.delete(id);
      // A text with no known word has no direction: it cannot be anyone's neighbour.
      if (!v.some((x) => x !== 0)) continue;
      keys.push(BigInt(id));
      flat.set(v, n * this.info.dim);
      this.stored.set(id, Int8Array.from(v, (x) => Math.round(x * 127)));
      n++;
    }
    if (n > 0) this.index.add(BigUint64Array.from(keys), flat.subarray(0, n * this.info.dim));
    this.info.maxPaperId = Math.max(this.info.maxPaperId, ...ids);
  }

  /** Moves the catch-up marker up to `paperId` (every paper up to it has been seen), never down. */
  markThrough(paperId: number): void {
    this.info.maxPaperId = Math.max(this.info.maxPaperId, paperId);
  }

  /** The stored (int8-rounded, unit-length within 1%) vector of a paper, or null. */
  vectorOf(paperId: number): Float32Array | null {
    const q = this.stored.get(paperId);
    return q ? Float32Array.from(q, (x) => x / 127) : null;
  }

  /**
   * The stored vectors of those of `paperIds` the index holds (the others are left out). A plain
   * loop rather than vectorOf's per-element callback: the personal feed reads thousands at once.
   */
  vectorsOf(paperIds: readonly number[]): Map<number, Float32Array> {
    const out = new Map<number, Float32Array>();
    const dim = this.info.dim;
    // One buffer for all of them, each vector a view into it: one allocation instead of thousands.
    const all = new Float32Array(paperIds.length * dim);
    let n = 0;
    for (const id of paperIds) {
      const q = this.stored.get(id);
      if (!q || out.has(id)) continue;
      const v = all.subarray(n * dim, (n + 1) * dim);
      for (let i = 0; i < dim; i++) v[i] = q[i]! / 127;
      out.set(id, v);
      n++;
    }
    return out;
  }

  /**
   * The mean of all stored vectors (not unit length): the direction every paper shares. Computed
   * on first use (158k papers: a fraction of a second) and again once the index has grown by 5 %.
   */
  meanVector(): Float32Array {
    if (this.mean && this.stored.size <= this.mean.size * 1.05) return this.mean.vector;
    const sum = new Float64Array(this.info.dim);
    for (const q of this.stored.values()) for (let i = 0; i < q.length; i++) sum[i]! += q[i]!;
    const n = Math.max(1, this.stored.size);
    const vector = Float32Array.from(sum, (x) => x / 127 / n);
    this.mean = { vector, size: this.stored.size };
    return vector;
  }

  private mean: { vector: Float32Array; size: number } | null = null;

  /** The `k` nearest papers to a unit vector, nearest first. */
  search(vector: Float32Array, k: number): VectorHit[] {
    if (this.size === 0 || k <= 0 || !vector.some((x) => x !== 0)) return [];
    const found = this.index.search(vector, Math.min(k, this.size), 0);
    const out: VectorHit[] = [];
    for (let i = 0; i < found.keys.length; i++) out.push({ paperId: Number(found.keys[i]), score: 1 - found.distances[i]! });
    return out;
  }

  /** Writes the graph and its info (info last, so a crash in between leaves the old pair unreadable rather than mismatched). */
  save(file: string): void {
    const tmp = `${file}.tmp-${process.pid}`;
    this.index.save(tmp);
    const n = this.stored.size;
    const bin = new Uint8Array(4 + n * 4 + n * this.info.dim);
    new DataView(bin.buffer).setUint32(0, n, true);
    const ids = new Int32Array(bin.buffer, 4, n);
    let i = 0;
    for (const [id, v] of this.stored) {
      ids[i] = id;
      bin.set(new Uint8Array(v.buffer, v.byteOffset, v.length), 4 + n * 4 + i * this.info.dim);
      i++;
    }
    fs.rmSync(`${file}.json`, { force: true });
    fs.renameSync(tmp, file);
    writeAtomically(`${file}.vectors`, bin);
    writeAtomically(`${file}.json`, JSON.stringify(this.info));
  }
}
