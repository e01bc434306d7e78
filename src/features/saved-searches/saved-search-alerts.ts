import type { Deps } from '../../deps';
import type { Paper } from '../../domain/paper';
import { savedSearchLabel, searchQueryString, type SavedSearch } from '../../domain/saved-search';
import type { DigestSavedSearch } from '../../email/digest-model';
import type { Db } from '../../storage/database';
import { listPapersByIds } from '../../storage/repos/papers-repo';
import { findArrivedThroughId } from '../../storage/repos/paper-arrivals';
import { listSavedSearches, markSavedSearchesAlerted } from '../../storage/repos/saved-searches-repo';

/** Papers shown per saved search in one digest; the rest are a link away. */
export const ALERT_PAPERS_SHOWN = 5;

/** One saved search's new papers: the newest first, at most ALERT_PAPERS_SHOWN, and how many there are. */
export type SavedSearchAlert = { savedSearch: SavedSearch; papers: Paper[]; total: number; isTotalExact: boolean };

/** What a digest shows for a member's saved searches, and the mark to store with it. */
export type SavedSearchAlerts = {
  /** Searches with new papers only, in the member's order (newest saved first). */
  alerts: SavedSearchAlert[];
  /** Which searches were looked at, and up to which paper id; null when nothing was looked at. */
  mark: { userId: number; savedSearchIds: number[]; throughId: number } | null;
};

const NONE: SavedSearchAlerts = { alerts: [], mark: null };

/**
 * The new papers of each of a member's saved searches: those that arrived on the site (papers.id
 * above the search's mark, up to the newest id below which every paper has committed) and match its words and filters as keyword
 * search does, newest published first. Reads only: the mark moves when the digest that shows
 * them is stored (storeWithAlertMark), so composing a digest twice moves nothing twice, and a
 * paper is shown once per saved search, in whichever of the member's digests comes first.
 *
 * A search that fails is logged and left out (its mark stays, so it is tried again next time):
 * one broken search must not cost the member their whole digest.
 */
export async function findSavedSearchAlerts(deps: Deps, userId: number | null): Promise<SavedSearchAlerts> {
  if (userId === null) return NONE;
  const searches = await listSavedSearches(deps.db, userId);
  if (searches.length === 0) return NONE;
  const throughId = await findArrivedThroughId(deps.db);
  const alerts: SavedSearchAlert[] = [];
  const looked: number[] = [];
  for (const s of searches) {
    if (s.alertedThroughId >= throughId) continue;
    try {
      const page = await deps.search.search({
        text: s.query,
        filters: { ...s.filters, idRange: { after: s.alertedThroughId, through: throughId } },
        sort: 'newest',
        offset: 0,
        limit: ALERT_PAPERS_SHOWN,
      });
      looked.push(s.id);
      if (page.hits.length === 0) continue;
      const papers = await listPapersByIds(deps.db, page.hits.map((h) => h.paperId));
      alerts.push({ savedSearch: s, papers, total: Math.max(page.total, papers.length), isTotalExact: page.isTotalExact });
    } catch (error) {
      deps.log.error(`saved search ${s.id} of user ${userId}: ${(error as Error).message}`);
    }
  }
  return { alerts, mark: looked.length > 0 ? { userId, savedSearchIds: looked, throughId } : null };
}

/**
 * Runs `store` (the digest's insert) in a transaction and, when it stored something, moves the
 * saved searches' marks in the same transaction: the mark moves if and only if a digest showing
 * those papers exists. `store` answering false (the digest existed already) moves nothing.
 */
export async function storeWithAlertMark(deps: Deps, mark: SavedSearchAlerts['mark'], store: (db: Db) => Promise<boolean>): Promise<boolean> {
  if (mark === null) return store(deps.db);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const tx: Db = { ...deps.db, kysely: trx };
    const stored = await store(tx);
    if (stored) await markSavedSearchesAlerted(tx, mark.userId, mark.savedSearchIds, mark.throughId, deps.now().toISOString());
    return stored;
  });
}

/** The digest's blocks for these alerts: each search's label and its link on the site, newest first. */
export function digestSavedSearches(deps: Deps, alerts: SavedSearchAlert[]): DigestSavedSearch[] {
  return alerts.map((a) => ({
    label: savedSearchLabel(a.savedSearch),
    url: `${deps.config.siteUrl}/search?${searchQueryString({ ...a.savedSearch, sort: 'newest' })}`,
    papers: a.papers,
    total: a.total,
  }));
}
