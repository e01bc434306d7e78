import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { COLLECTION_LIMITS, parseCollectionDescription, parseCollectionName, parseIsPublic, slugify, uniqueSlug, type Collection } from '../../domain/collection';
import { InputError } from '../../domain/input-error';
import { findOwnCollection, insertCollection, listCollectionSlugs } from '../../storage/repos/collections-repo';
import { requireCollector } from './collection-access';

export type CreateCollectionInput = { name: unknown; description?: unknown; isPublic?: unknown };

/**
 * Makes a collection for the viewer (private unless asked otherwise). Its slug comes from the
 * name, with `-2`, `-3`… when the viewer has that slug already. At most 100 per member (checked
 * before the insert, so concurrent creates may pass it by a few).
 */
export async function createCollection(deps: Deps, viewer: Viewer, input: CreateCollectionInput): Promise<Collection> {
  const name = parseCollectionName(input.name);
  const description = parseCollectionDescription(input.description);
  const isPublic = parseIsPublic(input.isPublic);
  await requireCollector(deps, viewer);
  const taken = await listCollectionSlugs(deps.db, viewer.id);
  if (taken.size >= COLLECTION_LIMITS.perUser) throw new InputError(`you have ${COLLECTION_LIMITS.perUser} collections, the most one member may have; delete one first`);
  // A concurrent create may take the slug between the read and the insert: then the next one.
  for (let attempt = 0; attempt < COLLECTION_LIMITS.perUser; attempt += 1) {
    const slug = uniqueSlug(slugify(name), taken);
    const id = await insertCollection(deps.db, { userId: viewer.id, slug, name, description, isPublic, at: deps.now().toISOString() });
    if (id !== null) return (await findOwnCollection(deps.db, viewer.id, slug))!;
    taken.add(slug);
  }
  throw new InputError('could not pick a free address for this collection; try another name');
}
