import type { Context } from 'hono';
import type { Viewer } from '../../domain/account';
import { viewerOf } from './viewer';

/** A page that needs a logged-in viewer: the viewer, or a redirect to log in and come back. */
export function viewerOrLogin(c: Context): Viewer | Response {
  const viewer = viewerOf(c);
  if (viewer) return viewer;
  const url = new URL(c.req.url);
  const back = c.req.method === 'GET' ? `${url.pathname}${url.search}` : url.pathname;
  return c.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
}
