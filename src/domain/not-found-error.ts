/** The thing a request names (comment, listing, user) does not exist. Becomes a 404 with this message. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly status = 404;
}
