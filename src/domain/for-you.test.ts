import { describe, expect, it } from 'vitest';
import { seededRandom } from '../embed/seeded-random';
import { dot, normalize } from './vector-math';
import { buildInterests, centred, FOR_YOU_RULES, forYouWindow, interleaveByLike, mergeLikes, nearestRowsByLoop, rankForYou, rowVector, toRows, type Like, type NearestRows } from './for-you';

const NOW = new Date('2026-08-22T12:00:00Z');
const DIM = 32;
const random = seededRandom(11);

/**
 * A unit vector near axis `topic` (uniform noise of width `spread`): papers of a topic have
 * cosines ≈ 0.55 (as a paper and its ~10th neighbour on the built-in model), of different topics ≈ 0.
 */
function near(topic: number, spread = 0.55): Float32Array {
  const v = Float32Array.from({ length: DIM }, () => (random.next() - 0.5) * spread);
  v[topic]! += 1;
  const n = Math.sqrt(dot(v, v));
  return v.map((x) => x / n);
}

function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

function like(paperId: number, weight = 1, days = 1): Like {
  return { paperId, weight, at: daysAgo(days) };
}

describe('mergeLikes', () => {
  it('weighs an upvote 1, a collection entry 1.5, both 2.5, each halved every 90 days', () => {
    const likes = mergeLikes(
      [
        { paperId: 1, kind: 'upvote', at: daysAgo(0) },
        { paperId: 2, kind: 'collection', at: daysAgo(0) },
        { paperId: 3, kind: 'upvote', at: daysAgo(0) },
        { paperId: 3, kind: 'collection', at: daysAgo(0) },
        { paperId: 4, kind: 'upvote', at: daysAgo(90) },
        { paperId: 5, kind: 'collection', at: daysAgo(180) },
      ],
      NOW,
    );
    const weight = new Map(likes.map((l) => [l.paperId, l.weight]));
    expect(weight.get(1)).toBeCloseTo(1, 6);
    expect(weight.get(2)).toBeCloseTo(1.5, 6);
    expect(weight.get(3)).toBeCloseTo(2.5, 6);
    expect(weight.get(4)).toBeCloseTo(0.5, 6);
    expect(weight.get(5)).toBeCloseTo(1.5 / 4, 6);
  });

  it('counts a paper in several collections once, at its latest entry; lists most recent first and keeps the newest maxLikes', () => {
    const likes = mergeLikes(
      [
        { paperId: 7, kind: 'collection', at: daysAgo(180) },
        { paperId: 7, kind: 'collection', at: daysAgo(90) },
        { paperId: 8, kind: 'upvote', at: daysAgo(10) },
        { paperId: 9, kind: 'upvote', at: daysAgo(5) },
      ],
      NOW,
      { ...FOR_YOU_RULES, maxLikes: 2 },
    );
    expect(likes.map((l) => l.paperId)).toEqual([9, 8]);
    const all = mergeLikes([{ paperId: 7, kind: 'collection', at: daysAgo(180) }, { paperId: 7, kind: 'collection', at: daysAgo(90) }], NOW);
    expect(all).toEqual([{ paperId: 7, weight: 0.75, at: daysAgo(90) }]);
  });

  it('does not grow the weight of a signal from the future', () => {
    expect(mergeLikes([{ paperId: 1, kind: 'upvote', at: daysAgo(-3) }], NOW)[0]!.weight).toBe(1);
  });
});

