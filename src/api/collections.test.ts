import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { createApp } from '../app';
import type { Deps } from '../deps';
import { toViewer } from '../domain/account';
import { createApiToken } from '../features/accounts/api-tokens';
import { findAccountById } from '../storage/repos/accounts-repo';
import { createAccount, type TestAccount } from '../../test/accounts';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertPaper } from '../../test/factories';

const NOW = new Date('2026-08-22T12:00:00Z');

describe.each(DIALECTS)('collections API on %s', (dialect) => {
  let app: App;
  let deps: Deps & { db: TestDb };
  let owner: TestAccount;
  let ownerToken: string;
  let otherToken: string;

  const tokenOf = async (account: TestAccount) => (await createApiToken(deps, toViewer((await findAccountById(deps.db, account.id))!), 'test')).token;
  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );

  beforeAll(async () => {
    deps = await createTestDeps(dialect, NOW);
    app = createApp(deps);
    owner = await createAccount(deps);
    ownerToken = await tokenOf(owner);
    otherToken = await tokenOf(await createAccount(deps));
    await insertPaper(deps.db, { arxivId: '2401.00001', title: 'First & foremost', authors: ['Ada Lovelace'] });
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001', title: 'Strings' });
  });
  afterAll(async () => {
    await deps.db.drop();
  });

  it('creates a collection, adds and removes papers idempotently, and reads it back', async () => {
    const created = await call('POST', '/api/collections', ownerToken, { name: 'API list', description: 'via the API', isPublic: true });
    expect(created.status).toBe(201);
    const summary = (await created.json()) as Record<string, unknown>;
    expect(summary).toMatchObject({ name: 'API list', slug: 'api-list', isPublic: true, numPapers: 0, owner: { user: owner.username } });
    const base = `/api/collections/${owner.username}/api-list`;

    expect(await (await call('POST', `${base}/papers`, ownerToken, { arxivId: '2401.00001', note: 'read first' })).json()).toEqual({ added: true, arxivId: '2401.00001' });
    expect(await (await call('POST', `${base}/papers`, ownerToken, { arxivId: 'arXiv:2401.00001v2' })).json()).toEqual({ added: false, arxivId: '2401.00001' });
    expect(await (await call('POST', `${base}/papers`, ownerToken, { arxivId: 'hep-th/9901001' })).json()).toEqual({ added: true, arxivId: 'hep-th/9901001' });

    const read = (await (await call('GET', base, null)).json()) as { numPapers: number; papers: Array<{ paper: { id: string; title: string }; note: string | null; addedAt: string }> };
    expect(read.numPapers).toBe(2);
    expect(read.papers.map((p) => p.paper.id).sort()).toEqual(['2401.00001', 'hep-th/9901001']);
    expect(read.papers.find((p) => p.paper.id === '2401.00001')).toMatchObject({ note: 'read first', addedAt: NOW.toISOString(), paper: { title: 'First & foremost' } });

    expect(await (await call('DELETE', `${base}/papers/hep-th/9901001`, ownerToken)).json()).toEqual({ removed: true, arxivId: 'hep-th/9901001' });
    expect(await (await call('DELETE', `${base}/papers/hep-th/9901001`, ownerToken)).json()).toEqual({ removed: false, arxivId: 'hep-th/9901001' });
    expect(((await (await call('GET', base, null)).json()) as { numPapers: number }).numPapers).toBe(1);
  });

  it('hides private collections (404) and refuses writes to others’ (403 public, 404 private) or without a token (401)', async () => {
    expect((await call('POST', '/api/collections', ownerToken, { name: 'Private one' })).status).toBe(201);
    expect((await call('POST', '/api/collections', ownerToken, { name: 'Public one', isPublic: true })).status).toBe(201);
    const priv = `/api/collections/${owner.username}/private-one`;
    const pub = `/api/collections/${owner.username}/public-one`;
    expect((await call('GET', priv, null)).status).toBe(404);
    expect((await call('GET', priv, otherToken)).status).toBe(404);
    expect((await call('GET', priv, ownerToken)).status).toBe(200);
    expect((await call('POST', `${priv}/papers`, otherToken, { arxivId: '2401.00001' })).status).toBe(404);
    expect((await call('DELETE', `${priv}/papers/2401.00001`, otherToken)).status).toBe(404);
    expect((await call('POST', `${pub}/papers`, otherToken, { arxivId: '2401.00001' })).status).toBe(403);
    expect((await call('POST', `${pub}/papers`, null, { arxivId: '2401.00001' })).status).toBe(401);
    expect((await call('POST', '/api/collections', null, { name: 'x' })).status).toBe(401);
    const missing = await call('GET', `/api/collections/${owner.username}/nope`, null);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toHaveProperty('error');
  });

  it('answers bad bodies with 400 JSON', async () => {
    for (const body of ['not json', '[]', '{"name": 5}', JSON.stringify({ name: '' }), JSON.stringify({ name: 'x'.repeat(101) }), JSON.stringify({ name: 'ok', isPublic: 'yes' })]) {
      const res = await call('POST', '/api/collections', ownerToken, body);
      expect(res.status, body).toBe(400);
      expect(typeof ((await res.json()) as { error: unknown }).error).toBe('string');
    }
    expect((await call('POST', `/api/collections/${owner.username}/api-list/papers`, ownerToken, { arxivId: 'nonsense' })).status).toBe(400);
    expect((await call('POST', `/api/collections/${owner.username}/api-list/papers`, ownerToken, { arxivId: '2401.99999' })).status).toBe(404);
  });
});
