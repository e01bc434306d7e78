/**
 * "For you": a reader's personal feed from what they liked (upvotes and collection entries),
 * as pure rules over unit vectors of the embedding model. Decision 0013 says why this is
 * computed per request.
 *
 * 0. Vectors. Every vector is centred first (the corpus mean subtracted, back to unit length:
 *    `centred`), so "cosine" below means the same on any embedding model.
 * 1. Likes. A liked paper weighs
 *      w = (UPVOTE if upvoted) + (COLLECTED if in any of the reader's collections), each term × 2^(−age / HALF_LIFE)
 *    with the age of that signal (a paper in several collections counts once, at its latest
 *    entry). Only the MAX_LIKES most recent liked papers count.
 * 2. Interests. Likes are grouped into at most MAX_INTERESTS interests by weighted spherical
 *    k-means: the heaviest like seeds the first centre; the like least similar to every centre
 *    seeds another while its cosine to all of them is below INTEREST_COSINE (so ten papers on
 *    one topic make one interest, three papers on three topics make three); then Lloyd rounds
 *    with centre = normalize(Σ w·v) of its likes. An interest weighs the sum of its likes'
 *    weights. (PinnerSage's idea: one average of unrelated tastes points at none of them.)
 * 3. Ranking. Each candidate is scored against each interest by cosine; the feed's slots are
 *    dealt to interests in proportion to their weight (the interest furthest behind its share
 *    picks next), and an interest picks by maximal marginal relevance:
 *      (1 − DIVERSITY) · cos(c, centre) − DIVERSITY · max(0, max cos(c, already picked))
 *    skipping candidates within DUPLICATE_COSINE of a pick, so twenty versions of one liked
 *    paper never fill the feed, and candidates below MIN_COSINE to the interest: a short feed
 *    rather than one padded with unrelated papers. Liked papers are never candidates, nor are
 *    the close neighbours of a paper the reader marked "Not interested" (within AVOID_COSINE of
 *    it, AVOID_NEIGHBOURS at most) that are nearer to it than to every interest: "fewer like
 *    this one", never "none of what I liked".
 * 4. Reason. Each pick names the liked paper nearest to it ("because you liked …").
 * Ties break on the smaller paper id (likes) or the earlier candidate, so a feed is deterministic.
 */
import { dot, normalize } from './vector-math';

/** One signal of liking a paper. */
export type LikeSignal = { paperId: number; kind: 'upvote' | 'collection'; at: string };

/** A liked paper with its merged, decayed weight and its latest signal's time. */
export type Like = { paperId: number; weight: number; at: string };

/** A group of similar likes: its unit centre, its weight, the liked papers in it. */
export type Interest = { centre: Float32Array; weight: number; paperIds: number[] };

/** A paper the feed recommends: its cosine to the interest that picked it and the liked paper nearest to it. */
export type ForYouPick = { paperId: number; score: number; becauseId: number };

export type ForYouRules = {
  upvoteWeight: number;
  collectionWeight: number;
  halfLifeDays: number;
  maxLikes: number;
  maxInterests: number;
  interestCosine: number;
  minCosine: number;
  diversity: number;
  duplicateCosine: number;
  avoidCosine: number;
  avoidNeighbours: number;
};

/**
 * The rules as shipped. Collecting is a deliberate act (naming a list, choosing it), so it
 * weighs more than a one-click upvote. The cosines are set from the built-in model on the 158k
 * corpus, centred (`npx tsx bench/for-you-cosines.ts`, docs/benchmarks.md §8): random pairs of
 * papers sit at 0.0 (99th percentile 0.25; 0.35 within one category), a paper's nearest
 * neighbour at 0.61 (95th percentile 0.76), its 10th at 0.52, its 50th at 0.46. So: likes as
 * close as a paper's ~50th neighbour share an interest (0.4); a candidate must be clearly above
 * chance (0.3); two picks closer than 19 in 20 nearest neighbours are near-duplicates (0.8).
 * "Not interested" takes out what is as close to that paper as its ~10th nearest neighbour in the
 * whole corpus (0.5) and closer to it than to the reader's interests, its 20 nearest candidates
 * at most: the same narrow subject, not the whole field.
 */
