import crypto from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Deps } from '../../deps';
import { newToken } from '../../features/accounts/secret-token';
import { readCookie, writeCookie } from './cookies';
import type { AppEnv } from './viewer';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A refused cross-site request. Becomes a 403. */
export class CsrfError extends Error {
  override name = 'CsrfError';
  readonly status = 403;
}

/**
 * Cross-site request forgery defence for every state-changing request made with cookies, in two
 * independent layers: the browser's own word on where the request comes from (Sec-Fetch-Site,
 * else Origin, must be this site), and a token in the form (`_csrf`) or the `X-CSRF-Token`
 * header that a foreign page cannot read. The token is derived from the session token (logged
 * in) or from a random `csrf` cookie (logged out: log-in and sign-up forms).
 *
 * Requests authenticated by an API token carry no cookies' authority and are exempt, as are API
 * requests without any cookie (anonymous: the route refuses them with a 401) and `exemptPaths`
 * (RFC 8058 one-click unsubscribe, which by design comes without cookies).
 */
export function csrfProtection(deps: Deps, options: { exemptPaths?: RegExp[] } = {}): MiddlewareHandler<AppEnv> {
  const siteOrigin = new URL(deps.config.siteUrl).origin;
  return async (c, next) => {
    c.set('csrfToken', () => csrfTokenFor(c, deps));
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (c.get('authVia') === 'token') return next();
    if (options.exemptPaths?.some((p) => p.test(c.req.path))) return next();
    // An API call with neither token nor cookies carries no ambient authority a forger could borrow:
    // let it through as anonymous, so the route answers 401 (log in) rather than a CSRF 403.
    if (c.req.path.startsWith('/api/') && c.req.header('cookie') === undefined) return next();

    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (site !== undefined) {
      if (site !== 'same-origin' && site !== 'none') throw new CsrfError('This request came from another site and was refused.');
    } else if (origin !== undefined && origin !== siteOrigin) {
      throw new CsrfError('This request came from another site and was refused.');
    }

    const expected = csrfSecret(c, deps);
    const sent = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'));
    if (!expected || !sent || !equal(sent, tokenFrom(expected))) {
      throw new CsrfError('The form has expired or did not come from this site. Go back, reload the page and try again.');
    }
    return next();
  };
}

/**
 * The CSRF token to put in this response's forms. For a logged-out browser without a csrf
 * cookie, sets one first (so only pages that show forms to anonymous users set it).
 */
export function csrfTokenFor(c: Context, deps: Deps): string {
  let secret = csrfSecret(c, deps);
  if (!secret) {
    secret = newToken();
    writeCookie(c, deps.config, 'csrf', secret);
    c.set('csrfSecret' as never, secret as never);
  }
  return tokenFrom(secret);
}

function csrfSecret(c: Context, deps: Deps): string | undefined {
  if (c.get('authVia') === 'session') return readCookie(c, deps.config, 'session');
  return (c.get('csrfSecret' as never) as string | undefined) ?? readCookie(c, deps.config, 'csrf');
}

function tokenFrom(secret: string): string {
  return crypto.createHash('sha256').update(`csrf:${secret}`).digest('base64url');
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  try {
    // Hono caches the parsed body, so the handler can read it again.
    const body = await c.req.parseBody();
    const value = body[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
