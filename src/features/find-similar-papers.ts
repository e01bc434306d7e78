import type { Deps } from '../deps';
import { parseArxivId } from '../domain/arxiv-id';
import { InputError } from '../domain/input-error';
import type { Paper } from '../domain/paper';
import { findPaperByArxivId, listPapersByIds } from '../storage/repos/papers-repo';

/** Neighbours shown per paper. */
export const SIMILAR_PAPERS = 10;

export type SimilarPapers = {
  paper: Paper;
  similar: Paper[];
  /** `vector` (nearest by the embedding model) or `keyword` (its title as a query, when there is no vector index). */
  source: 'vector' | 'keyword';
};

/**
 * The papers most like a paper, itself excluded: nearest by vector when the index is available,
 * otherwise the keyword matches of its title. A malformed arXiv id is an InputError; an unknown
 * paper gives null.
 */
export async function findSimilarPapers(deps: Deps, idInput: string, limit = SIMILAR_PAPERS): Promise<SimilarPapers | null> {
  const parsed = parseArxivId(idInput);
  if (!parsed.ok) throw new InputError(parsed.reason);
  const paper = await findPaperByArxivId(deps.db, parsed.id);
  if (!paper) return null;
  const nearest = deps.vectors && (await deps.vectors.ready()) ? await deps.vectors.similarTo(paper.id, limit) : null;
  if (nearest !== null) {
    return { paper, similar: await listPapersByIds(deps.db, nearest.map((h) => h.paperId)), source: 'vector' };
  }
  const found = await deps.search.search({ text: paper.title, filters: {}, sort: 'relevance', offset: 0, limit: limit + 1 });
  const ids = found.hits.map((h) => h.paperId).filter((id) => id !== paper.id).slice(0, limit);
  return { paper, similar: await listPapersByIds(deps.db, ids), source: 'keyword' };
}
