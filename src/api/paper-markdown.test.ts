import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper } from '../../test/factories';

describe.each(DIALECTS)('GET /papers/:id.md on %s', (dialect) => {
  let deps: Awaited<ReturnType<typeof createTestApp>>['deps'];
  let app: App;

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    const id = await insertPaper(deps.db, {
      arxivId: '2401.01234',
      title: 'Sparse Mixtures\n  of Experts',
      abstract: 'We route tokens with $\\mathrm{softmax}(x)$.',
      authors: ['Ada Lovelace', 'Alan Turing'],
      publishedAt: '2024-01-03T00:00:00.000Z',
      githubRepo: 'https://github.com/example/moe',
      projectPage: 'https://example.org/moe',
      upvotes: 12,
    });
    await insertListing(deps.db, id, '2024-01-05');
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001', title: 'Old paper', abstract: null, authors: ['E. Witten'] });
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  it('answers Markdown with title, authors, abstract and links', async () => {
    const res = await app.request('/papers/2401.01234.md');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = await res.text();
    expect(text.startsWith('# Sparse Mixtures of Experts\n')).toBe(true);
    expect(text).toContain('**Authors:** Ada Lovelace, Alan Turing');
    expect(text).toContain('## Abstract\n\nWe route tokens with $\\mathrm{softmax}(x)$.');
    expect(text).toContain('**On the daily list:** 2024-01-05');
    for (const link of [
      '- arXiv: https://arxiv.org/abs/2401.01234',
      '- PDF: https://arxiv.org/pdf/2401.01234',
      '- Code: https://github.com/example/moe',
      '- Project page: https://example.org/moe',
      '- Paperboy: http://paperboy.test/papers/2401.01234',
    ])
      expect(text).toContain(link);
  });

  it('serves old-style ids with their slash, and versioned ids', async () => {
    const old = await app.request('/papers/hep-th/9901001.md');
    expect(old.status).toBe(200);
    const text = await old.text();
    expect(text).toContain('# Old paper');
    expect(text).toContain('_No abstract available._');
    expect(text).not.toContain('- Code:');
    expect((await app.request('/papers/2401.01234v2.md')).status).toBe(200);
  });

  it('answers 404 for an unknown paper and 400 for a malformed id, as JSON', async () => {
    const unknown = await app.request('/papers/2401.99999.md');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'paper 2401.99999 is not on this server' });
    for (const bad of ['/papers/nonsense.md', '/papers/date/2025-01-01.md', '/papers/..%2F..%2Fetc%2Fpasswd.md', '/papers/%00.md']) {
      const res = await app.request(bad);
      expect(res.status, bad).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });
});
