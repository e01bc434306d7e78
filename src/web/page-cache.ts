import type { Context, MiddlewareHandler } from 'hono';

/**
 * A micro-cache of rendered pages: the same URL within `ttlSeconds` gets the HTML rendered for the
 * first request. A daily page costs ~1.5 ms of queries and ~0.5 ms of rendering; served from here
 * it costs a map lookup, which is what lets one process answer thousands of requests a second.
 * The price is that a new vote shows up to `ttlSeconds` late. Only 200 responses are kept.
 */
export type PageCacheOptions = {
  ttlSeconds: number;
  /** Distinct URLs kept (least recently stored dropped first). */
  maxEntries?: number;
  /** The clock, in milliseconds (tests inject one). */
  now?: () => number;
  /** Requests that must be rendered for themselves (logged-in viewers see their own votes). */
  bypass?: (c: Context) => boolean;
};

type Entry = { html: string; expires: number };

/** Middleware that serves and stores rendered GET pages by path and query string. */
export function pageCache(options: PageCacheOptions): MiddlewareHandler {
  const ttlMs = options.ttlSeconds * 1000;
  const maxEntries = options.maxEntries ?? 500;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return async (c: Context, next) => {
    if (ttlMs <= 0 || c.req.method !== 'GET' || options.bypass?.(c)) return next();
    const url = c.req.url;
    const key = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    const hit = entries.get(key);
    if (hit && hit.expires > now()) return c.html(hit.html);
    await next();
    const res = c.res;
    if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/html')) return;
    const html = await res.clone().text();
    entries.delete(key);
    entries.set(key, { html, expires: now() + ttlMs });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };
}
