import { hash } from 'node:crypto';
import { remembered } from '../domain/remembered';

/** Ids already derived: a search answer names hundreds of authors, mostly the same ones again and again. */
const idOf = remembered((text) => hash('sha1', text, 'hex').slice(0, 24), 50_000, 400);

/**
 * A Hub-style `_id` (24 lowercase hex digits, the size of a MongoDB ObjectId) derived from what
 * the object is, so the same author, user or discussion gets the same id on every request, on
 * every server and after a re-import. Namespaced so an author and a user never share an id.
 */
export function hubId(kind: 'author' | 'user' | 'discussion', key: string): string {
  return idOf(`paperboy:${kind}:${key}`);
}

// A comment's id must lead back to the comment (replies name their parent by it), so unlike the
// ids above it is not a hash: a fixed 8-digit tag, then the comment's number in 16 hex digits.
const COMMENT_TAG = hash('sha1', 'paperboy:comment', 'hex').slice(0, 8);

/** The Hub-style 24-hex id of comment `id` (see parseCommentHubId for the way back). */
export function commentHubId(id: number): string {
  return `${COMMENT_TAG}${id.toString(16).padStart(16, '0')}`;
}

/** The comment number behind an id from commentHubId, or a plain decimal number; null for anything else. */
export function parseCommentHubId(value: string): number | null {
  const text = value.trim().toLowerCase();
  if (/^\d{1,15}$/.test(text)) return Number(text) > 0 ? Number(text) : null;
  if (text.length !== 24 || !text.startsWith(COMMENT_TAG) || !/^[0-9a-f]{16}$/.test(text.slice(8))) return null;
  const n = Number.parseInt(text.slice(8), 16);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
