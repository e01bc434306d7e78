import { Hono } from 'hono';
import type { Deps } from '../deps';
import { banUser, unbanUser } from '../features/moderation/ban-user';
import { hideComment, unhideComment } from '../features/moderation/hide-comment';
import { removeListing } from '../features/moderation/remove-listing';
import { setRole } from '../features/moderation/set-role';
import { readForm } from './auth/read-form';
import { safeNext } from './auth/safe-next';
import { viewerOf, type AppEnv } from './auth/viewer';
import { paperPath } from './format';
import { renderModerationLogPage, userPath } from './moderation-log-page';
import { renderUserProfilePage } from './user-profile-page';

/**
 * The public moderation log, user profiles, and the moderators' form POSTs (CSRF-checked by the
 * app's middleware before they get here). Who may do what is decided by the use cases: anyone
 * else gets a 403 page and nothing changes. Success redirects (303) to `next` when it is a local
 * path, else to what was acted on; a bad reason or target is a 400/404 page saying why.
 */
export function createModerationRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/moderation', (c) => renderModerationLogPage(c, deps));
  app.get('/users/:username', (c) => renderUserProfilePage(c, deps, c.req.param('username')));

  for (const [verb, act] of [
    ['hide', hideComment],
    ['unhide', unhideComment],
  ] as const) {
    app.post(`/moderation/comments/:id/${verb}`, async (c) => {
      const form = await readForm(c);
      const comment = await act(deps, viewerOf(c), { commentId: c.req.param('id'), reason: form.reason });
      return c.redirect(safeNext(form.next, `${paperPath(comment.arxivId)}#comment-${comment.id}`), 303);
    });
  }

  app.post('/moderation/listings/remove', async (c) => {
    const form = await readForm(c);
    const removed = await removeListing(deps, viewerOf(c), { arxivId: form.arxivId, listedOn: form.listedOn, reason: form.reason });
    return c.redirect(safeNext(form.next, paperPath(removed.arxivId)), 303);
  });

  for (const [verb, act] of [
    ['ban', banUser],
    ['unban', unbanUser],
  ] as const) {
    app.post(`/moderation/users/:username/${verb}`, async (c) => {
      const form = await readForm(c);
      const user = await act(deps, viewerOf(c), { username: c.req.param('username'), reason: form.reason });
      return c.redirect(safeNext(form.next, userPath(user.username)), 303);
    });
  }

  app.post('/moderation/users/:username/role', async (c) => {
    const form = await readForm(c);
    const user = await setRole(deps, viewerOf(c), { username: c.req.param('username'), role: form.role, reason: form.reason });
    return c.redirect(safeNext(form.next, userPath(user.username)), 303);
  });

  return app;
}
