import { Hono } from 'hono';
import type { Deps } from '../deps';
import type { Collection } from '../domain/collection';
import { addPaperToCollection, removePaperFromCollection } from '../features/collections/collect-paper';
import { createCollection } from '../features/collections/create-collection';
import { getCollection } from '../features/collections/get-collection';
import { viewerOf, type AppEnv } from '../web/auth/viewer';
import { addPaperBody, createCollectionBody } from './collections.schema';
import { LOG_IN_FIRST, readBody } from './read-body';
import { isoTime, toApiPaper } from './serialize';

/**
 * Collections in the JSON API (ours; the Hub has none):
 * - `GET /api/collections/:username/:slug` → the collection with its papers (`{paper, addedAt, note}`,
 *   `paper` as in the daily API); a private one is 404 to everyone but its owner.
 * - `POST /api/collections` `{name, description?, isPublic?}` → 201 the new collection (private by default).
 * - `POST /api/collections/:username/:slug/papers` `{arxivId, note?}` → `{added}` (false: it was in already).
 * - `DELETE /api/collections/:username/:slug/papers/:arxivId` → `{removed}` (false: it was not in).
 * Writes need `Authorization: Bearer <token>` (or the session cookie plus `X-CSRF-Token`); errors are
 * `{error}`: 400, 401, 403 (unverified, banned, someone else's collection), 404, 429.
 */
export function collectionRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = { siteUrl: deps.config.siteUrl };

  app.get('/api/collections/:username/:slug', async (c) => {
    const { collection, papers } = await getCollection(deps, viewerOf(c), { username: c.req.param('username'), slug: c.req.param('slug') });
    if (!collection.isPublic) c.header('Cache-Control', 'private, no-store');
    return c.json({
      ...summary(collection, deps.config.siteUrl),
      papers: papers.map((p) => ({ paper: toApiPaper(p.paper, ctx), addedAt: isoTime(p.addedAt), note: p.note })),
    });
  });

  app.post('/api/collections', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    const body = await readBody(c, createCollectionBody);
    if (body instanceof Response) return body;
    const created = await createCollection(deps, viewer, body);
    return c.json(summary(created, deps.config.siteUrl), 201);
  });

  app.post('/api/collections/:username/:slug/papers', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    const body = await readBody(c, addPaperBody);
    if (body instanceof Response) return body;
    const result = await addPaperToCollection(deps, viewer, { username: c.req.param('username'), slug: c.req.param('slug'), arxivId: body.arxivId, note: body.note });
    return c.json({ added: result.isChanged, arxivId: result.paper.arxivId });
  });

  app.delete('/api/collections/:username/:slug/papers/:arxivId{.+}', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    const result = await removePaperFromCollection(deps, viewer, { username: c.req.param('username'), slug: c.req.param('slug'), arxivId: c.req.param('arxivId') });
    return c.json({ removed: result.isChanged, arxivId: result.paper.arxivId });
  });

  return app;
}

function summary(collection: Collection, siteUrl: string) {
  const path = `/users/${encodeURIComponent(collection.ownerUsername)}/collections/${collection.slug}`;
  return {
    name: collection.name,
    slug: collection.slug,
    description: collection.description,
    isPublic: collection.isPublic,
    owner: { user: collection.ownerUsername },
    numPapers: collection.paperCount,
    createdAt: isoTime(collection.createdAt),
    updatedAt: isoTime(collection.updatedAt),
    url: `${siteUrl}${path}`,
    bibtexUrl: `${siteUrl}${path}.bib`,
    csvUrl: `${siteUrl}${path}.csv`,
  };
}
