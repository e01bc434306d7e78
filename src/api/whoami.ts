import { Hono } from 'hono';
import type { Deps } from '../deps';
import type { AppEnv } from '../web/auth/viewer';

/**
 * `GET /api/whoami-v2`: who a token (or session) belongs to, in the Hub's shape (`type`, `name`,
 * `fullname`), so clients that check their token this way before calling the API work unchanged.
 * 401 without credentials.
 */
export function whoamiRoutes(_deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/whoami-v2', (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.json({ error: 'not authenticated: send Authorization: Bearer <token> (create one on your settings page)' }, 401);
    c.header('Cache-Control', 'no-store');
    return c.json({
      type: 'user',
      id: String(viewer.id),
      name: viewer.username,
      fullname: viewer.fullname,
      email: viewer.email,
      emailVerified: viewer.isVerified,
      isPro: false,
      orgs: [],
      auth: { type: c.get('authVia') === 'token' ? 'access_token' : 'session' },
      role: viewer.role,
    });
  });
  return app;
}
