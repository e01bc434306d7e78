import { Hono } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from './deps';
import { InputError } from './domain/input-error';
import { createApiRoutes } from './api/routes';
import { apiCors } from './api/api-cors';
import { mailWebhookRoutes } from './api/mail-webhook';
import { createWebRoutes, renderErrorPage } from './web/routes';
import { csrfProtection } from './web/auth/csrf';
import { loadViewer, type AppEnv } from './web/auth/viewer';

/** The application, typed with the variables its middlewares set. */
export type App = Hono<AppEnv>;

/**
 * The whole HTTP surface: the JSON API (HF-compatible, under /api and /papers/:id.md) and the
 * server-rendered pages. Errors the user can fix become 400s; anything unexpected is logged and
 * answered with a 500 that reveals nothing.
 */
export function createApp(deps: Deps): App {
  const app = new Hono<AppEnv>();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Only scripts carrying this response's nonce run: no inline handlers, no injected tags.
        scriptSrc: [NONCE],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  );
  app.use(bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'request body is larger than 1 MiB' }, 413) }));

  app.use('/api/*', apiCors());
  // Before loadViewer: the webhook's Bearer secret is not an API token (see api/mail-webhook.ts).
  app.route('/', mailWebhookRoutes(deps));
  app.use(loadViewer(deps));
  app.use(csrfProtection(deps, { exemptPaths: CSRF_EXEMPT }));
  app.route('/', createApiRoutes(deps));
  app.route('/', createWebRoutes(deps, { pageCacheSeconds: deps.config.pageCacheSeconds }));

  app.notFound((c) => {
    if (isApi(c.req.path)) return c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404);
    return renderErrorPage(c, 404, 'This page does not exist.');
  });
  app.onError((error, c) => {
    if (error instanceof InputError) {
      if (isApi(c.req.path)) return c.json({ error: error.message }, 400);
      return renderErrorPage(c, 400, error.message);
    }
    const status = (error as { status?: number }).status;
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (isApi(c.req.path)) return c.json({ error: error.message }, status as 400);
      return renderErrorPage(c, status, error.message);
    }
    deps.log.error(`${c.req.method} ${c.req.path}: ${(error as Error).stack ?? String(error)}`);
    if (isApi(c.req.path)) return c.json({ error: 'internal error' }, 500);
    return renderErrorPage(c, 500, 'Something went wrong on our side.');
  });
  return app;
}

/**
 * State-changing routes that must work without cookies or a form token: unsubscribing (RFC 8058
 * one-click, which mail clients POST, and the unsubscribe page's button; the 256-bit token in the
 * link is their authority) and the mail-bounce webhook (authenticated by its own secret).
 */
const CSRF_EXEMPT = [/^\/unsubscribe\//, /^\/api\/webhooks\/mail$/];

function isApi(path: string): boolean {
  return path.startsWith('/api/') || path === '/api' || path.endsWith('.md');
}
