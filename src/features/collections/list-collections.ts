import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import type { Collection } from '../../domain/collection';
import { listUserCollections, type CollectionWithPaper } from '../../storage/repos/collections-repo';

/**
 * The viewer's collections, most recently changed first. With `paperId`, each says whether it
 * holds that paper (the paper page's add/remove list). One query; none for anonymous viewers.
 */
export async function listMyCollections(deps: Deps, viewer: Viewer | null, options: { paperId?: number } = {}): Promise<CollectionWithPaper[]> {
  if (!viewer) return [];
  return listUserCollections(deps.db, viewer.id, options);
}

/** A user's public collections (their profile page); never the private ones, whoever asks. */
export async function listPublicCollections(deps: Deps, userId: number): Promise<Collection[]> {
  return listUserCollections(deps.db, userId, { publicOnly: true });
}
