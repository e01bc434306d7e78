/**
 * The viewer is known but may not do this (not a moderator, banned, acting on themselves or on a
 * higher role). The web and API layers turn it into a 403 with this message.
 */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
  readonly status = 403;
}