export const FOR_YOU_RULES: ForYouRules = {
  upvoteWeight: 1,
  collectionWeight: 1.5,
  halfLifeDays: 90,
  maxLikes: 200,
  maxInterests: 5,
  interestCosine: 0.4,
  minCosine: 0.3,
  diversity: 0.3,
  duplicateCosine: 0.8,
  avoidCosine: 0.5,
  avoidNeighbours: 20,
};

const DAY_MS = 86_400_000;
const LLOYD_ROUNDS = 8;

/**
 * Merges signals into one Like per paper (weights as in the module comment, decayed to `now`),
 * most recent first, at most `rules.maxLikes`.
 */
export function mergeLikes(signals: readonly LikeSignal[], now: Date, rules: ForYouRules = FOR_YOU_RULES): Like[] {
  const byPaper = new Map<number, { upvote?: string; collection?: string }>();
  for (const s of signals) {
    const entry = byPaper.get(s.paperId) ?? {};
    const previous = entry[s.kind];
    if (previous === undefined || Date.parse(s.at) > Date.parse(previous)) entry[s.kind] = s.at;
    byPaper.set(s.paperId, entry);
  }
  const decay = (at: string) => 2 ** (-Math.max(0, now.getTime() - Date.parse(at)) / (rules.halfLifeDays * DAY_MS));
  const likes: Like[] = [];
  for (const [paperId, e] of byPaper) {
    const weight = (e.upvote ? rules.upvoteWeight * decay(e.upvote) : 0) + (e.collection ? rules.collectionWeight * decay(e.collection) : 0);
    const at = [e.upvote, e.collection].filter((x): x is string => x !== undefined).sort((a, b) => Date.parse(b) - Date.parse(a))[0]!;
    likes.push({ paperId, weight, at });
  }
  likes.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.paperId - b.paperId);
  return likes.slice(0, rules.maxLikes);
}

/**
 * The reader's interests from likes that have vectors (others are left out), heaviest first.
 * Empty when no like has a vector.
 */
export function buildInterests(likes: readonly Like[], vectors: ReadonlyMap<number, Float32Array>, rules: ForYouRules = FOR_YOU_RULES): Interest[] {
  const items = likes
    .filter((l) => vectors.has(l.paperId) && l.weight > 0)
    .map((l) => ({ like: l, v: vectors.get(l.paperId)! }))
    .sort((a, b) => b.like.weight - a.like.weight || a.like.paperId - b.like.paperId);
  if (items.length === 0) return [];

  // Seeds: the heaviest like, then the like farthest from every centre while it is far enough.
  const centres: Float32Array[] = [Float32Array.from(items[0]!.v)];
  const nearestCentre = items.map((it) => dot(centres[0]!, it.v));
  while (centres.length < rules.maxInterests) {
    let farthest = 0;
    for (let i = 1; i < items.length; i++) if (nearestCentre[i]! < nearestCentre[farthest]!) farthest = i;
    if (nearestCentre[farthest]! >= rules.interestCosine) break;
    const centre = Float32Array.from(items[farthest]!.v);
    centres.push(centre);
    for (const [i, it] of items.entries()) nearestCentre[i] = Math.max(nearestCentre[i]!, dot(centre, it.v));
  }

  // Lloyd rounds: assign to the nearest centre, move each centre to its likes' weighted mean.
  let assignment = new Int32Array(items.length).fill(-1);
  for (let round = 0; round < LLOYD_ROUNDS; round++) {
    const next = Int32Array.from(items, (it) => nearest(centres, it.v));
    if (next.every((k, i) => k === assignment[i])) break;
    assignment = next;
    for (let k = 0; k < centres.length; k++) {
      const sum = new Float32Array(centres[k]!.length);
      for (const [i, it] of items.entries()) if (assignment[i] === k) addScaled(sum, it.v, it.like.weight);
      if (sum.some((x) => x !== 0)) centres[k] = normalize(sum);
    }
  }

  const interests: Interest[] = centres.map((centre) => ({ centre, weight: 0, paperIds: [] }));
  for (const [i, it] of items.entries()) {
    const interest = interests[assignment[i]!]!;
    interest.weight += it.like.weight;
    interest.paperIds.push(it.like.paperId);
  }
  return interests.filter((x) => x.paperIds.length > 0).sort((a, b) => b.weight - a.weight || a.paperIds[0]! - b.paperIds[0]!);
}

