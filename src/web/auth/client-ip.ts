import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client's address, for per-IP rate limits. Behind a reverse proxy the operator runs
 * (TRUST_PROXY=true) it is the last X-Forwarded-For hop, the one the proxy added; otherwise the
 * socket's peer. In-process test requests have no socket: `unknown`, one shared bucket.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const last = hops.at(-1);
    if (last && last.length <= 64) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
