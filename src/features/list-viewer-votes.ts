import type { Deps } from '../deps';
import type { Viewer } from '../domain/account';
import { listVotedPaperIds } from '../storage/repos/votes-repo';

/**
 * Of the papers on a page, those the viewer has upvoted (so their vote buttons show pressed).
 * One query per page; none for anonymous viewers.
 */
export async function listViewerVotes(deps: Deps, viewer: Viewer | null, paperIds: number[]): Promise<Set<number>> {
  if (!viewer || paperIds.length === 0) return new Set();
  return listVotedPaperIds(deps.db, viewer.id, paperIds);
}