/** Papers and their unit vectors, one row each in one buffer (`data.length === ids.length * dim`). */
export type VectorRows = { ids: readonly number[]; data: Float32Array; dim: number };

/** A row's vector (a view, no copy). */
export function rowVector(rows: VectorRows, row: number): Float32Array {
  return rows.data.subarray(row * rows.dim, (row + 1) * rows.dim);
}

/**
 * For each query, the `k` rows with the largest cosine to it, best first. The exact answer is
 * the contract: the server passes a native brute-force search (embed/exact-nearest.ts) that gives
 * the same rows as this loop, only faster.
 */
export type NearestRows = (rows: VectorRows, queries: readonly Float32Array[], k: number) => Array<Array<{ row: number; cos: number }>>;

/** NearestRows in plain TypeScript (ties: the earlier row first). */
export const nearestRowsByLoop: NearestRows = (rows, queries, k) =>
  queries.map((q) => {
    const all = rows.ids.map((_, row) => ({ row, cos: dot(q, rowVector(rows, row)) }));
    return all.sort((a, b) => b.cos - a.cos || a.row - b.row).slice(0, k);
  });

/**
 * The feed: at most `limit` picks from the candidate rows (liked and `excludeIds` papers left
 * out), in feed order, each with the liked paper nearest to it. `likeVectors` are the vectors of
 * the liked papers (the reasons are chosen among them); `avoidVectors` those of the papers marked
 * "Not interested", whose close neighbours are left out too. Each interest considers only its best
 * max(2 × limit, 30) candidates by cosine, found by `nearest` (an exact search of all
 * candidates), and looks twice as deep when near-duplicates used those up.
 */
