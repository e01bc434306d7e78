import { Hono } from 'hono';
import type { Deps } from '../deps';
import { submitPaper } from '../features/submit-paper';
import { submissionRefusal } from '../features/submit-paper-errors';
import { viewerOf, type AppEnv } from '../web/auth/viewer';
import { papersIndexBody } from './papers-index.schema';
import { LOG_IN_FIRST, readBody } from './read-body';

/**
 * `POST /api/papers/index` with `{"arxivId": "2301.00001"}`: submits a paper to today's list and
 * answers `{}` as the Hub does. Authenticated by `Authorization: Bearer <token>`, or by the
 * session cookie plus an `X-CSRF-Token` header (checked by the CSRF middleware before this runs).
 * Errors are `{"error": "..."}`: 400 bad JSON or id, too old; 401 without credentials; 403
 * unverified or banned; 404 unknown to arXiv; 409 already listed; 429 daily cap or hourly rate
 * (with Retry-After); 503 arXiv unreachable.
 */
export function papersIndexRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/api/papers/index', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    const body = await readBody(c, papersIndexBody, 'the body must be JSON such as {"arxivId": "2301.00001"}');
    if (body instanceof Response) return body;
    try {
      await submitPaper(deps, viewer, { arxivId: body.arxivId });
      return c.json({});
    } catch (error) {
      const refusal = submissionRefusal(error);
      if (!refusal) throw error;
      if (refusal.retryAfterSeconds !== undefined) c.header('Retry-After', String(refusal.retryAfterSeconds));
      // A duplicate names where the paper is listed, as a link a client can show.
      const where = refusal.listed ? ` ${deps.config.siteUrl}/papers/date/${refusal.listed.listedOn}` : '';
      return c.json({ error: `${refusal.message}${where}` }, refusal.status);
    }
  });
  return app;
}
