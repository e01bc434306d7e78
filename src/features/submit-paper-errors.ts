import { ForbiddenError } from '../domain/forbidden-error';
import { InputError } from '../domain/input-error';
import { NotFoundError } from '../domain/not-found-error';
import { RateLimitedError } from './rate-limit';

/**
 * Refusals specific to submitting a paper, each with the status the web and API layers answer
 * with and a message meant for the submitter. (Other refusals use the shared classes: InputError
 * 400, ForbiddenError 403, NotFoundError 404, RateLimitedError 429.)
 */

/** The paper is on a day's list already (any day: a paper is listed once). Becomes a 409. */
export class AlreadyListedError extends Error {
  override name = 'AlreadyListedError';
  readonly status = 409;

  /**
   * @param arxivId the paper
   * @param listedOn the day whose list it is on (YYYY-MM-DD), so the answer can link to it
   */
  constructor(
    readonly arxivId: string,
    readonly listedOn: string,
  ) {
    super(`${arxivId} is already on the list of ${listedOn}.`);
  }
}

/**
 * The account used up its submissions for the day (SUBMIT_DAILY_CAP). A 429 whose Retry-After
 * is the next midnight in the site's time zone, when the count starts again.
 */
export class DailyCapError extends Error {
  override name = 'DailyCapError';
  readonly status = 429;

  constructor(
    readonly cap: number,
    readonly retryAfterSeconds: number,
  ) {
    super(
      cap === 0
        ? 'Submissions are closed on this site.'
        : `You have submitted ${cap} ${cap === 1 ? 'paper' : 'papers'} today, the most one account may submit in a day. Try again tomorrow.`,
    );
  }
}

/** arXiv, where a new paper's metadata comes from, cannot be reached now. Becomes a 503. */
export class ArxivDownError extends Error {
  override name = 'ArxivDownError';
  readonly status = 503;
}

/** A refused submission as the web and API layers answer it. */
export type SubmissionRefusal = {
  status: 400 | 403 | 404 | 409 | 429 | 503;
  message: string;
  /** For 429: seconds until trying again makes sense (the Retry-After header). */
  retryAfterSeconds?: number;
  /** For 409: the paper and the day whose list holds it. */
  listed?: { arxivId: string; listedOn: string };
};

/**
 * The refusal behind an error `submitPaper` threw, or null for an unexpected error (which the
 * caller rethrows, to be logged and answered with a 500 that reveals nothing).
 */
export function submissionRefusal(error: unknown): SubmissionRefusal | null {
  if (error instanceof AlreadyListedError) return { status: 409, message: error.message, listed: { arxivId: error.arxivId, listedOn: error.listedOn } };
  if (error instanceof DailyCapError || error instanceof RateLimitedError) {
    return { status: 429, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error instanceof ArxivDownError) return { status: 503, message: error.message };
  if (error instanceof NotFoundError) return { status: 404, message: error.message };
  if (error instanceof ForbiddenError) return { status: 403, message: error.message };
  if (error instanceof InputError) return { status: 400, message: error.message };
  return null;
}
