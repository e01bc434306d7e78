import type { Deps } from '../deps';
import { buildInterests, centred, FOR_YOU_RULES, forYouWindow, interleaveByLike, mergeLikes, rankForYou, rowVector, toRows, type ForYouPick, type Like, type VectorRows } from '../domain/for-you';
import type { Paper } from '../domain/paper';
import { dateInTimeZone } from '../domain/period';
import { nearestRowsNative } from '../embed/exact-nearest';
import type { VectorSearch } from '../embed/vector-search';
import { findNewestPaperDay, listForYouHiddenIds, listLikeSignals, listRecentPaperIds } from '../storage/repos/for-you-repo';
import { listPapersByIds } from '../storage/repos/papers-repo';
import { MAX_HIDDEN_READ } from './hide-from-for-you';

/** Papers on the /for-you page and in the API by default. */
export const FOR_YOU_PER_PAGE = 20;
/** The most a request may ask for. */
export const FOR_YOU_MAX = 50;
/** The newest this many papers of the window are ranked at most (bounds the work on a busy site). */
const MAX_CANDIDATES = 20_000;
/** Picks beyond the limit, so withdrawn papers (left out only when read) do not shorten the feed. */
const SPARE_PICKS = 5;
/** The most recent "Not interested" papers whose neighbours the feed steers clear of (each costs ~0.25 ms of exact search over a month of candidates). */
const MAX_AVOIDED = 20;
/** Liked papers whose title words stand in for their meaning when there are no vectors. */
const KEYWORD_LIKES = 5;

/** A recommended paper, its score, and the liked paper it is nearest to ("because you liked …"). */
export type ForYouItem = { paper: Paper; score: number; because: Paper };

export type ForYouFeed = {
  items: ForYouItem[];
  /**
   * `vector`: ranked by meaning (domain/for-you.ts). `keyword`: no vector index is loaded, so the
   * titles of the most recent likes are searched as keywords within the window.
   */
  source: 'vector' | 'keyword';
  /** Liked papers that count (upvoted or in one of the reader's collections; the newest FOR_YOU_RULES.maxLikes). */
  likeCount: number;
  /** The days ranked (YYYY-MM-DD, inclusive); null on a site without papers. */
  window: { from: string; to: string } | null;
};

export type ListForYouOptions = {
  limit?: number;
  /** Days to rank instead of the last FOR_YOU_DAYS (the digest's period). */
  window?: { from: string; to: string };
  /** Papers not to recommend (the digest's trending papers). */
  excludeIds?: readonly number[];
};

/**
 * The personal feed of a user: recent papers like the ones they upvoted or collected, each with
 * the liked paper it is nearest to, without the papers they marked "Not interested" nor their
 * close neighbours. Computed per request from the newest likes (decision 0013):
 * two short reads, vectors from the in-memory index, and scoring of the window's papers.
 */
export async function listForYou(deps: Deps, userId: number, options: ListForYouOptions = {}): Promise<ForYouFeed> {
  const limit = Math.min(Math.max(1, options.limit ?? FOR_YOU_PER_PAGE), FOR_YOU_MAX);
  const [signals, newestDay, hidden] = await Promise.all([
    listLikeSignals(deps.db, userId, FOR_YOU_RULES.maxLikes),
    options.window ? Promise.resolve(null) : findNewestPaperDay(deps.db),
    listForYouHiddenIds(deps.db, userId, MAX_HIDDEN_READ),
  ]);
  const window = options.window ?? forYouWindow(dateInTimeZone(deps.now(), deps.config.timeZone), newestDay, deps.config.forYouDays);
  const likes = mergeLikes(signals, deps.now());
  const isVectorReady = deps.vectors ? await deps.vectors.ready() : false;
  const feed = { likeCount: likes.length, window };
  if (likes.length === 0 || window === null) return { ...feed, items: [], source: isVectorReady ? 'vector' : 'keyword' };

  // Papers the reader marked "Not interested" (hide-from-for-you.ts) are left out like the digest's trending ones.
  const excluded = new Set([...(options.excludeIds ?? []), ...hidden]);
  const picks = isVectorReady ? await pickByVector(deps, likes, hidden.slice(0, MAX_AVOIDED), window, excluded, limit + SPARE_PICKS) : null;
  if (picks !== null) return { ...feed, source: 'vector', items: await readItems(deps, picks, limit) };
  return { ...feed, source: 'keyword', items: await readItems(deps, await pickByKeyword(deps, likes, window, excluded, limit + SPARE_PICKS), limit) };
}

/**
 * Picks by meaning, steering clear of the close neighbours of `avoidIds` (papers marked "Not
 * interested"); null when vectors went away or no liked paper has a vector (keyword picks then).
 */
