import { Hono } from 'hono';
import type { Deps } from '../deps';
import { getPaper } from '../features/get-paper';
import type { ApiComment } from './api-types';
import { paperQuery } from './paper.schema';
import { parseQuery } from './parse-query';
import { toPaperDetails } from './serialize';

/**
 * `GET /api/papers/:id`: one paper with the Hub's linked-repository fields (empty here). The id
 * may contain a slash (old-style `hep-th/9901001`) and a version (`2401.01234v2`). A malformed id
 * is 400 (InputError from getPaper), an unknown one 404.
 */
export function paperRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get('/api/papers/:id{.+}', async (c) => {
    const { field = [] } = parseQuery(c, paperQuery, ['field']);
    const id = c.req.param('id');
    const details = await getPaper(deps, id);
    if (!details) return c.json({ error: `paper ${id} is not on this server` }, 404);
    // Comments arrive with the comments issue; the list is empty until then (see serialize-comment.ts).
    const comments: ApiComment[] | undefined = field.includes('comments') ? [] : undefined;
    return c.json(
      toPaperDetails(details.paper, details.listings[0] ?? null, { siteUrl: deps.config.siteUrl }, {
        comments,
        submissionDeadline: field.includes('submissionDeadline'),
      }),
    );
  });
  return app;
}
