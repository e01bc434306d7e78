import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../config';

/**
 * The cookies Paperboy sets. With COOKIE_SECURE (the default everywhere but plain-HTTP
 * localhost) they are `__Host-` prefixed, which makes browsers insist on Secure, Path=/ and no
 * Domain: a sibling subdomain cannot plant or overwrite them. All are HttpOnly and SameSite=Lax.
 */
export type CookieKind = 'session' | 'device' | 'csrf';

const BASE: Record<CookieKind, string> = { session: 'paperboy_session', device: 'paperboy_device', csrf: 'paperboy_csrf' };

/** The cookie's name under this configuration. */
export function cookieName(config: Config, kind: CookieKind): string {
  return config.cookieSecure ? `__Host-${BASE[kind]}` : BASE[kind];
}

/** The cookie's value on this request, if any. */
export function readCookie(c: Context, config: Config, kind: CookieKind): string | undefined {
  return getCookie(c, cookieName(config, kind));
}

/** Sets the cookie; `maxAgeSeconds` undefined makes a browser-session cookie. */
export function writeCookie(c: Context, config: Config, kind: CookieKind, value: string, maxAgeSeconds?: number): void {
  setCookie(c, cookieName(config, kind), value, {
    path: '/',
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'Lax',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });
}

/** Removes the cookie from the browser. */
export function clearCookie(c: Context, config: Config, kind: CookieKind): void {
  deleteCookie(c, cookieName(config, kind), { path: '/', secure: config.cookieSecure, httpOnly: true, sameSite: 'Lax' });
}
