import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import { insertListing, insertPaper, insertUser } from '../../test/factories';
import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import { listPeriod } from './list-period';
import { listTrendingPapers } from './list-trending';
import { getPaper } from './get-paper';
import { listPapers } from './list-papers';

describe.each(DIALECTS)('read use cases on %s', (dialect) => {
  let deps: Deps & { db: { drop(): Promise<void> } };
  beforeAll(async () => {
    deps = await createTestDeps(dialect);
    const alice = await insertUser(deps.db, { username: 'alice' });
    const a = await insertPaper(deps.db, { arxivId: '2510.00001', upvotes: 5, publishedAt: '2025-10-27T00:00:00.000Z' });
    const b = await insertPaper(deps.db, { arxivId: '2510.00002', upvotes: 50, publishedAt: '2025-10-26T00:00:00.000Z' });
    const c = await insertPaper(deps.db, { arxivId: '2510.00003', upvotes: 20, publishedAt: '2025-10-28T00:00:00.000Z' });
    const old = await insertPaper(deps.db, { arxivId: 'hep-th/9901001', upvotes: 1, publishedAt: '1999-01-05T00:00:00.000Z' });
    await insertListing(deps.db, a, '2025-10-28', { submitterId: alice });
    await insertListing(deps.db, b, '2025-10-28');
    await insertListing(deps.db, c, '2025-10-29', { submitterId: alice });
    // Listed again the next day: counted once in the week, at its first day.
    await insertListing(deps.db, a, '2025-10-29');
    await insertListing(deps.db, old, '2025-09-30');
  });
  afterAll(() => deps.db.drop());

  it('ranks a day by upvotes', async () => {
    const r = await listPeriod(deps, { kind: 'day', key: '2025-10-28' });
    expect(r.items.map((i) => i.paper.arxivId)).toEqual(['2510.00002', '2510.00001']);
    expect(r.total).toBe(2);
    expect(r.items[1]!.submitter?.username).toBe('alice');
    expect(r.previous?.key).toBe('2025-09-30');
    expect(r.next?.key).toBe('2025-10-29');
  });

  it('defaults to the latest day with papers', async () => {
    const r = await listPeriod(deps, { kind: 'day' });
    expect(r.period.key).toBe('2025-10-29');
    expect(r.next).toBeNull();
  });

  it('lists a week once per paper, and a month', async () => {
    const w = await listPeriod(deps, { kind: 'week', key: '2025-W44' });
    expect(w.items.map((i) => i.paper.arxivId)).toEqual(['2510.00002', '2510.00003', '2510.00001']);
    expect(w.items.find((i) => i.paper.arxivId === '2510.00001')!.listedOn).toBe('2025-10-28');
    expect(w.total).toBe(3);
    const m = await listPeriod(deps, { kind: 'month', key: '2025-10', sort: 'publishedAt' });
    expect(m.items.map((i) => i.paper.arxivId)).toEqual(['2510.00003', '2510.00001', '2510.00002']);
    expect(m.previous?.key).toBe('2025-09');
  });

  it('filters by submitter and pages', async () => {
    const r = await listPeriod(deps, { kind: 'month', key: '2025-10', submitter: 'alice' });
    expect(r.items.map((i) => i.paper.arxivId).sort()).toEqual(['2510.00001', '2510.00003']);
    const p = await listPeriod(deps, { kind: 'month', key: '2025-10', perPage: 2, page: 1 });
    expect(p.items).toHaveLength(1);
    const past = await listPeriod(deps, { kind: 'month', key: '2025-10', perPage: 2, page: 5 });
    expect(past.items).toEqual([]);
  });

  it('refuses bad keys and pages as InputError', async () => {
    await expect(listPeriod(deps, { kind: 'week', key: '2025-W54' })).rejects.toBeInstanceOf(InputError);
    await expect(listPeriod(deps, { kind: 'day', key: '2025-02-30' })).rejects.toBeInstanceOf(InputError);
    await expect(listPeriod(deps, { kind: 'day', page: -1 })).rejects.toBeInstanceOf(InputError);
    await expect(listPeriod(deps, { kind: 'day', perPage: 0 })).rejects.toBeInstanceOf(InputError);
    await expect(listPeriod(deps, { kind: 'day', perPage: 1_000_000 })).rejects.toBeInstanceOf(InputError);
  });

  it('ranks trending by the stored score', async () => {
    const t = await listTrendingPapers(deps);
    expect(t[0]!.paper.arxivId).toBe('2510.00003');
    expect(new Set(t.map((x) => x.paper.arxivId)).size).toBe(t.length);
  });

  it('finds papers by versioned and old-style ids', async () => {
    expect((await getPaper(deps, '2510.00001v3'))?.paper.arxivId).toBe('2510.00001');
    expect((await getPaper(deps, 'hep-th/9901001'))?.listings[0]?.listedOn).toBe('2025-09-30');
    expect(await getPaper(deps, '2510.99999')).toBeNull();
    await expect(getPaper(deps, 'nope')).rejects.toBeInstanceOf(InputError);
  });

  it('walks all papers with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listPapers(deps, { cursor, limit: 1 });
      seen.push(...page.papers.map((p) => p.arxivId));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['2510.00003', '2510.00001', '2510.00002', 'hep-th/9901001']);
    await expect(listPapers(deps, { cursor: 'garbage!' })).rejects.toBeInstanceOf(InputError);
  });
});
