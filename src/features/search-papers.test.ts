import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import { HOSTILE_QUERIES } from '../storage/search/hostile-queries';
import { DIALECTS, type TestDb } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertListing, insertPaper, insertUser } from '../../test/factories';
import { searchPapers, type SearchPapersInput } from './search-papers';

describe.each(DIALECTS)('searchPapers on %s', (dialect) => {
  let deps: Deps & { db: TestDb };
  let listed: number;
  let unlisted: number;

  beforeAll(async () => {
    deps = await createTestDeps(dialect);
    listed = await insertPaper(deps.db, {
      arxivId: '2404.04487',
      title: 'KazQAD: Kazakh Open-Domain Question Answering Dataset',
      abstract: 'We introduce a Kazakh dataset for question answering models.',
      publishedAt: '2024-04-06T00:00:00.000Z',
      categories: ['cs.CL'],
      upvotes: 3,
    });
    unlisted = await insertPaper(deps.db, {
      title: 'Modeling Kazakh morphology',
      abstract: null,
      publishedAt: '2024-05-01T00:00:00.000Z',
      categories: ['cs.CL'],
    });
    const submitter = await insertUser(deps.db, { username: 'searchivarius', fullname: 'Leonid Boytsov' });
    await insertListing(deps.db, listed, '2024-04-09', { submitterId: submitter });
    await insertListing(deps.db, listed, '2024-04-10');
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  it('returns papers in rank order with highlights and their first listing', async () => {
    const out = await searchPapers(deps, { q: 'kazakh dataset models' });
    expect(out).toMatchObject({ query: 'kazakh dataset models', total: 2, isTotalExact: true, page: 1, perPage: 20, sort: 'relevance' });
    const [first, second] = out.results;
    expect(first!.paper.id).toBe(listed);
    expect(first!.titleSpans).toEqual([
      { type: 'text', text: 'KazQAD: ' },
      { type: 'highlight', text: 'Kazakh' },
      { type: 'text', text: ' Open-Domain Question Answering ' },
      { type: 'highlight', text: 'Dataset' },
    ]);
    expect(first!.abstractSpans.filter((s) => s.type === 'highlight').map((s) => s.text)).toEqual(['Kazakh', 'dataset', 'models']);
    expect(first!.listing).toEqual({
      listedOn: '2024-04-09',
      submittedAt: '2024-04-09T08:00:00.000Z',
      submitter: { id: expect.any(Number), username: 'searchivarius', fullname: 'Leonid Boytsov', avatarUrl: null },
    });
    expect(second!.paper.id).toBe(unlisted);
    expect(second!.titleSpans.filter((s) => s.type === 'highlight').map((s) => s.text)).toEqual(['Modeling', 'Kazakh']);
    expect(second!.abstractSpans).toEqual([]);
    expect(second!.listing).toBeNull();
  });

  it('pages and filters', async () => {
    const page2 = await searchPapers(deps, { q: 'kazakh', page: 2, perPage: 1, sort: 'newest' });
    expect(page2.total).toBe(2);
    expect(page2.results.map((r) => r.paper.id)).toEqual([listed]);
    const filtered = await searchPapers(deps, { q: '', filters: { from: '2024-04-07', category: 'cs.CL' } });
    expect(filtered.results.map((r) => r.paper.id)).toEqual([unlisted]);
    expect(filtered.results[0]!.titleSpans).toEqual([{ type: 'text', text: 'Modeling Kazakh morphology' }]);
  });

  const bad: Array<[string, SearchPapersInput]> = [
    ['query too long', { q: 'a'.repeat(10_001) }],
    ['page 0', { q: 'a', page: 0 }],
    ['page -1', { q: 'a', page: -1 }],
    ['page 10^12', { q: 'a', page: 1e12 }],
    ['page 1.5', { q: 'a', page: 1.5 }],
    ['page NaN', { q: 'a', page: Number.NaN }],
    ['perPage 0', { q: 'a', perPage: 0 }],
    ['perPage 10^6', { q: 'a', perPage: 1e6 }],
    ['unknown sort', { q: 'a', sort: 'hotness' }],
    ['impossible date', { q: 'a', filters: { from: '2025-02-30' } }],
    ['not a date', { q: 'a', filters: { to: 'yesterday' } }],
    ['from after to', { q: 'a', filters: { from: '2025-02-02', to: '2025-01-01' } }],
    ['bad category', { q: 'a', filters: { category: "cs.CL'; drop table papers" } }],
    ['empty category', { q: 'a', filters: { category: '' } }],
  ];
  it.each(bad)('refuses %s with an InputError', async (_, input) => {
    await expect(searchPapers(deps, input)).rejects.toBeInstanceOf(InputError);
  });

  it('accepts a 10,000-character query and every hostile query', async () => {
    await expect(searchPapers(deps, { q: 'kazakh '.repeat(1_500).slice(0, 10_000) })).resolves.toMatchObject({ total: 2 });
    for (const q of HOSTILE_QUERIES) {
      const out = await searchPapers(deps, { q, filters: { category: 'astro-ph.CO' } });
      expect(out.results).toEqual([]);
      await searchPapers(deps, { q });
    }
  });
});
