import { Hono } from 'hono';
import type { Deps } from '../deps';
import { findSimilarPapers } from '../features/find-similar-papers';
import { toApiPaper } from './serialize';

/**
 * `GET /api/papers/:id/similar`: the 10 papers most like this one (nearest by the embedding
 * model; keyword matches of its title when there is no vector index), as paper objects. A
 * malformed id is 400, an unknown one 404. Mounted with the search routes, before
 * `/api/papers/:id`, whose pattern would otherwise take the `/similar` suffix as part of the id.
 */
export function paperSimilarRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get('/api/papers/:id{.+}/similar', async (c) => {
    const id = c.req.param('id');
    const found = await findSimilarPapers(deps, id);
    if (!found) return c.json({ error: `paper ${id} is not on this server` }, 404);
    const ctx = { siteUrl: deps.config.siteUrl };
    return c.json(found.similar.map((p) => toApiPaper(p, ctx)));
  });
  return app;
}
