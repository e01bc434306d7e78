import { Hono } from 'hono';
import type { Deps } from '../deps';
import { submitPaper } from '../features/submit-paper';
import { submissionRefusal } from '../features/submit-paper-errors';
import { readForm } from './auth/read-form';
import { viewerOrLogin } from './auth/require-viewer';
import type { AppEnv } from './auth/viewer';
import { paperPath } from './format';
import { renderSubmitPage } from './submit-page';

// Longer than any id or arxiv.org link; a longer prefill is cut rather than echoed whole.
const MAX_VALUE = 300;

/**
 * `GET /submit` shows the form (prefilled from `?arxivId=`); `POST /submit` (form field `arxivId`,
 * CSRF-checked by the middleware) lists the paper and redirects (303) to its page, or shows the
 * form again with the entered value, the reason and the refusal's status (400, 403, 404, 409,
 * 429 with Retry-After, 503). Anonymous visitors are sent to log in and come back.
 */
export function createSubmitRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/submit', (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    return renderSubmitPage(c, deps, viewer, { value: (c.req.query('arxivId') ?? '').slice(0, MAX_VALUE) });
  });
  app.post('/submit', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const value = (await readForm(c)).arxivId ?? '';
    try {
      const submitted = await submitPaper(deps, viewer, { arxivId: value });
      return c.redirect(paperPath(submitted.arxivId), 303);
    } catch (error) {
      const refusal = submissionRefusal(error);
      if (!refusal) throw error;
      if (refusal.retryAfterSeconds !== undefined) c.header('Retry-After', String(refusal.retryAfterSeconds));
      return renderSubmitPage(c, deps, viewer, { value: value.slice(0, MAX_VALUE), error: refusal.message, listed: refusal.listed ?? null }, refusal.status);
    }
  });
  return app;
}