export function rankForYou(
  input: {
    interests: readonly Interest[];
    likes: readonly Like[];
    likeVectors: ReadonlyMap<number, Float32Array>;
    candidates: VectorRows;
    limit: number;
    excludeIds?: ReadonlySet<number>;
    avoidVectors?: readonly Float32Array[];
  },
  options: { rules?: ForYouRules; nearest?: NearestRows } = {},
): ForYouPick[] {
  const { interests, candidates, limit } = input;
  const rules = options.rules ?? FOR_YOU_RULES;
  const nearest = options.nearest ?? nearestRowsByLoop;
  if (interests.length === 0 || limit <= 0 || candidates.ids.length === 0) return [];
  const liked = new Set(input.likes.map((l) => l.paperId));
  const avoided = avoidedIds(candidates, input.avoidVectors ?? [], interests, rules, nearest);
  const isExcluded = (id: number) => liked.has(id) || avoided.has(id) || (input.excludeIds?.has(id) ?? false);

  // Each interest's best few candidates: enough to fill every slot with room to skip. Ask for as
  // many more as there are excluded candidates, so the pools stay full after leaving them out;
  // a pool used up by near-duplicates is asked for again twice as deep (`deepen`).
  const excludedRows = candidates.ids.reduce((n, id) => n + (isExcluded(id) ? 1 : 0), 0);
  const depths = interests.map(() => Math.max(limit * 2, 30));
  const ask = (k: number) => Math.min(depths[k]! + excludedRows, candidates.ids.length);
  /** Whether interest k's search already reached every candidate above the minimum cosine. */
  const isComplete = interests.map(() => false);
  const poolOf = (k: number, hits: Array<{ row: number; cos: number }>) => {
    isComplete[k] = ask(k) >= candidates.ids.length || hits.length < ask(k) || (hits.at(-1)?.cos ?? -Infinity) < rules.minCosine;
    return hits.filter((h) => h.cos >= rules.minCosine && !isExcluded(candidates.ids[h.row]!));
  };
  const pools = nearest(candidates, interests.map((x) => x.centre), ask(0)).map((hits, k) => poolOf(k, hits));
  /** Searches interest k twice as deep; false when there is nothing more to find. */
  const deepen = (k: number): boolean => {
    if (isComplete[k]) return false;
    depths[k]! *= 2;
    pools[k] = poolOf(k, nearest(candidates, [interests[k]!.centre], ask(k))[0]!);
    return true;
  };

  const total = interests.reduce((sum, x) => sum + x.weight, 0);
  const taken = new Array<number>(interests.length).fill(0);
  const exhausted = new Set<number>();
  const picked = new Set<number>();
  const picks: Array<{ row: number; cos: number }> = [];
  // Per candidate row: max(0, largest cosine to the picks compared so far) and how many were
  // compared, in flat arrays over the row buffer (this loop is most of a feed's arithmetic).
  const { data, dim } = candidates;
  const redundancy = new Float32Array(candidates.ids.length);
  const compared = new Int32Array(candidates.ids.length);
  // Stops once the value reaches `enough` (it only grows): the caller has its answer, and a later
  // call goes on from the first pick not yet compared.
  const redundancyOf = (row: number, enough: number): number => {
    let r = redundancy[row]!;
    let j = compared[row]!;
    for (; j < picks.length && r < enough; j++) {
      const a = row * dim;
      const b = picks[j]!.row * dim;
      let s = 0;
      for (let d = 0; d < dim; d++) s += data[a + d]! * data[b + d]!;
      if (s > r) r = s;
    }
    redundancy[row] = r;
    compared[row] = j;
    return r;
  };
  while (picks.length < limit && exhausted.size < interests.length) {
    // The interest furthest behind its share of the slots so far picks next.
    let k = -1;
    let deficit = -Infinity;
    for (let j = 0; j < interests.length; j++) {
      if (exhausted.has(j)) continue;
      const d = (interests[j]!.weight / total) * (picks.length + 1) - taken[j]!;
      if (d > deficit) [k, deficit] = [j, d];
    }
    const pick = pickByMarginalRelevance(pools[k]!, redundancyOf, picked, rules);
    if (!pick) {
      if (!deepen(k)) exhausted.add(k);
      continue;
    }
    picks.push(pick);
    picked.add(pick.row);
    taken[k]!++;
  }

  const likeRows = toRows(input.likes.map((l) => l.paperId).filter((id) => input.likeVectors.has(id)), input.likeVectors);
  const reasons = nearest(likeRows, picks.map((p) => rowVector(candidates, p.row)), 1);
  return picks.map(({ row, cos }, i) => ({ paperId: candidates.ids[row]!, score: cos, becauseId: likeRows.ids[reasons[i]![0]!.row]! }));
}

/**
 * The candidates within `rules.avoidCosine` of an avoided vector (among its `rules.avoidNeighbours`
 * nearest) and nearer to it than to every interest's centre.
 */
function avoidedIds(candidates: VectorRows, avoid: readonly Float32Array[], interests: readonly Interest[], rules: ForYouRules, nearest: NearestRows): Set<number> {
  const ids = new Set<number>();
  if (avoid.length === 0) return ids;
  for (const hits of nearest(candidates, avoid, Math.min(rules.avoidNeighbours, candidates.ids.length))) {
    for (const h of hits) {
      if (h.cos < rules.avoidCosine) break;
      const v = rowVector(candidates, h.row);
      if (interests.every((x) => dot(x.centre, v) < h.cos)) ids.add(candidates.ids[h.row]!);
    }
  }
  return ids;
}

