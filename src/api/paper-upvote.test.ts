import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import type { Deps } from '../deps';
import { createApiToken } from '../features/accounts/api-tokens';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertPaper } from '../../test/factories';
import { viewerFor } from '../../test/viewer-for';

describe.each(DIALECTS)('POST/DELETE /api/papers/:id/upvote on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let token: string;

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    await insertPaper(deps.db, { arxivId: '2608.00001', upvotes: 10 });
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001', upvotes: 0 });
    ({ token } = await createApiToken(deps, await viewerFor(deps), 'script'));
  });
  afterAll(() => deps.db.drop());

  const call = (method: 'POST' | 'DELETE', path: string, headers: Record<string, string> = {}) => app.request(`${deps.config.siteUrl}${path}`, { method, headers });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('upvotes and takes it back with a Bearer token, idempotently', async () => {
    for (const [method, expected] of [
      ['POST', { upvotes: 11, hasVoted: true }],
      ['POST', { upvotes: 11, hasVoted: true }],
      ['DELETE', { upvotes: 10, hasVoted: false }],
      ['DELETE', { upvotes: 10, hasVoted: false }],
    ] as const) {
      const res = await call(method, '/api/papers/2608.00001/upvote', bearer(token));
      expect(res.status, method).toBe(200);
      expect(await res.json()).toEqual(expected);
    }
    expect(await (await call('POST', '/api/papers/hep-th/9901001/upvote', bearer(token))).json()).toEqual({ upvotes: 1, hasVoted: true });
  });

  it('accepts a session cookie with the CSRF header, and refuses it without', async () => {
    const { account } = await viewerFor(deps);
    const site = { cookie: account.cookie, 'sec-fetch-site': 'same-origin' };
    expect((await call('POST', '/api/papers/2608.00001/upvote', site)).status).toBe(403);
    const res = await call('POST', '/api/papers/2608.00001/upvote', { ...site, 'x-csrf-token': account.csrf });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ upvotes: 11, hasVoted: true });
    expect(await (await call('DELETE', '/api/papers/2608.00001/upvote', { ...site, 'x-csrf-token': account.csrf })).json()).toEqual({ upvotes: 10, hasVoted: false });
  });

  it('answers 401 without credentials, 403 for unverified accounts, JSON errors throughout', async () => {
    const anonymous = await call('POST', '/api/papers/2608.00001/upvote');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toHaveProperty('error');
    expect((await call('POST', '/api/papers/2608.00001/upvote', bearer('pb_revoked'))).status).toBe(401);

    const { token: unverified } = await createApiToken(deps, await viewerFor(deps, { verified: false }), 'script');
    const refused = await call('POST', '/api/papers/2608.00001/upvote', bearer(unverified));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^confirm your email address before voting/);
  });

  it('answers 404 for an unknown paper and 400 for a malformed id', async () => {
    const missing = await call('POST', '/api/papers/2608.99999/upvote', bearer(token));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'paper 2608.99999 is not on this site' });
    expect((await call('DELETE', '/api/papers/nonsense/upvote', bearer(token))).status).toBe(400);
  });
});
