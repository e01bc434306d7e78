/**
 * "For you": a reader's personal feed from what they liked (upvotes and collection entries),
 * as pure rules over unit vectors of the embedding model. Decision 0013 says why this is
 * computed per request.
 *
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
 *      (1 − DIVERSITY) · cos(c, centre) − DIVERSITY · max cos(c, already picked)
 *    skipping candidates within DUPLICATE_COSINE of a pick, so twenty versions of one liked
 *    paper never fill the feed. Liked papers are never candidates.
 * 4. Reason. Each pick names the liked paper nearest to it ("because you liked …").
 * Ties everywhere break on the smaller paper id, so a feed is deterministic.
 */

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
  diversity: number;
  duplicateCosine: number;
};

/**
 * The rules as shipped. Collecting is a deliberate act (naming a list, choosing it), so it
 * weighs more than a one-click upvote. Cosines are those of the built-in model (decision 0012),
 * on which unrelated papers sit near 0.2-0.4 and a paper's nearest neighbours near 0.8-0.9.
 */
export const FOR_YOU_RULES: ForYouRules = {
  upvoteWeight: 1,
  collectionWeight: 1.5,
  halfLifeDays: 90,
  maxLikes: 200,
  maxInterests: 5,
  interestCosine: 0.55,
  diversity: 0.3,
  duplicateCosine: 0.95,
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
  while (centres.length < rules.maxInterests) {
    let farthest = -1;
    let farthestCos = Infinity;
    for (const [i, it] of items.entries()) {
      const near = Math.max(...centres.map((c) => dot(c, it.v)));
      if (near < farthestCos) {
        farthestCos = near;
        farthest = i;
      }
    }
    if (farthestCos >= rules.interestCosine) break;
    centres.push(Float32Array.from(items[farthest]!.v));
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

/** A candidate paper and its unit vector. */
export type Candidate = { paperId: number; vector: Float32Array };

/**
 * The feed: at most `limit` picks from `candidates` (liked papers left out), in feed order, each
 * with the liked paper nearest to it. `likeVectors` are the vectors of the liked papers (the
 * reasons are chosen among them).
 */
export function rankForYou(
  input: { interests: readonly Interest[]; likes: readonly Like[]; likeVectors: ReadonlyMap<number, Float32Array>; candidates: readonly Candidate[]; limit: number },
  rules: ForYouRules = FOR_YOU_RULES,
): ForYouPick[] {
  const { interests, limit } = input;
  if (interests.length === 0 || limit <= 0) return [];
  const liked = new Set(input.likes.map((l) => l.paperId));
  const candidates = input.candidates.filter((c) => !liked.has(c.paperId) && c.vector.some((x) => x !== 0));

  // Each interest's best few candidates by cosine: enough to fill every slot with room to skip.
  const poolSize = Math.max(limit * 4, 50);
  const pools = interests.map((interest) =>
    candidates
      .map((c) => ({ c, cos: dot(interest.centre, c.vector) }))
      .sort((a, b) => b.cos - a.cos || a.c.paperId - b.c.paperId)
      .slice(0, poolSize),
  );

  const total = interests.reduce((s, x) => s + x.weight, 0);
  const taken = new Array<number>(interests.length).fill(0);
  const exhausted = new Set<number>();
  const picks: Array<{ c: Candidate; cos: number }> = [];
  const pickedIds = new Set<number>();
  while (picks.length < limit && exhausted.size < interests.length) {
    // The interest furthest behind its share of the slots so far picks next.
    let k = -1;
    let deficit = -Infinity;
    for (let i = 0; i < interests.length; i++) {
      if (exhausted.has(i)) continue;
      const d = (interests[i]!.weight / total) * (picks.length + 1) - taken[i]!;
      if (d > deficit) [k, deficit] = [i, d];
    }
    const pick = pickByMarginalRelevance(pools[k]!, picks, pickedIds, rules);
    if (!pick) {
      exhausted.add(k);
      continue;
    }
    picks.push(pick);
    pickedIds.add(pick.c.paperId);
    taken[k]!++;
  }

  const reasons = input.likes.filter((l) => input.likeVectors.has(l.paperId));
  return picks.map(({ c, cos }) => ({ paperId: c.paperId, score: cos, becauseId: nearestLike(c.vector, reasons, input.likeVectors) }));
}

/** The pool's best candidate by MMR that is not a near-duplicate of a pick; null when none is left. */
function pickByMarginalRelevance(
  pool: ReadonlyArray<{ c: Candidate; cos: number }>,
  picks: ReadonlyArray<{ c: Candidate }>,
  pickedIds: ReadonlySet<number>,
  rules: ForYouRules,
): { c: Candidate; cos: number } | null {
  let best: { c: Candidate; cos: number } | null = null;
  let bestScore = -Infinity;
  for (const item of pool) {
    if (pickedIds.has(item.c.paperId)) continue;
    let redundancy = 0;
    for (const p of picks) redundancy = Math.max(redundancy, dot(item.c.vector, p.c.vector));
    if (redundancy >= rules.duplicateCosine) continue;
    const score = (1 - rules.diversity) * item.cos - rules.diversity * redundancy;
    // The pool is sorted by cosine then id, so a strict > keeps the smaller id on ties.
    if (score > bestScore) [best, bestScore] = [item, score];
  }
  return best;
}

/** The liked paper nearest to a vector; ties go to the most recent like (the likes come most recent first). */
function nearestLike(v: Float32Array, likes: readonly Like[], vectors: ReadonlyMap<number, Float32Array>): number {
  let best = likes[0]!.paperId;
  let bestCos = -Infinity;
  for (const l of likes) {
    const cos = dot(v, vectors.get(l.paperId)!);
    if (cos > bestCos) [best, bestCos] = [l.paperId, cos];
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

/** Dot product; the cosine of two unit vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function addScaled(target: Float32Array, v: Float32Array, w: number): void {
  for (let i = 0; i < target.length; i++) target[i]! += w * v[i]!;
}

function normalize(v: Float32Array): Float32Array {
  const n = Math.sqrt(dot(v, v));
  if (n > 0) for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}
