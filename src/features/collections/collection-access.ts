import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { parseUsername } from '../../domain/account';
import { parseSlug, type Collection } from '../../domain/collection';
import { ForbiddenError } from '../../domain/forbidden-error';
import { InputError } from '../../domain/input-error';
import { NotFoundError } from '../../domain/not-found-error';
import { findCollection, findOwnCollection } from '../../storage/repos/collections-repo';
import { RATE_RULES, takeRateLimit } from '../rate-limit';

/**
 * Who may see and change a collection. A private collection exists only for its owner: anyone
 * else (anonymous, other members, moderators and admins alike) is told it does not exist, so a
 * 404 never reveals that a private collection of that name is there.
 */

/** Throws unless the viewer may write collections (verified, not banned); counts the write. */
export async function requireCollector(deps: Deps, viewer: Viewer): Promise<void> {
  if (viewer.isBanned) throw new ForbiddenError('banned accounts cannot change collections');
  if (!viewer.isVerified) throw new ForbiddenError('confirm your email address before making collections (the link is in the mail we sent when you signed up)');
  await takeRateLimit(deps, RATE_RULES.collectionWritesPerAccount, { key: String(viewer.id), accountCreatedAt: viewer.createdAt });
}

/** True when the viewer owns the collection. */
export function isOwner(viewer: Viewer | null, collection: Collection): boolean {
  return viewer !== null && viewer.id === collection.ownerId;
}

/** The collection `username/slug` if the viewer may see it; otherwise a NotFoundError. */
export async function findVisibleCollection(deps: Deps, viewer: Viewer | null, input: { username: unknown; slug: unknown }): Promise<Collection> {
  const { username, slug } = parseAddress(input);
  const found = await findCollection(deps.db, username, slug);
  if (!found || (!found.isPublic && !isOwner(viewer, found))) throw new NotFoundError(`there is no collection ${username}/${slug}`);
  return found;
}

/**
 * The collection the viewer wants to change: their own `slug`, or `username/slug` when a username
 * is given (the API). Someone else's public collection is a ForbiddenError; a private one, 404.
 */
export async function findWritableCollection(deps: Deps, viewer: Viewer, input: { username?: unknown; slug: unknown }): Promise<Collection> {
  if (input.username !== undefined) {
    const found = await findVisibleCollection(deps, viewer, { username: input.username, slug: input.slug });
    if (!isOwner(viewer, found)) throw new ForbiddenError('only its owner can change a collection');
    return found;
  }
  const slug = parseSlug(input.slug);
  const found = await findOwnCollection(deps.db, viewer.id, slug);
  if (!found) throw new NotFoundError(`you have no collection ${slug}`);
  return found;
}

function parseAddress(input: { username: unknown; slug: unknown }): { username: string; slug: string } {
  let username: string;
  try {
    username = parseUsername(input.username);
  } catch (error) {
    // A malformed owner name cannot own anything: the same 404 as a missing collection.
    if (error instanceof InputError) throw new NotFoundError('there is no such collection');
    throw error;
  }
  let slug: string;
  try {
    slug = parseSlug(input.slug);
  } catch (error) {
    if (error instanceof InputError) throw new NotFoundError(`there is no such collection of ${username}`);
    throw error;
  }
  return { username, slug };
}
