import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import { castVote } from '../features/cast-vote';
import { clientIp } from './auth/client-ip';
import { readForm } from './auth/read-form';
import { safeNext } from './auth/safe-next';
import { viewerOf, type AppEnv } from './auth/viewer';
import { paperPath } from './format';

/**
 * `POST /papers/:id/vote` (fields `_csrf`, `direction=up|none`, `next`): a plain form answered
 * with a 303 back to `next` (a local path; default the paper), or JSON `{upvotes, hasVoted}` when
 * the request asks for it (`Accept: application/json`, as assets/vote.js does). Anonymous form
 * posts go to log in and come back; anonymous JSON requests get a 401. The id may contain a slash
 * (`hep-th/9901001`), which `{.+}` allows; the `/vote` suffix keeps it apart from the paper page.
 */
export function createVoteRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/papers/:id{.+}/vote', async (c) => {
    const id = c.req.param('id');
    const form = await readForm(c);
    const next = safeNext(form.next, safeNext(paperPath(id)));
    const isJson = wantsJson(c);
    const viewer = viewerOf(c);
    if (!viewer) {
      if (isJson) return c.json({ error: 'log in to vote' }, 401);
      return c.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    }
    try {
      const result = await castVote(deps, viewer, { arxivId: id, direction: form.direction, ip: clientIp(c, deps.config.trustProxy) });
      return isJson ? c.json(result) : c.redirect(next, 303);
    } catch (error) {
      // The script falls back to a plain post on any error, which shows the explaining page.
      const status = error instanceof InputError ? 400 : (error as { status?: number }).status;
      if (!isJson || typeof status !== 'number' || status < 400 || status >= 500) throw error;
      const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      return c.json({ error: (error as Error).message }, status as 400);
    }
  });
  return app;
}

function wantsJson(c: Context): boolean {
  return /\bapplication\/json\b/i.test(c.req.header('accept') ?? '');
}
