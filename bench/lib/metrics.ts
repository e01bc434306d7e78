/**
 * Retrieval metrics as BEIR computes them (pytrec_eval): nDCG@k with linear gains and a log2
 * discount, Recall@k over the documents judged relevant (grade > 0).
 */

/** Judgements: query id → document id → grade. */
export type Qrels = Map<string, Map<string, number>>;

/** Parses a BEIR qrels TSV (`query-id<TAB>corpus-id<TAB>score`, optional header line). */
export function parseQrels(tsv: string): Qrels {
  const qrels: Qrels = new Map();
  for (const [i, line] of tsv.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const [q, d, s] = line.split('\t');
    const grade = Number(s);
    if (q === undefined || d === undefined || !Number.isFinite(grade)) {
      if (i === 0) continue; // header
      throw new Error(`qrels line ${i + 1}: expected query-id<TAB>corpus-id<TAB>score`);
    }
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(d, grade);
  }
  return qrels;
}

/** nDCG@k of a ranked list of document ids against graded judgements; 0 when none is relevant. */
export function ndcgAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  let dcg = 0;
  for (const [i, id] of ranked.slice(0, k).entries()) dcg += (judged.get(id) ?? 0) / Math.log2(i + 2);
  const ideal = [...judged.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Share of the relevant documents found in the first k; 0 when none is relevant. */
export function recallAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  const relevant = [...judged].filter(([, g]) => g > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The p-th percentile (0..100) by nearest rank of unsorted values; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Reciprocal rank of `target` within the first k (0 when absent). */
export function reciprocalRankAtK(ranked: readonly string[], target: string, k: number): number {
  const i = ranked.slice(0, k).indexOf(target);
  return i < 0 ? 0 : 1 / (i + 1);
}