async function pickByVector(deps: Deps, likes: Like[], avoidIds: number[], window: { from: string; to: string }, excluded: Set<number>, limit: number): Promise<ForYouPick[] | null> {
  const [raw, avoid, inWindow] = await Promise.all([
    deps.vectors!.vectorsOf(likes.map((l) => l.paperId)),
    deps.vectors!.vectorsOf(avoidIds),
    windowCandidates(deps, window),
  ]);
  if (raw === null || inWindow === null) return null;
  const { candidates, mean } = inWindow;
  const likeVectors = new Map([...raw].map(([id, v]) => [id, centred(v, mean)]));
  const interests = buildInterests(likes, likeVectors);
  if (interests.length === 0) return null;
  const avoidVectors = [...(avoid?.values() ?? [])].map((v) => centred(v, mean));
  return rankForYou({ interests, likes, likeVectors, candidates, limit, excludeIds: excluded, avoidVectors }, { nearest: nearestRowsNative });
}

/** How long a window's candidates (ids and vectors) are reused: they are the same for every reader. */
const CANDIDATES_MS = 60_000;
/** Windows kept per index (the page's, and a few digest periods). */
const CANDIDATE_WINDOWS = 8;
type WindowCandidates = { candidates: VectorRows; mean: Float32Array };
const candidateMemo = new WeakMap<VectorSearch, Map<string, { until: number; candidates: Promise<WindowCandidates | null> }>>();

/**
 * The window's papers with their centred vectors, newest first, and the mean they were centred
 * by (the index's: a day's few papers would make a poor centre). Reading and unpacking a few thousand
 * vectors is most of a feed's cost, and every reader ranks the same ones, so they are kept for a
 * minute per vector index and window: a new paper joins the feeds at most that late (as it joins
 * the index within its catch-up interval).
 */
function windowCandidates(deps: Deps, window: { from: string; to: string }): Promise<WindowCandidates | null> {
  const vectors = deps.vectors!;
  let perIndex = candidateMemo.get(vectors);
  if (!perIndex) candidateMemo.set(vectors, (perIndex = new Map()));
  const key = `${window.from}|${window.to}`;
  const hit = perIndex.get(key);
  if (hit && hit.until > Date.now()) return hit.candidates;
  for (const [k, v] of perIndex) if (v.until <= Date.now() || perIndex.size >= CANDIDATE_WINDOWS) perIndex.delete(k);
  const candidates = (async () => {
    const ids = await listRecentPaperIds(deps.db, window, MAX_CANDIDATES);
    const [found, mean] = await Promise.all([vectors.vectorsOf(ids), vectors.meanVector()]);
    if (found === null || mean === null) return null;
    const candidates = toRows(ids.filter((id) => found.has(id)), found);
    for (let row = 0; row < candidates.ids.length; row++) centred(rowVector(candidates, row), mean, rowVector(candidates, row));
    return { candidates, mean };
  })();
  // A failed read is not kept: the next request tries again.
  candidates.catch(() => perIndex.delete(key));
  perIndex.set(key, { until: Date.now() + CANDIDATES_MS, candidates });
  return candidates;
}

/** The most recent likes' titles as keyword queries within the window, dealt round-robin. */
async function pickByKeyword(deps: Deps, likes: Like[], window: { from: string; to: string }, excluded: Set<number>, limit: number): Promise<ForYouPick[]> {
  const liked = await listPapersByIds(deps.db, likes.slice(0, KEYWORD_LIKES).map((l) => l.paperId));
  const lists = await Promise.all(
    liked.map(async (p) => {
      const found = await deps.search.search({ text: p.title, filters: { from: window.from, to: window.to }, sort: 'relevance', offset: 0, limit });
      return { likeId: p.id, paperIds: found.hits.map((h) => h.paperId).filter((id) => !excluded.has(id)) };
    }),
  );
  return interleaveByLike(lists, new Set(likes.map((l) => l.paperId)), limit);
}

/** The picked papers and their reasons, in feed order, withdrawn papers left out, at most `limit`. */
async function readItems(deps: Deps, picks: ForYouPick[], limit: number): Promise<ForYouItem[]> {
  const papers = await listPapersByIds(deps.db, [...new Set(picks.flatMap((p) => [p.paperId, p.becauseId]))]);
  const byId = new Map(papers.map((p) => [p.id, p]));
  return picks
    .flatMap((p) => {
      const paper = byId.get(p.paperId);
      const because = byId.get(p.becauseId);
      return paper && because && paper.withdrawnAt === null ? [{ paper, score: p.score, because }] : [];
    })
    .slice(0, limit);
}