describe('buildInterests', () => {
  it('makes one interest of likes on one topic and one per topic otherwise, weighted by their likes', () => {
    const vectors = new Map<number, Float32Array>();
    for (let i = 1; i <= 6; i++) vectors.set(i, near(0));
    const one = buildInterests([1, 2, 3, 4, 5, 6].map((id) => like(id)), vectors);
    expect(one).toHaveLength(1);
    expect(one[0]!.paperIds.sort()).toEqual([1, 2, 3, 4, 5, 6]);

    for (let i = 11; i <= 13; i++) vectors.set(i, near(1));
    vectors.set(21, near(2));
    const likes = [1, 2, 3, 4, 5, 6, 11, 12, 13, 21].map((id) => like(id));
    const three = buildInterests(likes, vectors);
    expect(three.map((x) => [...x.paperIds].sort((a, b) => a - b))).toEqual([[1, 2, 3, 4, 5, 6], [11, 12, 13], [21]]);
    expect(three.map((x) => x.weight)).toEqual([6, 3, 1]);
    // Each centre points at its topic.
    expect(three.map((x) => x.centre.indexOf(Math.max(...x.centre)))).toEqual([0, 1, 2]);
  });

  it('keeps at most maxInterests and leaves out likes without a vector', () => {
    const vectors = new Map<number, Float32Array>();
    for (let t = 0; t < 8; t++) vectors.set(t + 1, near(t));
    const likes = [...Array(8).keys()].map((t) => like(t + 1)).concat(like(99));
    const interests = buildInterests(likes, vectors, { ...FOR_YOU_RULES, maxInterests: 3 });
    expect(interests).toHaveLength(3);
    expect(interests.flatMap((x) => x.paperIds).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(buildInterests([like(99)], vectors)).toEqual([]);
  });
});

describe('rankForYou', () => {
  const vectors = new Map<number, Float32Array>();
  // Liked: four papers on topic 0 and one on topic 1. Candidates: 30 per topic 0..3.
  for (const id of [1, 2, 3, 4]) vectors.set(id, near(0));
  vectors.set(5, near(1));
  const candidateIds: number[] = [];
  for (let t = 0; t < 4; t++) for (let i = 0; i < 30; i++) candidateIds.push(100 * (t + 1) + i);
  for (const id of candidateIds) vectors.set(id, near(Math.floor(id / 100) - 1));
  const candidates = toRows(candidateIds, vectors);
  const topicOf = (id: number) => Math.floor(id / 100) - 1;
  const likes = [1, 2, 3, 4, 5].map((id) => like(id));
  const interests = buildInterests(likes, vectors);
  const rank = (extra: Partial<Parameters<typeof rankForYou>[0]> = {}) => rankForYou({ interests, likes, likeVectors: vectors, candidates, limit: 10, ...extra });

  it('deals the slots to interests by weight and never recommends an unliked topic first', () => {
    const picks = rank();
    expect(picks).toHaveLength(10);
    const topics = picks.map((p) => topicOf(p.paperId));
    expect(topics.filter((t) => t === 0)).toHaveLength(8);
    expect(topics.filter((t) => t === 1)).toHaveLength(2);
    expect(topics[0]).toBe(0);
  });

  it('names the nearest liked paper as the reason, and scores a pick by its cosine to its interest', () => {
    for (const p of rank()) {
      const v = vectors.get(p.paperId)!;
      const best = Math.max(...[1, 2, 3, 4, 5].map((id) => dot(v, vectors.get(id)!)));
      expect(dot(v, vectors.get(p.becauseId)!)).toBeCloseTo(best, 6);
      expect(topicOf(p.paperId) === 1 ? p.becauseId === 5 : p.becauseId !== 5).toBe(true);
      expect(Math.max(...interests.map((x) => dot(x.centre, v)))).toBeCloseTo(p.score, 5);
    }
  });

  it('leaves out liked papers, even when they are candidates, and the papers it is told to', () => {
    const withLiked = toRows([...candidateIds, 1, 5], vectors);
    const picks = rank({ candidates: withLiked, limit: 200 }).map((p) => p.paperId);
    expect(picks).not.toContain(1);
    expect(picks).not.toContain(5);
    const first = rank().slice(0, 3).map((p) => p.paperId);
    const others = rank({ excludeIds: new Set(first) }).map((p) => p.paperId);
    expect(others).toHaveLength(10);
    for (const id of first) expect(others).not.toContain(id);
  });

  it('leaves out the close neighbours of a paper marked "Not interested" that are nearer to it than to the interests', () => {
    // A sub-subject of liked topic 0 (axes 0 and 6 together): one of its papers is marked "Not interested".
    const sub = () => {
      const v = near(0, 0.35);
      v[6]! += 0.9;
      return normalize(v);
    };
    const withSub = new Map(vectors);
    const subIds = Array.from({ length: 6 }, (_, i) => 600 + i);
    for (const id of subIds) withSub.set(id, sub());
    const hidden = sub();
    const rows = toRows([...candidateIds, ...subIds], withSub);
    const feed = (avoidVectors?: Float32Array[]) =>
      rankForYou({ interests, likes, likeVectors: withSub, candidates: rows, limit: 40, avoidVectors }).map((p) => p.paperId);
    const plain = feed();
    expect(subIds.filter((id) => plain.includes(id)).length).toBeGreaterThan(0);
    const steered = feed([hidden]);
    expect(steered.filter((id) => subIds.includes(id))).toEqual([]);
    // The liked subjects themselves stay: topic 0's own papers are nearer to its interest than to the hidden paper.
    expect(steered.filter((id) => topicOf(id) === 0)).toHaveLength(plain.filter((id) => topicOf(id) === 0).length);
    // A hidden paper far from every candidate (another topic) changes nothing.
    expect(feed([near(9)])).toEqual(plain);
  });

  it('does not fill the feed with near-duplicates of one liked paper', () => {
    // Twenty copies of the one liked paper, and thirty other papers of its topic.
    const only = new Map(vectors);
    only.set(1, near(0, 0.05));
    const onlyLikes = [like(1)];
    const copyIds = Array.from({ length: 20 }, (_, i) => 500 + i);
    for (const id of copyIds) only.set(id, only.get(1)!);
    const rows = toRows([...copyIds, ...candidateIds.slice(0, 30)], only);
    const picks = rankForYou({ interests: buildInterests(onlyLikes, only), likes: onlyLikes, likeVectors: only, candidates: rows, limit: 10 });
    expect(picks.filter((p) => p.paperId >= 500 && p.paperId < 520)).toHaveLength(1);
    expect(picks).toHaveLength(10);
    for (const [i, a] of picks.entries()) {
      for (const b of picks.slice(i + 1)) expect(dot(only.get(a.paperId)!, only.get(b.paperId)!)).toBeLessThan(FOR_YOU_RULES.duplicateCosine);
    }
  });

  it('gives less room to an old like than to a recent one', () => {
    const decayed = mergeLikes(
      [
        { paperId: 1, kind: 'upvote', at: daysAgo(1) },
        { paperId: 5, kind: 'upvote', at: daysAgo(360) },
      ],
      NOW,
    );
    const picks = rankForYou({ interests: buildInterests(decayed, vectors), likes: decayed, likeVectors: vectors, candidates, limit: 10 });
    // Slots go by weight: the year-old like (weight 1/16) gets the last one at most.
    expect(picks.filter((p) => p.becauseId === 1).length).toBeGreaterThanOrEqual(9);
    const fresh = mergeLikes(
      [
        { paperId: 1, kind: 'upvote', at: daysAgo(1) },
        { paperId: 5, kind: 'upvote', at: daysAgo(1) },
      ],
      NOW,
    );
    const even = rankForYou({ interests: buildInterests(fresh, vectors), likes: fresh, likeVectors: vectors, candidates, limit: 10 });
    expect(even.filter((p) => p.becauseId === 5)).toHaveLength(5);
  });

  it('is deterministic, and empty without interests, candidates or room', () => {
    expect(rank()).toEqual(rank());
    expect(rank({ limit: 0 })).toEqual([]);
    expect(rank({ candidates: toRows([], vectors) })).toEqual([]);
    expect(rank({ interests: [] })).toEqual([]);
  });

  it('fills from the other interests when one runs out of candidates', () => {
    const few = toRows(candidateIds.filter((id) => topicOf(id) !== 1 || id < 202), vectors);
    const picks = rank({ candidates: few, limit: 20 });
    expect(picks).toHaveLength(20);
    expect(picks.filter((p) => topicOf(p.paperId) === 1)).toHaveLength(2);
  });

  it('gives the same feed with any exact nearest-rows search', () => {
    // A search that finds the same rows another way (every row scored, then a full sort by id order reversed for ties).
    const other: NearestRows = (rows, queries, k) =>
      queries.map((q) =>
        rows.ids
          .map((_, row) => ({ row, cos: dot(q, rowVector(rows, row)) }))
          .sort((a, b) => b.cos - a.cos || b.row - a.row)
          .slice(0, k),
      );
    expect(rankForYou({ interests, likes, likeVectors: vectors, candidates, limit: 10 }, { nearest: other })).toEqual(rank());
    expect(nearestRowsByLoop(candidates, [vectors.get(100)!], 3)[0]![0]).toEqual({ row: 0, cos: dot(vectors.get(100)!, vectors.get(100)!) });
  });
});

describe('interleaveByLike', () => {
  it('deals one match of each like per round, skipping liked and already dealt papers', () => {
    const picks = interleaveByLike(
      [
        { likeId: 1, paperIds: [2, 10, 11, 12] },
        { likeId: 2, paperIds: [1, 10, 20, 21] },
      ],
      new Set([1, 2]),
      5,
    );
    expect(picks).toEqual([
      { paperId: 10, score: 1, becauseId: 1 },
      { paperId: 20, score: 1, becauseId: 2 },
      { paperId: 11, score: 2, becauseId: 1 },
      { paperId: 21, score: 2, becauseId: 2 },
      { paperId: 12, score: 3, becauseId: 1 },
    ]);
    expect(interleaveByLike([], new Set(), 5)).toEqual([]);
  });
});

describe('forYouWindow', () => {
  it('ends today, or on the newest paper\'s day when that is older; none without papers', () => {
    expect(forYouWindow('2026-08-22', '2026-08-22', 30)).toEqual({ from: '2026-07-24', to: '2026-08-22' });
    expect(forYouWindow('2026-11-29', '2026-08-21', 7)).toEqual({ from: '2026-08-15', to: '2026-08-21' });
    expect(forYouWindow('2026-08-22', '2026-09-01', 1)).toEqual({ from: '2026-08-22', to: '2026-08-22' });
    expect(forYouWindow('2026-03-01', '2026-03-01', 2)).toEqual({ from: '2026-02-28', to: '2026-03-01' });
    expect(forYouWindow('2026-08-22', null, 30)).toBeNull();
  });
});

describe('centred', () => {
  it('takes out the shared direction: papers that only share it become unrelated, the result has unit length', () => {
    const shared = Float32Array.from({ length: DIM }, (_, i) => (i === DIM - 1 ? 1 : 0));
    const lean = (topic: number) => {
      const v = near(topic, 0.01).map((x, i) => x + 2 * shared[i]!);
      return v.map((x) => x / Math.sqrt(dot(v, v)));
    };
    const [a, b] = [lean(0), lean(1)];
    expect(dot(a, b)).toBeGreaterThan(0.7);
    const mean = a.map((x, i) => (x + b[i]!) / 2);
    const [ca, cb] = [centred(a, mean), centred(b, mean)];
    expect(dot(ca, cb)).toBeLessThan(-0.9);
    expect(dot(ca, ca)).toBeCloseTo(1, 6);
    const into = new Float32Array(DIM);
    expect(centred(a, mean, into)).toBe(into);
  });
});
