import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const ALLOW_METHODS = ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'];
const ALLOW_HEADERS = ['Authorization', 'Content-Type'];

/**
 * CORS for the JSON API: any site's scripts may call it with an API token, never with cookies
 * (no credentials are allowed with origin `*`, and SameSite=Lax keeps cookies off cross-site POSTs).
 *
 * Preflights are hono's `cors`. Every other answer gets its `Access-Control-Allow-Origin` once the
 * route has made it: hono's `cors` sets it on `c.res` before the route runs, and a response set
 * over an existing one is rebuilt around its body as a stream: ~0.8 ms of server CPU for a 50-result
 * search answer (280 kB of JSON) in a profile of bench/search-latency.ts (docs/benchmarks.md §2).
 */
export function apiCors(): MiddlewareHandler {
  const preflight = cors({ origin: '*', allowMethods: ALLOW_METHODS, allowHeaders: ALLOW_HEADERS });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
  };
}
