import crypto from 'node:crypto';
import { Hono } from 'hono';
import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import { isSuppressingEvent } from '../domain/subscription';
import { suppressAddress } from '../features/subscriptions/suppress-address';
import { mailEventBody } from './mail-webhook.schema';
import { readBody } from './read-body';

/**
 * `POST /api/webhooks/mail`: bounces and complaints reported by the mail provider. Authenticated
 * by `Authorization: Bearer <MAIL_WEBHOOK_SECRET>` (compared in constant time); without a
 * configured secret the route does not exist (404). Hard bounces and complaints suppress the
 * address (and end its subscription); soft bounces are only acknowledged, the deliverer's
 * retries handle them. Answers `{suppressed: boolean}`; errors are `{error}` (400, 401).
 *
 * Mounted in app.ts before the viewer middleware, which would take the Bearer secret for an API
 * token and refuse it. No cookies are involved, so app.ts also exempts it from CSRF.
 */
export function mailWebhookRoutes(deps: Deps): Hono {
  const app = new Hono();
  const secret = deps.config.mailWebhookSecret;
  app.post('/api/webhooks/mail', async (c) => {
    if (!secret) return c.json({ error: 'no route for POST /api/webhooks/mail (MAIL_WEBHOOK_SECRET is not set)' }, 404);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match || !sameSecret(match[1]!, secret)) return c.json({ error: 'send Authorization: Bearer <MAIL_WEBHOOK_SECRET>' }, 401);
    const event = await readBody(c, mailEventBody, 'the body must be JSON such as {"type": "bounce", "email": "a@example.org", "hard": true}');
    if (event instanceof Response) return event;
    if (!isSuppressingEvent(event)) return c.json({ suppressed: false });
    try {
      await suppressAddress(deps, { email: event.email, reason: event.type, detail: event.detail });
    } catch (error) {
      if (error instanceof InputError) return c.json({ error: error.message }, 400);
      throw error;
    }
    return c.json({ suppressed: true });
  });
  return app;
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(sent: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(sent).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}
