import { parseArxivReference } from '../domain/arxiv-id';
import { InputError } from '../domain/input-error';
import { ArxivNotFoundError, ArxivUnavailableError } from './arxiv-errors';
import { createSpacedQueue } from './create-spaced-queue';
import { canonicalId, parseArxivFeed, type ArxivPaper } from './parse-arxiv-feed';

export type { ArxivPaper } from './parse-arxiv-feed';

/** How to reach arXiv and how politely. Only `baseUrl` is required. */
export type ArxivClientOptions = {
  /** The query endpoint, e.g. `http://export.arxiv.org/api/query` (config `ARXIV_API_URL`). */
  baseUrl: string;
  /** Pause between the end of one request and the start of the next; arXiv asks for 3 s. */
  minIntervalMs?: number;
  /** Give up on one request (headers and body) after this long; it then counts as a failed try. */
  timeoutMs?: number;
  /** Further tries after the first, for network errors, timeouts, 429 and 5xx. */
  retries?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** A monotonic millisecond clock, used to space requests (default `performance.now`). */
  now?: () => number;
};

/** Fetches paper metadata from arXiv's API. Create one per process: the spacing is per client. */
export type ArxivClient = {
  /**
   * The latest version's metadata for an id (`2401.17377`, `hep-th/9711200`, `arXiv:2401.17377v2`,
   * or an arxiv.org abs/pdf URL; a version is ignored). Throws `InputError` for a malformed id
   * (before any request), `ArxivNotFoundError` when arXiv has no such paper, and
   * `ArxivUnavailableError` when arXiv cannot be reached or answers something unreadable.
   */
  fetchPaper(arxivId: string): Promise<ArxivPaper>;
};

const USER_AGENT = 'Paperboy (self-hosted paper list; arXiv metadata for submitted ids)';
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 16_000;
// A Retry-After longer than this is not worth keeping a submitter waiting for.
const MAX_RETRY_AFTER_MS = 30_000;

type Outcome =
  | { kind: 'ok'; body: string }
  | { kind: 'retry'; problem: string; retryAfterMs?: number; cause?: unknown }
  | { kind: 'refused'; status: number };

/** Builds an arXiv client; see `ArxivClient` and `ArxivClientOptions`. */
export function createArxivClient(options: ArxivClientOptions): ArxivClient {
  const {
    baseUrl,
    minIntervalMs = 3000,
    timeoutMs = 10_000,
    retries = 3,
    fetch: doFetch = globalThis.fetch,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    now = () => performance.now(),
  } = options;
  const queue = createSpacedQueue({ minIntervalMs, sleep, now });

  async function requestOnce(url: URL): Promise<Outcome> {
    try {
      // The timeout signal also covers reading the body, so a stalled body counts as a timeout.
      const res = await doFetch(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { 'User-Agent': USER_AGENT, Accept: 'application/atom+xml' },
      });
      if (res.ok) return { kind: 'ok', body: await res.text() };
      await res.body?.cancel().catch(() => {});
      if (res.status === 429 || res.status >= 500) {
        return { kind: 'retry', problem: `HTTP ${res.status}`, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) };
      }
      return { kind: 'refused', status: res.status };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return { kind: 'retry', problem: timedOut ? `no answer within ${timeoutMs} ms` : describe(error), cause: error };
    }
  }

  return {
    async fetchPaper(input) {
      const parsed = parseArxivReference(input);
      if (!parsed.ok) throw new InputError(parsed.reason);
      const id = canonicalId(parsed.id);
      const url = new URL(baseUrl);
      url.search = `id_list=${id}`; // ids are [a-z0-9.-/] only; arXiv wants the slash of old ids as is
      const tries = retries + 1;

      for (let attempt = 1; ; attempt++) {
        const outcome = await queue.run(() => requestOnce(url));
        if (outcome.kind === 'ok') return readFeed(outcome.body, id, attempt);
        if (outcome.kind === 'refused') {
          throw new ArxivUnavailableError(`arXiv refused the request for ${id} (HTTP ${outcome.status}); try again later`, attempt);
        }
        const cause = new Error(`try ${attempt}: ${outcome.problem}`, { cause: outcome.cause });
        if (attempt >= tries) {
          throw new ArxivUnavailableError(`arXiv did not answer after ${tries} ${tries === 1 ? 'try' : 'tries'}; try again in a few minutes`, attempt, { cause });
        }
        if ((outcome.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS) {
          const seconds = Math.ceil(outcome.retryAfterMs! / 1000);
          throw new ArxivUnavailableError(`arXiv is busy and asked for a pause of ${seconds} s; try again in a few minutes`, attempt, { cause });
        }
        await sleep(Math.max(backoffMs(attempt), outcome.retryAfterMs ?? 0));
      }
    },
  };
}

function readFeed(body: string, id: string, attempts: number): ArxivPaper {
  const result = parseArxivFeed(body, id);
  if (result.kind === 'paper') return result.paper;
  if (result.kind === 'not-found') throw new ArxivNotFoundError(id, result.reason);
  throw new ArxivUnavailableError(`arXiv sent an answer for ${id} that could not be read; try again in a few minutes`, attempts, {
    cause: new Error(result.detail),
  });
}

/** Exponential with "equal jitter": half fixed, half random, so many clients do not retry in step. */
function backoffMs(attempt: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Retry-After is either delay-seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ? `${error.message} (${cause.code})` : cause?.message ? `${error.message}: ${cause.message}` : error.message;
}
