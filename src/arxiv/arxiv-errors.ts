/**
 * What can go wrong when asking arXiv for a paper. Both classes carry a message meant for the
 * person who submitted the id, so the web layer can show `error.message` as it is.
 */

/** Common parent, so a caller can catch every arXiv failure at once. */
export class ArxivError extends Error {
  override name = 'ArxivError';
}

/**
 * arXiv answered, and the answer is that there is no such paper: an empty feed, an empty entry
 * (older API versions), or arXiv's own error entry (`<id>http://arxiv.org/api/errors#…</id>`,
 * title "Error") such as "incorrect id format for …". Retrying will not help.
 */
export class ArxivNotFoundError extends ArxivError {
  override name = 'ArxivNotFoundError';

  /**
   * @param arxivId the id that was asked for (normalised, without version)
   * @param reason arXiv's own words when it sent an error entry, e.g. "incorrect id format for 1234.12345"
   */
  constructor(
    readonly arxivId: string,
    readonly reason?: string,
  ) {
    super(reason ? `arXiv has no paper ${arxivId} (arXiv says: ${reason})` : `arXiv has no paper ${arxivId}`);
  }
}

/**
 * arXiv could not be asked or did not give a usable answer: every try failed (network error,
 * timeout, 429 or 5xx), it refused the request with another 4xx, or it sent something that is not
 * an arXiv Atom feed. Worth trying again later.
 */
export class ArxivUnavailableError extends ArxivError {
  override name = 'ArxivUnavailableError';

  /**
   * @param message the sentence for the user
   * @param attempts how many requests were made before giving up
   */
  constructor(
    message: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