/** Papers' vectors copied into rows, in the order of `ids` (all of which must have one). */
export function toRows(ids: readonly number[], vectors: ReadonlyMap<number, Float32Array>): VectorRows {
  const dim = ids.length > 0 ? vectors.get(ids[0]!)!.length : 0;
  const data = new Float32Array(ids.length * dim);
  for (const [i, id] of ids.entries()) data.set(vectors.get(id)!, i * dim);
  return { ids, data, dim };
}

/**
 * The pool's best candidate by MMR that is neither picked nor a near-duplicate of a pick; null
 * when none is left. The pool is in cosine order and MMR ≤ (1 − DIVERSITY) · cosine, so the scan
 * stops as soon as no later candidate can win: only a few redundancies are ever computed.
 */
function pickByMarginalRelevance(
  pool: ReadonlyArray<{ row: number; cos: number }>,
  redundancyOf: (row: number, enough: number) => number,
  picked: ReadonlySet<number>,
  rules: ForYouRules,
): { row: number; cos: number } | null {
  let best: { row: number; cos: number } | null = null;
  let bestScore = -Infinity;
  for (const item of pool) {
    if ((1 - rules.diversity) * item.cos <= bestScore) break;
    if (picked.has(item.row)) continue;
    // Past this redundancy the item is a near-duplicate or cannot beat the best so far.
    const enough = Math.min(rules.duplicateCosine, ((1 - rules.diversity) * item.cos - bestScore) / rules.diversity);
    const r = redundancyOf(item.row, enough);
    if (r >= enough) continue;
    const score = (1 - rules.diversity) * item.cos - rules.diversity * r;
    if (score > bestScore) [best, bestScore] = [item, score];
  }
  return best;
}

function nearest(centres: readonly Float32Array[], v: Float32Array): number {
  let best = 0;
  let bestCos = -Infinity;
  for (const [k, c] of centres.entries()) {
    const cos = dot(c, v);
    if (cos > bestCos) [best, bestCos] = [k, cos];
  }
  return best;
}

/**
 * Without vectors: each liked paper's keyword matches, dealt round-robin (the lists in the order
 * given) so every like contributes alike; each list skips what is already dealt or liked. Each
 * pick has its like as the reason; `score` is the 1-based round.
 */
export function interleaveByLike(lists: ReadonlyArray<{ likeId: number; paperIds: readonly number[] }>, liked: ReadonlySet<number>, limit: number): ForYouPick[] {
  const out: ForYouPick[] = [];
  const seen = new Set<number>(liked);
  const next = lists.map(() => 0);
  for (let round = 1, dealt = true; dealt && out.length < limit; round++) {
    dealt = false;
    for (const [i, list] of lists.entries()) {
      while (next[i]! < list.paperIds.length && seen.has(list.paperIds[next[i]!]!)) next[i]!++;
      const id = list.paperIds[next[i]!];
      if (id === undefined) continue;
      seen.add(id);
      out.push({ paperId: id, score: round, becauseId: list.likeId });
      dealt = true;
      if (out.length === limit) break;
    }
  }
  return out;
}

/**
 * The days whose papers the feed ranks: `days` days ending today or, when the site's newest
 * paper is older, on that paper's day (a site whose imports paused still has a feed). Null on a
 * site without papers.
 */
export function forYouWindow(today: string, newestDay: string | null, days: number): { from: string; to: string } | null {
  if (newestDay === null) return null;
  const to = newestDay < today ? newestDay : today;
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * A vector with the corpus mean taken out, at unit length: the cosines the rules speak of. A model
 * whose papers all lean one way (a shared direction, as the tiny test models' filler words make)
 * gives every pair a high raw cosine; centred, unrelated papers sit near 0 on any model, so the
 * thresholds carry over. Pass `into` to write in place (a row of a VectorRows).
 */
export function centred(v: Float32Array, mean: Float32Array, into: Float32Array = new Float32Array(v.length)): Float32Array {
  for (let i = 0; i < v.length; i++) into[i] = v[i]! - mean[i]!;
  return normalize(into);
}

function addScaled(target: Float32Array, v: Float32Array, w: number): void {
  for (let i = 0; i < target.length; i++) target[i]! += w * v[i]!;
}
