import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { parseCollectionDescription, parseCollectionName, parseIsPublic, type Collection } from '../../domain/collection';
import { deleteCollection as deleteCollectionRow, findOwnCollection, updateCollection } from '../../storage/repos/collections-repo';
import { findWritableCollection, requireCollector } from './collection-access';

export type EditCollectionInput = { username?: unknown; slug: unknown; name: unknown; description?: unknown; isPublic?: unknown };

/**
 * Renames a collection, rewrites its description or changes who sees it. The slug stays, so
 * links and exports keep working after a rename.
 */
export async function editCollection(deps: Deps, viewer: Viewer, input: EditCollectionInput): Promise<Collection> {
  const name = parseCollectionName(input.name);
  const description = parseCollectionDescription(input.description);
  const isPublic = parseIsPublic(input.isPublic);
  const collection = await findWritableCollection(deps, viewer, input);
  await requireCollector(deps, viewer);
  await updateCollection(deps.db, collection.id, { name, description, isPublic, at: deps.now().toISOString() });
  return (await findOwnCollection(deps.db, viewer.id, collection.slug))!;
}

/** Deletes one of the viewer's collections (the papers stay on the site). */
export async function deleteCollection(deps: Deps, viewer: Viewer, input: { username?: unknown; slug: unknown }): Promise<Collection> {
  const collection = await findWritableCollection(deps, viewer, input);
  await requireCollector(deps, viewer);
  await deleteCollectionRow(deps.db, collection.id);
  return collection;
}
