import type { Context, MiddlewareHandler } from 'hono';
import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { authenticateApiToken } from '../../features/accounts/api-tokens';
import { authenticateSession } from '../../features/accounts/sessions';
import { clearCookie, readCookie } from './cookies';

/** What the auth middleware leaves on every request's context. */
export type AuthVariables = {
  /** The logged-in account, or null. */
  viewer: Viewer | null;
  /** How the viewer was authenticated: a browser session (cookie) or an API token (header). */
  authVia: 'session' | 'token' | null;
  /** SHA-256 of the session token, when authenticated by cookie (to mark "this session"). */
  sessionHash: string | null;
  /** The CSRF token for this response's forms (sets the anonymous csrf cookie on first use). */
  csrfToken: () => string;
};

export type AppEnv = { Variables: AuthVariables & { secureHeadersNonce?: string } };

/**
 * Finds the viewer: an `Authorization: Bearer` API token wins (and cookies are then ignored, so
 * a token request needs no CSRF token); otherwise the session cookie. A bad bearer token is a
 * 401 rather than silently anonymous, so a script with a revoked token fails loudly.
 */
export function loadViewer(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('viewer', null);
    c.set('authVia', null);
    c.set('sessionHash', null);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const viewer = match ? await authenticateApiToken(deps, match[1]!) : null;
      if (!viewer) return c.json({ error: 'invalid or revoked API token (Authorization: Bearer <token> from your settings page)' }, 401);
      c.set('viewer', viewer);
      c.set('authVia', 'token');
      return next();
    }
    const token = readCookie(c, deps.config, 'session');
    if (token !== undefined) {
      const found = await authenticateSession(deps, token);
      if (found) {
        c.set('viewer', found.viewer);
        c.set('authVia', 'session');
        c.set('sessionHash', found.tokenHash);
      } else {
        clearCookie(c, deps.config, 'session');
      }
    }
    return next();
  };
}

/** The viewer of a request (null: anonymous). */
export function viewerOf(c: Context): Viewer | null {
  return (c.get('viewer') as Viewer | null | undefined) ?? null;
}
