import { createHash } from 'node:crypto';

/**
 * A Hub-style `_id` (24 lowercase hex digits, the size of a MongoDB ObjectId) derived from what
 * the object is, so the same author, user or discussion gets the same id on every request, on
 * every server and after a re-import. Namespaced so an author and a user never share an id.
 */
export function hubId(kind: 'author' | 'user' | 'discussion' | 'comment', key: string): string {
  return createHash('sha1').update(`paperboy:${kind}:${key}`).digest('hex').slice(0, 24);
}
