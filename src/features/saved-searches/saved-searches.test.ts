import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps';
import { toViewer, type Viewer } from '../../domain/account';
import { ForbiddenError } from '../../domain/forbidden-error';
import { InputError } from '../../domain/input-error';
import { NotFoundError } from '../../domain/not-found-error';
import { SAVED_SEARCH_LIMITS, savedSearchLabel, searchQueryString } from '../../domain/saved-search';
import { findAccountById } from '../../storage/repos/accounts-repo';
import { createAccount } from '../../../test/accounts';
import { DIALECTS, type TestDb } from '../../../test/databases';
import { createTestDeps } from '../../../test/deps';
import { insertPaper } from '../../../test/factories';
import { findSavedSearchAlerts, storeWithAlertMark } from './saved-search-alerts';
import { deleteMySavedSearch, listMySavedSearches, saveSearch } from './save-search';

describe.each(DIALECTS)('saved searches on %s', (dialect) => {
  let deps: Deps & { db: TestDb };
  const viewerOf = async (options: Parameters<typeof createAccount>[1] = {}): Promise<Viewer> => toViewer((await findAccountById(deps.db, (await createAccount(deps, options)).id))!);

  beforeAll(async () => {
    deps = await createTestDeps(dialect);
    await insertPaper(deps.db, { title: 'Graph transformers, the old one' });
  });
  afterAll(() => deps.db.drop());

  it('saves words, filters and order once; the same search again is the same row, renamed when named', async () => {
    const me = await viewerOf();
    const first = await saveSearch(deps, me, { q: '  graph\ntransformers ', category: 'cs.LG', hasCode: 'on', from: '2025-01-01', sort: '' });
    expect(first.isNew).toBe(true);
    expect(first.savedSearch).toMatchObject({ name: '', query: 'graph transformers', filters: { category: 'cs.LG', hasCode: true, from: '2025-01-01' }, sort: null });
    expect(searchQueryString(first.savedSearch)).toBe('q=graph+transformers&from=2025-01-01&category=cs.LG&code=1');
    expect(savedSearchLabel(first.savedSearch)).toBe('“graph transformers” (in cs.LG, with code, from 2025-01-01)');
    const again = await saveSearch(deps, me, { q: 'graph transformers', category: 'cs.LG', hasCode: true, from: '2025-01-01', name: ' Graphs\tto read ' });
    expect(again.isNew).toBe(false);
    expect(again.savedSearch).toMatchObject({ id: first.savedSearch.id, name: 'Graphs to read' });
    // Another order is another search.
    expect((await saveSearch(deps, me, { q: 'graph transformers', category: 'cs.LG', hasCode: true, from: '2025-01-01', sort: 'upvotes' })).isNew).toBe(true);
    const mine = await listMySavedSearches(deps, me);
    expect(mine.map((s) => s.sort)).toEqual(['upvotes', null]);
    expect(mine[1]!.name).toBe('Graphs to read');
    // Other members see none of them.
    expect(await listMySavedSearches(deps, await viewerOf())).toEqual([]);
  });

  it('starts alerts from the newest paper at the time of saving', async () => {
    const me = await viewerOf();
    const { savedSearch } = await saveSearch(deps, me, { q: 'graph transformers' });
    const newest = await deps.db.kysely.selectFrom('papers').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    expect(savedSearch.alertedThroughId).toBe(Number(newest.id));
    expect((await findSavedSearchAlerts(deps, me.id)).alerts).toEqual([]);
  });

  it('refuses what search refuses, and a search of nothing, with the reason', async () => {
    const me = await viewerOf();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /needs words/],
      [{ q: '   ' }, /needs words/],
      [{ q: '***' }, /no words to search for/],
      [{ q: 'a\u0000b' }, /control characters/],
      [{ q: 'x'.repeat(10_001) }, /10000/],
      [{ q: 42 }, /q must be text/],
      [{ q: 'ok', from: '2025-02-30' }, /from:/],
      [{ q: 'ok', from: '2025-05-01', to: '2025-01-01' }, /after to/],
      [{ q: 'ok', category: '<script>' }, /arXiv category/],
      [{ q: 'ok', category: ['cs.CL'] }, /category must be text/],
      [{ q: 'ok', hasCode: 'maybe' }, /hasCode/],
      [{ q: 'ok', sort: 'random' }, /sort must be/],
      [{ q: 'ok', name: 'n'.repeat(101) }, /100 characters/],
      [{ q: 'ok', name: 'a\u202Eb' }, /control characters/],
      [{ q: 'ok', name: 7 }, /name must be text/],
    ];
    for (const [input, reason] of cases) {
      const error = await saveSearch(deps, me, input).catch((e: unknown) => e);
      expect(error, JSON.stringify(input).slice(0, 80)).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message.length).toBeLessThan(200);
    }
    expect(await listMySavedSearches(deps, me)).toEqual([]);
    // A search by filters alone is fine, and so is `-word` with a filter.
    expect((await saveSearch(deps, me, { category: 'cs.CV' })).isNew).toBe(true);
    expect((await saveSearch(deps, me, { q: '-video', category: 'cs.CV' })).isNew).toBe(true);
  });

  it('refuses unverified and banned members', async () => {
    await expect(saveSearch(deps, await viewerOf({ verified: false }), { q: 'graphs' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveSearch(deps, { ...(await viewerOf()), isBanned: true }, { q: 'graphs' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it(`keeps at most ${SAVED_SEARCH_LIMITS.perUser} per member; saving one of them again still works`, async () => {
    const me = await viewerOf();
    for (let i = 0; i < SAVED_SEARCH_LIMITS.perUser; i += 1) await saveSearch(deps, me, { q: `topic ${i}` });
    await expect(saveSearch(deps, me, { q: 'one too many' })).rejects.toThrow(/50 saved searches/);
    expect((await saveSearch(deps, me, { q: 'topic 3', name: 'Third' })).savedSearch.name).toBe('Third');
    expect(await listMySavedSearches(deps, me)).toHaveLength(SAVED_SEARCH_LIMITS.perUser);
  });

  it('deletes only the viewer’s own, by id; anything else is not found', async () => {
    const me = await viewerOf();
    const other = await viewerOf();
    const { savedSearch } = await saveSearch(deps, other, { q: 'not yours' });
    for (const id of [savedSearch.id, String(savedSearch.id), '0', '-1', 'abc', '1.5', '9'.repeat(30), null, 2 ** 60]) {
      await expect(deleteMySavedSearch(deps, me, id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await deleteMySavedSearch(deps, other, String(savedSearch.id));
    expect(await listMySavedSearches(deps, other)).toEqual([]);
    await expect(deleteMySavedSearch(deps, other, savedSearch.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds papers that arrived since the mark, and moves the mark only when the store succeeds', async () => {
    const me = await viewerOf();
    const { savedSearch } = await saveSearch(deps, me, { q: 'sparse attention', category: 'cs.LG' });
    const a = await insertPaper(deps.db, { title: 'Sparse attention for long documents', categories: ['cs.LG'], publishedAt: '2026-08-20T00:00:00.000Z' });
    const b = await insertPaper(deps.db, { title: 'Sparse attention, revisited', categories: ['cs.LG'], publishedAt: '2026-08-21T00:00:00.000Z' });
    await insertPaper(deps.db, { title: 'Sparse attention in another field', categories: ['cs.CV'] });
    await insertPaper(deps.db, { title: 'Dense retrieval', categories: ['cs.LG'] });
    const found = await findSavedSearchAlerts(deps, me.id);
    expect(found.alerts).toHaveLength(1);
    expect(found.alerts[0]!.papers.map((p) => p.id)).toEqual([b, a]);
    expect(found.alerts[0]!.total).toBe(2);
    // The store answered false (the digest existed already): nothing moves.
    expect(await storeWithAlertMark(deps, found.mark, async () => false)).toBe(false);
    expect((await findSavedSearchAlerts(deps, me.id)).alerts).toHaveLength(1);
    // A store that throws rolls the mark back with it.
    await expect(storeWithAlertMark(deps, found.mark, async () => { throw new Error('disk full'); })).rejects.toThrow('disk full');
    expect((await findSavedSearchAlerts(deps, me.id)).alerts).toHaveLength(1);
    expect(await storeWithAlertMark(deps, found.mark, async () => true)).toBe(true);
    expect((await findSavedSearchAlerts(deps, me.id)).alerts).toEqual([]);
    const [row] = await listMySavedSearches(deps, me);
    expect(row!.id).toBe(savedSearch.id);
    expect(row!.alertedThroughId).toBe(found.mark!.throughId);
    // A stale mark (an older digest stored after a newer one) never moves it back.
    expect(await storeWithAlertMark(deps, { ...found.mark!, throughId: savedSearch.alertedThroughId }, async () => true)).toBe(true);
    expect((await listMySavedSearches(deps, me))[0]!.alertedThroughId).toBe(found.mark!.throughId);
  });
});
