import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import { postComment } from '../features/comments/post-comment';
import { viewerOf, type AppEnv } from '../web/auth/viewer';
import { parseCommentHubId } from './hub-id';
import { commentBody } from './paper-comments.schema';
import { LOG_IN_FIRST } from './read-body';
import { toApiComment } from './serialize-comment';

/**
 * The Hub's comment writes: `POST /api/papers/:id/comment` and
 * `POST /api/papers/:id/comment/:commentId/reply`, both with `{"comment": "markdown"}`, both
 * answering 201 `{"newMessage": comment}` (the shape of `GET /api/papers/:id?field=comments`).
 * `:commentId` is the `id` that API emits (24 hex digits) or the plain number the pages use.
 * Authenticated by `Authorization: Bearer <token>`, or by the session cookie plus an
 * `X-CSRF-Token` header (checked by the CSRF middleware before this runs). Errors are JSON
 * (app.ts): 400 bad JSON, text or parent; 401 without credentials; 403 unverified or banned;
 * 404 unknown paper; 429 too many comments (with Retry-After).
 */
export function paperCommentRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const post = (replying: boolean) => async (c: Context<AppEnv>) => {
    const viewer = viewerOf(c);
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    let parentId: number | null = null;
    if (replying) {
      parentId = parseCommentHubId(c.req.param('commentId') ?? '');
      if (parentId === null) throw new InputError('commentId must be a comment id from GET /api/papers/:id?field=comments');
    }
    const body = commentBody.safeParse(await readJson(c));
    if (!body.success) throw new InputError(body.error.issues[0]!.message);
    const { comment } = await postComment(deps, viewer, { arxivId: c.req.param('id')!, body: body.data.comment, parentId });
    return c.json({ newMessage: toApiComment(comment, { siteUrl: deps.config.siteUrl }) }, 201);
  };
  app.post('/api/papers/:id{.+}/comment', post(false));
  app.post('/api/papers/:id{.+}/comment/:commentId/reply', post(true));
  return app;
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new InputError('the body must be JSON such as {"comment": "Nice paper!"}');
  }
}
