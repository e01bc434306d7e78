import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import type { Collection } from '../../domain/collection';
import { listCollectionPapers, type CollectedPaper } from '../../storage/repos/collections-repo';
import { findVisibleCollection } from './collection-access';

export type GetCollectionInput = {
  username: unknown;
  slug: unknown;
  /** A page of papers (0-based) of `perPage`; without it, every paper (exports, the API). */
  page?: { index: number; perPage: number };
};

/**
 * A collection and its papers, newest added first, if the viewer may see it: public ones to
 * everyone, private ones to their owner only (anyone else gets a NotFoundError, as for a
 * collection that does not exist).
 */
export async function getCollection(deps: Deps, viewer: Viewer | null, input: GetCollectionInput): Promise<{ collection: Collection; papers: CollectedPaper[] }> {
  const collection = await findVisibleCollection(deps, viewer, input);
  const page = input.page ? { limit: input.page.perPage, offset: input.page.index * input.page.perPage } : undefined;
  return { collection, papers: await listCollectionPapers(deps.db, collection.id, page) };
}
