import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertPaper } from '../../test/factories';

describe.each(DIALECTS)('GET /api/papers on %s', (dialect) => {
  let deps: Awaited<ReturnType<typeof createTestApp>>['deps'];
  let app: App;
  const expected: string[] = [];

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    // Seven papers, two of them on the same day, so the cursor must break ties.
    const days = ['2025-01-01', '2025-01-03', '2025-01-03', '2025-01-02', '2025-01-07', '2025-01-05', '2025-01-04'];
    const made: Array<{ id: string; day: string; n: number }> = [];
    for (const [n, day] of days.entries()) {
      const id = `2501.0000${n + 1}`;
      await insertPaper(deps.db, { arxivId: id, publishedAt: `${day}T00:00:00.000Z` });
      made.push({ id, day, n });
    }
    made.sort((a, b) => (a.day === b.day ? b.n - a.n : b.day.localeCompare(a.day)));
    expected.push(...made.map((m) => m.id));
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  it('walks every paper newest first by following the Link header', async () => {
    const seen: string[] = [];
    let url: string | null = '/api/papers?limit=3';
    let pages = 0;
    while (url) {
      const res: Response = await app.request(url);
      expect(res.status).toBe(200);
      const papers = (await res.json()) as Array<{ id: string; authors: unknown[]; discussionId: string }>;
      seen.push(...papers.map((p) => p.id));
      pages += 1;
      const link = res.headers.get('link');
      if (link) {
        const m = /^<(http:\/\/paperboy\.test\/api\/papers\?cursor=[A-Za-z0-9_-]+&limit=3)>; rel="next"$/.exec(link);
        expect(m, link).not.toBeNull();
        url = m![1]!.replace('http://paperboy.test', '');
      } else url = null;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it('answers one page without a Link header when everything fits', async () => {
    const res = await app.request('/api/papers');
    expect(res.headers.get('link')).toBeNull();
    expect(((await res.json()) as unknown[]).length).toBe(7);
  });

  it.each(['cursor=nonsense', 'cursor=%00', 'cursor=', 'limit=0', 'limit=101', 'limit=-5', 'limit=ten', 'cursor=a&cursor=b'])(
    'refuses %s with 400',
    async (query) => {
      const res = await app.request(`/api/papers?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/cursor|limit/);
    },
  );
});
