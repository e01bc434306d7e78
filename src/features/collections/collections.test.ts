import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps';
import { toViewer, type Viewer } from '../../domain/account';
import { COLLECTION_LIMITS } from '../../domain/collection';
import { ForbiddenError } from '../../domain/forbidden-error';
import { InputError } from '../../domain/input-error';
import { NotFoundError } from '../../domain/not-found-error';
import { findAccountById } from '../../storage/repos/accounts-repo';
import { createAccount } from '../../../test/accounts';
import { DIALECTS, type TestDb } from '../../../test/databases';
import { createTestDeps } from '../../../test/deps';
import { insertPaper } from '../../../test/factories';
import { RateLimitedError } from '../rate-limit';
import { addPaperToCollection, removePaperFromCollection } from './collect-paper';
import { createCollection } from './create-collection';
import { deleteCollection, editCollection } from './edit-collection';
import { getCollection } from './get-collection';
import { listMyCollections, listPublicCollections } from './list-collections';

const NOW = new Date('2026-08-22T12:00:00Z');

describe.each(DIALECTS)('collection use cases on %s', (dialect) => {
  let deps: Deps & { db: TestDb };
  const viewerOf = async (options: Parameters<typeof createAccount>[1] = {}): Promise<Viewer> => toViewer((await findAccountById(deps.db, (await createAccount(deps, options)).id))!);

  beforeAll(async () => {
    deps = await createTestDeps(dialect, NOW);
    await insertPaper(deps.db, { arxivId: '2401.00001' });
    await insertPaper(deps.db, { arxivId: '2401.00002' });
  });
  afterAll(async () => {
    await deps.db.drop();
  });

  it('gives concurrent creates of one name distinct slugs', async () => {
    const me = await viewerOf();
    const made = await Promise.all(Array.from({ length: 12 }, () => createCollection(deps, me, { name: 'Same name' })));
    expect(new Set(made.map((c) => c.slug)).size).toBe(12);
    expect(made.map((c) => c.slug)).toContain('same-name-12');
  });

  it('makes one row for concurrent adds of a paper, and removes idempotently', async () => {
    const me = await viewerOf();
    const col = await createCollection(deps, me, { name: 'Race' });
    const results = await Promise.all(Array.from({ length: 10 }, () => addPaperToCollection(deps, me, { slug: col.slug, arxivId: '2401.00001' })));
    expect(results.filter((r) => r.isChanged)).toHaveLength(1);
    const listed = await listMyCollections(deps, me, { paperId: results[0]!.paper.id });
    expect(listed.find((c) => c.slug === 'race')).toMatchObject({ paperCount: 1, hasPaper: true });
    expect((await removePaperFromCollection(deps, me, { slug: 'race', arxivId: '2401.00001' })).isChanged).toBe(true);
    expect((await removePaperFromCollection(deps, me, { slug: 'race', arxivId: '2401.00001' })).isChanged).toBe(false);
  });

  it('shows a private collection to its owner only; public ones are listed on the profile', async () => {
    const owner = await viewerOf();
    const other = await viewerOf();
    const admin = await viewerOf({ role: 'admin' });
    await createCollection(deps, owner, { name: 'Hidden' });
    await createCollection(deps, owner, { name: 'Shown', isPublic: true });
    for (const who of [null, other, admin]) {
      await expect(getCollection(deps, who, { username: owner.username, slug: 'hidden' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(getCollection(deps, who, { username: owner.username, slug: 'shown' })).resolves.toBeTruthy();
    }
    expect((await getCollection(deps, owner, { username: owner.username.toUpperCase(), slug: 'hidden' })).collection.name).toBe('Hidden');
    expect((await listPublicCollections(deps, owner.id)).map((c) => c.slug)).toEqual(['shown']);
    // Writing to someone else's: 404 when private, 403 when public.
    await expect(addPaperToCollection(deps, other, { username: owner.username, slug: 'hidden', arxivId: '2401.00001' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addPaperToCollection(deps, other, { username: owner.username, slug: 'shown', arxivId: '2401.00001' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(editCollection(deps, other, { slug: 'shown', name: 'Mine now' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteCollection(deps, admin, { username: owner.username, slug: 'shown' })).rejects.toBeInstanceOf(ForbiddenError);
    // Made private, it disappears for others.
    await editCollection(deps, owner, { slug: 'shown', name: 'Shown', isPublic: false });
    await expect(getCollection(deps, other, { username: owner.username, slug: 'shown' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses unverified and banned accounts', async () => {
    await expect(createCollection(deps, await viewerOf({ verified: false }), { name: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createCollection(deps, { ...(await viewerOf()), isBanned: true }, { name: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('holds at most 100 collections per member and 5,000 papers per collection', async () => {
    const me = await viewerOf();
    const at = NOW.toISOString();
    await deps.db.kysely
      .insertInto('collections')
      .values(Array.from({ length: COLLECTION_LIMITS.perUser }, (_, i) => ({ user_id: me.id, slug: `c${i}`, name: `c${i}`, created_at: at, updated_at: at })))
      .execute();
    await expect(createCollection(deps, me, { name: 'One too many' })).rejects.toThrow(/100 collections/);

    const col = await deps.db.kysely.selectFrom('collections').select('id').where('user_id', '=', me.id).where('slug', '=', 'c0').executeTakeFirstOrThrow();
    const first = (await deps.db.kysely.selectFrom('papers').select('id').where('arxiv_id', '=', '2401.00001').executeTakeFirstOrThrow()).id;
    // 5,000 memberships need 5,000 papers: bare rows, inserted in chunks (SQLite's variable limit).
    const ids: number[] = [first];
    for (let chunk = 0; chunk < 5; chunk += 1) {
      const rows = Array.from({ length: chunk === 4 ? 999 : 1000 }, (_, i) => ({
        arxiv_id: `2402.${String(chunk * 1000 + i).padStart(5, '0')}`, title: 't', abstract: null, authors: '[]', published_at: at, is_published_approx: 0, categories: '[]',
        github_repo: null, github_stars: null, project_page: null, withdrawn_at: null, ai_summary: null, ai_keywords: null, trending_score: null, first_listed_at: null, created_at: at, updated_at: at,
      }));
      ids.push(...(await deps.db.kysely.insertInto('papers').values(rows).returning('id').execute()).map((r) => r.id));
    }
    for (let i = 0; i < ids.length; i += 1000) {
      await deps.db.kysely.insertInto('collection_papers').values(ids.slice(i, i + 1000).map((paper_id) => ({ collection_id: col.id, paper_id, added_at: at }))).execute();
    }
    await expect(addPaperToCollection(deps, me, { slug: 'c0', arxivId: '2401.00002' })).rejects.toBeInstanceOf(InputError);
    // A paper in it already may still be added again (to set its note).
    const again = await addPaperToCollection(deps, me, { slug: 'c0', arxivId: '2401.00001', note: 'still fine' });
    expect(again).toMatchObject({ isChanged: false, collection: { paperCount: 5000 } });
  });

  it('rate-limits writes of a new account', async () => {
    const fresh = await viewerOf({ createdAt: new Date(NOW.getTime() - 3600 * 1000).toISOString() });
    const col = await createCollection(deps, fresh, { name: 'Busy' });
    let refused: unknown = null;
    for (let i = 0; i < 130 && !refused; i += 1) {
      try {
        await addPaperToCollection(deps, fresh, { slug: col.slug, arxivId: '2401.00001' });
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(RateLimitedError);
  });
});
