import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { createTestApp } from '../../test/deps';
import { insertPaper } from '../../test/factories';

describe('CORS on the JSON API', () => {
  let deps: Awaited<ReturnType<typeof createTestApp>>['deps'];
  let app: App;

  beforeAll(async () => {
    ({ app, deps } = await createTestApp('sqlite'));
    await insertPaper(deps.db, { arxivId: '2401.01234', title: 'Attention over cross-origin scripts', abstract: 'We call the API from another site.' });
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  it('lets any origin read an answer, and the answer is whole', async () => {
    const res = await app.request('/api/papers/search?q=attention', { headers: { Origin: 'https://notebook.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Array<{ paper: { id: string } }>;
    expect(body.map((r) => r.paper.id)).toEqual(['2401.01234']);
  });

  it('lets any origin read errors too', async () => {
    for (const path of ['/api/papers/2401.99999', '/api/papers/not-an-id', '/api/nothing-here']) {
      const res = await app.request(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(((await res.json()) as { error: string }).error, path).toBeTruthy();
    }
  });

  it('answers a preflight with the methods and headers a token-bearing script needs', async () => {
    const res = await app.request('/api/collections', {
      method: 'OPTIONS',
      headers: { Origin: 'https://notebook.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual(expect.arrayContaining(['GET', 'POST', 'DELETE']));
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type']));
  });

  it('keeps pages same-origin', async () => {
    const res = await app.request('/search?q=attention', { headers: { Origin: 'https://notebook.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
