import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { DIALECTS } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { insertListing, insertPaper, insertUser } from '../../test/factories';

type SearchItem = {
  paper: { id: string };
  title: string;
  upvoted: boolean;
  submittedBy?: { name: string };
  highlightedTitle: Array<{ type: string; text: string }>;
  highlightedSummary: Array<{ type: string; text: string }>;
};

describe.each(DIALECTS)('GET /api/papers/search on %s', (dialect) => {
  let deps: Awaited<ReturnType<typeof createTestApp>>['deps'];
  let app: App;

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    const dana = await insertUser(deps.db, { username: 'dana' });
    const a = await insertPaper(deps.db, {
      arxivId: '2404.04487',
      title: 'KazQAD: Kazakh Open-Domain\n  Question Answering Dataset',
      abstract: 'We introduce KazQAD, a Kazakh question answering dataset.',
    });
    await insertListing(deps.db, a, '2024-04-08', { submitterId: dana });
    await insertPaper(deps.db, { arxivId: '2403.19399', title: 'A Parallel Corpus for Translation', abstract: 'Sentences in Kazakh and Russian.' });
    for (let i = 0; i < 5; i++) await insertPaper(deps.db, { title: `Robots number ${i}`, abstract: 'Robot learning.' });
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  const search = async (query: string) => {
    const res = await app.request(`/api/papers/search?${query}`);
    expect(res.status, query).toBe(200);
    return (await res.json()) as SearchItem[];
  };

  it('finds papers with highlighted title and summary spans', async () => {
    const items = await search('q=kazakh');
    expect(items.map((i) => i.paper.id).sort()).toEqual(['2403.19399', '2404.04487']);
    const kaz = items.find((i) => i.paper.id === '2404.04487')!;
    expect(kaz.title).toBe('KazQAD: Kazakh Open-Domain Question Answering Dataset');
    expect(kaz.highlightedTitle).toEqual([
      { type: 'text', text: 'KazQAD: ' },
      { type: 'highlight', text: 'Kazakh' },
      { type: 'text', text: ' Open-Domain Question Answering Dataset' },
    ]);
    expect(kaz.highlightedSummary).toContainEqual({ type: 'highlight', text: 'Kazakh' });
    expect(kaz.upvoted).toBe(false);
    expect(kaz.submittedBy?.name).toBe('dana');
    const other = items.find((i) => i.paper.id === '2403.19399')!;
    expect(other.highlightedTitle).toEqual([{ type: 'text', text: 'A Parallel Corpus for Translation' }]);
  });

  it('caps the number of results with limit', async () => {
    expect((await search('q=robot')).length).toBe(5);
    expect((await search('q=robot&limit=2')).length).toBe(2);
    expect((await search('q=robot&limit=120')).length).toBe(5);
  });

  it('answers [] for a missing or blank query (huggingface_hub sends none without a query)', async () => {
    expect(await search('')).toEqual([]);
    expect(await search('q=')).toEqual([]);
    expect(await search('q=%20%20')).toEqual([]);
  });

  it('takes query syntax as plain words', async () => {
    for (const q of ['"kazakh', 'kazakh)', 'NEAR(kazakh', 'kazakh*', '-kazakh', 'title:kazakh', '%25', "'"]) {
      const res = await app.request(`/api/papers/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it.each([
    [`q=${'a'.repeat(251)}`, 'at most 250 characters'],
    ['q=kazakh%00', 'control characters'],
    ['q=kazakh&limit=0', 'limit: must be a whole number from 1 to 120'],
    ['q=kazakh&limit=121', 'limit: must be a whole number from 1 to 120'],
    ['q=a&q=b', 'given 2 times'],
  ])('refuses %s with 400', async (query, message) => {
    const res = await app.request(`/api/papers/search?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });
});
