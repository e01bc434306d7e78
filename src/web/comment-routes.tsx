import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../deps';
import type { Viewer } from '../domain/account';
import { ForbiddenError } from '../domain/forbidden-error';
import { InputError } from '../domain/input-error';
import { deleteComment } from '../features/comments/delete-comment';
import { editComment, getOwnComment } from '../features/comments/edit-comment';
import { getCommentedPaper } from '../features/comments/get-commented-paper';
import { postComment } from '../features/comments/post-comment';
import { RateLimitedError } from '../features/rate-limit';
import type { AppEnv } from './auth/viewer';
import { viewerOf } from './auth/viewer';
import { renderCommentFormPage, type CommentFormState } from './comment-form-page';
import { commentAnchor } from './discussion';
import { paperPath } from './format';

/**
 * The discussion's form routes. `:id` may contain a slash (old-style `hep-th/9901001`), so these
 * are mounted before the paper page's catch-all `GET /papers/:id{.+}`:
 * - `POST /papers/:id/comments` (`body`, `parentId?`): a comment or reply → 303 to `#comment-N`;
 * - `GET|POST /papers/:id/comments/:commentId/edit`: the author's edit form, and saving it;
 * - `POST /papers/:id/comments/:commentId/delete`: the author deletes it.
 * Anonymous visitors are sent to log in. A refused post or edit (bad text 400, not allowed 403,
 * too many 429) shows the form again with the message and the draft; unknown papers and comments
 * are the 404 page.
 */
export function createCommentRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/papers/:id{.+}/comments', async (c) => {
    const arxivId = c.req.param('id');
    const viewer = viewerOf(c);
    if (!viewer) return toLogin(c, `${paperPath(arxivId)}#discussion`);
    const form = await readFields(c);
    try {
      const { paper, comment } = await postComment(deps, viewer, { arxivId, body: form.body, parentId: form.parentId });
      return c.redirect(`${paperPath(paper.arxivId)}#${commentAnchor(comment.id)}`, 303);
    } catch (error) {
      return retryForm(c, error, { paper: await getCommentedPaper(deps, arxivId), body: form.body ?? '', parentId: form.parentId || undefined });
    }
  });

  app.get('/papers/:id{.+}/comments/:commentId/edit', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return toLogin(c, new URL(c.req.url).pathname);
    const { paper, comment } = await ownComment(deps, viewer, c);
    return renderCommentFormPage(c, { paper, commentId: comment.id, body: comment.body });
  });

  app.post('/papers/:id{.+}/comments/:commentId/edit', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return toLogin(c, new URL(c.req.url).pathname);
    const form = await readFields(c);
    // Someone else's, deleted or hidden comment, or an unknown one: the error page, no form.
    const { paper, comment } = await ownComment(deps, viewer, c);
    try {
      await editComment(deps, viewer, { arxivId: paper.arxivId, commentId: comment.id, body: form.body });
      return c.redirect(`${paperPath(paper.arxivId)}#${commentAnchor(comment.id)}`, 303);
    } catch (error) {
      return retryForm(c, error, { paper, commentId: comment.id, body: form.body ?? '' });
    }
  });

  app.post('/papers/:id{.+}/comments/:commentId/delete', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return toLogin(c, `${paperPath(c.req.param('id'))}#discussion`);
    const { paper, commentId } = await deleteComment(deps, viewer, { arxivId: c.req.param('id'), commentId: c.req.param('commentId') });
    return c.redirect(`${paperPath(paper.arxivId)}#${commentAnchor(commentId)}`, 303);
  });

  return app;
}

function ownComment(deps: Deps, viewer: Viewer, c: Context) {
  return getOwnComment(deps, viewer, c.req.param('id')!, c.req.param('commentId'));
}

function toLogin(c: Context, back: string): Response {
  return c.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
}

/** The form's text fields (a body that is not a form gives none, and the use case says what is missing). */
async function readFields(c: Context): Promise<{ body?: string; parentId?: string }> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return {};
  const parsed = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { body: text(parsed.body), parentId: text(parsed.parentId) };
}

/** Errors the person can act on show the form again, keeping the draft; anything else propagates. */
function retryForm(c: Context, error: unknown, state: CommentFormState): Promise<Response> {
  let status: ContentfulStatusCode;
  if (error instanceof InputError) status = 400;
  else if (error instanceof ForbiddenError) status = 403;
  else if (error instanceof RateLimitedError) {
    status = 429;
    c.header('Retry-After', String(error.retryAfterSeconds));
  } else throw error;
  // A draft is kept only up to a sane size: an over-long body is shown cut, with the message saying why.
  return renderCommentFormPage(c, { ...state, body: state.body.slice(0, 20_000), error: (error as Error).message }, status);
}
