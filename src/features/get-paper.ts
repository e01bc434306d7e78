import type { Deps } from '../deps';
import { parseArxivId } from '../domain/arxiv-id';
import { InputError } from '../domain/input-error';
import type { Listing, Paper } from '../domain/paper';
import { listListingsOfPaper } from '../storage/repos/listings-repo';
import { findPaperByArxivId } from '../storage/repos/papers-repo';

export type PaperDetails = {
  paper: Paper;
  /** Every day the paper was on the list, oldest first. */
  listings: Array<Omit<Listing, 'paper'>>;
};

/**
 * One paper with its listings. A malformed id is an InputError; an unknown one returns null.
 * Versioned ids (`2401.01234v2`) find the paper.
 */
export async function getPaper(deps: Deps, idInput: string): Promise<PaperDetails | null> {
  const parsed = parseArxivId(idInput);
  if (!parsed.ok) throw new InputError(parsed.reason);
  const paper = await findPaperByArxivId(deps.db, parsed.id);
  if (!paper) return null;
  return { paper, listings: await listListingsOfPaper(deps.db, paper.id) };
}
