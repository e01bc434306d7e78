import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import type { VoteState } from '../domain/vote';
import { castVote } from '../features/cast-vote';
import { clientIp } from '../web/auth/client-ip';
import { viewerOf, type AppEnv } from '../web/auth/viewer';
import { LOG_IN_FIRST } from './read-body';

/**
 * `POST /api/papers/:id/upvote` upvotes, `DELETE` takes the upvote back; both answer
 * `{upvotes, hasVoted}` and are idempotent. Hugging Face documents no upvote endpoint, so this
 * one is ours. Authenticated by `Authorization: Bearer <token>`, or by the session cookie plus an
 * `X-CSRF-Token` header (checked by the CSRF middleware before this runs). Errors are JSON (app.ts):
 * 401 without credentials, 403 unverified or banned, 404 unknown paper, 429 too many votes.
 */
export function paperUpvoteRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const vote = (direction: VoteState) => async (c: Context<AppEnv>) => {
    const viewer = viewerOf(c);
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    const result = await castVote(deps, viewer, { arxivId: c.req.param('id'), direction, ip: clientIp(c, deps.config.trustProxy) });
    return c.json(result);
  };
  app.post('/api/papers/:id{.+}/upvote', vote('up'));
  app.delete('/api/papers/:id{.+}/upvote', vote('none'));
  return app;
}
