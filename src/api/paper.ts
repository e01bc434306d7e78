import { Hono } from 'hono';
import type { Deps } from '../deps';
import { flattenCommentTree } from '../domain/comment-tree';
import { listPaperComments } from '../features/comments/list-comments';
import { getPaper } from '../features/get-paper';
import { paperQuery } from './paper.schema';
import { parseQuery } from './parse-query';
import { toPaperDetails } from './serialize';
import { toApiComment } from './serialize-comment';

/**
 * `GET /api/papers/:id`: one paper with the Hub's linked-repository fields (empty here), and its
 * discussion with `field=comments` (flat, parents first, replies naming `parentCommentId`). The id
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
    // The thread in reading order (each comment before its replies), each naming its parent.
    const ctx = { siteUrl: deps.config.siteUrl };
    const comments = field.includes('comments')
      ? flattenCommentTree(await listPaperComments(deps, details.paper.id)).map((n) => toApiComment(n.comment, ctx))
      : undefined;
    return c.json(
      toPaperDetails(details.paper, details.listings[0] ?? null, ctx, {
        comments,
        submissionDeadline: field.includes('submissionDeadline'),
      }),
    );
  });
  return app;
}
