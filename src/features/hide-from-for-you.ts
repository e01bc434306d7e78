import type { Deps } from '../deps';
import type { Viewer } from '../domain/account';
import { parseArxivId } from '../domain/arxiv-id';
import type { Paper } from '../domain/paper';
import { deleteForYouHidden, insertForYouHidden, isForYouHidden } from '../storage/repos/for-you-repo';
import { findPaperByArxivId } from '../storage/repos/papers-repo';
import { findNamedPaper } from './find-named-paper';

/** The most recently hidden papers the feed leaves out (older ones would have left its window long ago). */
export const MAX_HIDDEN_READ = 2_000;

/** What a hide or unhide did: `isChanged` is false when the paper was already hidden (or shown). */
export type HideResult = { paper: Paper; isChanged: boolean };

/**
 * "Not interested": leaves a paper out of the viewer's For you feed (the page, the API and the
 * digest's personal part) until they take it back. Idempotent. A malformed id is an InputError,
 * a paper not on the site a NotFoundError.
 */
export async function hideFromForYou(deps: Deps, viewer: Viewer, arxivId: unknown): Promise<HideResult> {
  const paper = await findNamedPaper(deps, arxivId);
  return { paper, isChanged: await insertForYouHidden(deps.db, { userId: viewer.id, paperId: paper.id, at: deps.now().toISOString() }) };
}

/** Takes back a "Not interested". Idempotent. */
export async function unhideFromForYou(deps: Deps, viewer: Viewer, arxivId: unknown): Promise<HideResult> {
  const paper = await findNamedPaper(deps, arxivId);
  return { paper, isChanged: await deleteForYouHidden(deps.db, viewer.id, paper.id) };
}

/** The paper the viewer hid under this id, or null (malformed, unknown or not hidden): for the page's "Undo". */
export async function findHiddenPaper(deps: Deps, viewer: Viewer, arxivId: string): Promise<Paper | null> {
  const parsed = parseArxivId(arxivId);
  if (!parsed.ok) return null;
  const paper = await findPaperByArxivId(deps.db, parsed.id);
  return paper && (await isForYouHidden(deps.db, viewer.id, paper.id)) ? paper : null;
}
