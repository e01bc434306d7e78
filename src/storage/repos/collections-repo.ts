import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Collection } from '../../domain/collection';
import type { Paper } from '../../domain/paper';
import type { Db } from '../database';
import type { CollectionTable, Database } from '../schema';
import { PAPER_COLUMNS, toPaper } from './rows';

/**
 * Collections and their papers. Owners are addressed by user name compared without case (as
 * profiles are); every read returns the paper count with the collection.
 */

type CollectionRow = Selectable<CollectionTable> & { username: string; paper_count: number | string | bigint | null };

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    ownerId: row.user_id,
    ownerUsername: row.username,
    slug: row.slug,
    name: row.name,
    description: row.description,
    isPublic: row.is_public === 1,
    paperCount: Number(row.paper_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectCollections(db: Db) {
  return db.kysely
    .selectFrom('collections')
    .innerJoin('users', 'users.id', 'collections.user_id')
    .selectAll('collections')
    .select('users.username')
    .select((eb) => paperCount(eb).as('paper_count'));
}

function paperCount(eb: ExpressionBuilder<Database, 'collections'>) {
  return eb.selectFrom('collection_papers as cp').whereRef('cp.collection_id', '=', 'collections.id').select((s) => s.fn.countAll<number>().as('n'));
}

/** The collection `slug` of the user named `username` (any case), or null. */
export async function findCollection(db: Db, username: string, slug: string): Promise<Collection | null> {
  const row = await selectCollections(db)
    .where((eb) => eb(eb.fn('lower', ['users.username']), '=', username.toLowerCase()))
    .where('collections.slug', '=', slug)
    .executeTakeFirst();
  return row ? toCollection(row) : null;
}

/** The user's collection `slug`, or null. */
export async function findOwnCollection(db: Db, userId: number, slug: string): Promise<Collection | null> {
  const row = await selectCollections(db).where('collections.user_id', '=', userId).where('collections.slug', '=', slug).executeTakeFirst();
  return row ? toCollection(row) : null;
}

/** A collection with, when asked, whether it holds one given paper. */
export type CollectionWithPaper = Collection & { hasPaper: boolean };

/**
 * The user's collections, most recently changed first; only the public ones with `publicOnly`.
 * With `paperId`, each says whether it holds that paper (one query either way).
 */
export async function listUserCollections(db: Db, userId: number, options: { publicOnly?: boolean; paperId?: number } = {}): Promise<CollectionWithPaper[]> {
  let query = selectCollections(db).where('collections.user_id', '=', userId);
  if (options.publicOnly) query = query.where('collections.is_public', '=', 1);
  const paperId = options.paperId ?? -1;
  const rows = await query
    .select((eb) =>
      eb
        .exists(eb.selectFrom('collection_papers as held').select('held.paper_id').whereRef('held.collection_id', '=', 'collections.id').where('held.paper_id', '=', paperId))
        .as('has_paper'),
    )
    .orderBy('collections.updated_at', 'desc')
    .orderBy('collections.id', 'desc')
    .execute();
  // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
  return rows.map((r) => ({ ...toCollection(r), hasPaper: r.has_paper === true || Number(r.has_paper) === 1 }));
}

/** How many collections the user has, and their slugs (to pick a free one). */
export async function listCollectionSlugs(db: Db, userId: number): Promise<Set<string>> {
  const rows = await db.kysely.selectFrom('collections').select('slug').where('user_id', '=', userId).execute();
  return new Set(rows.map((r) => r.slug));
}

export type NewCollection = { userId: number; slug: string; name: string; description: string; isPublic: boolean; at: string };

/** Inserts a collection; null when the user already has one with this slug (a concurrent create). */
export async function insertCollection(db: Db, c: NewCollection): Promise<number | null> {
  const row = await db.kysely
    .insertInto('collections')
    .values({ user_id: c.userId, slug: c.slug, name: c.name, description: c.description, is_public: c.isPublic ? 1 : 0, created_at: c.at, updated_at: c.at })
    .onConflict((oc) => oc.columns(['user_id', 'slug']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Changes a collection's name, description and visibility (the slug, its address, stays). */
export async function updateCollection(db: Db, id: number, c: { name: string; description: string; isPublic: boolean; at: string }): Promise<void> {
  await db.kysely
    .updateTable('collections')
    .set({ name: c.name, description: c.description, is_public: c.isPublic ? 1 : 0, updated_at: c.at })
    .where('id', '=', id)
    .execute();
}

/** Deletes a collection and its memberships (the papers stay). */
export async function deleteCollection(db: Db, id: number): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('collection_papers').where('collection_id', '=', id).execute();
    await trx.deleteFrom('collections').where('id', '=', id).execute();
  });
}

/**
 * Puts a paper in a collection unless it is there (the primary key decides, so concurrent adds
 * make one row); a given note replaces the stored one. True when a row went in.
 */
export async function insertCollectionPaper(db: Db, m: { collectionId: number; paperId: number; note: string | null; at: string }): Promise<boolean> {
  return db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('collection_papers')
      .values({ collection_id: m.collectionId, paper_id: m.paperId, added_at: m.at, note: m.note })
      .onConflict((oc) => oc.columns(['collection_id', 'paper_id']).doNothing())
      .returning('paper_id')
      .executeTakeFirst();
    if (!row && m.note !== null) {
      await trx.updateTable('collection_papers').set({ note: m.note }).where('collection_id', '=', m.collectionId).where('paper_id', '=', m.paperId).execute();
    }
    await trx.updateTable('collections').set({ updated_at: m.at }).where('id', '=', m.collectionId).execute();
    return row !== undefined;
  });
}

/** Takes a paper out of a collection; true when it was there. */
export async function deleteCollectionPaper(db: Db, m: { collectionId: number; paperId: number; at: string }): Promise<boolean> {
  return db.kysely.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('collection_papers').where('collection_id', '=', m.collectionId).where('paper_id', '=', m.paperId).returning('paper_id').executeTakeFirst();
    if (row) await trx.updateTable('collections').set({ updated_at: m.at }).where('id', '=', m.collectionId).execute();
    return row !== undefined;
  });
}

/** A paper as a collection holds it. */
export type CollectedPaper = { paper: Paper; addedAt: string; note: string | null };

/** A collection's papers, most recently added first; a page of them with `limit`/`offset`. */
export async function listCollectionPapers(db: Db, collectionId: number, page?: { limit: number; offset: number }): Promise<CollectedPaper[]> {
  let query = db.kysely
    .selectFrom('collection_papers')
    .innerJoin('papers', 'papers.id', 'collection_papers.paper_id')
    .select(PAPER_COLUMNS)
    .select(['collection_papers.added_at', 'collection_papers.note'])
    .where('collection_papers.collection_id', '=', collectionId)
    .orderBy('collection_papers.added_at', 'desc')
    .orderBy('collection_papers.paper_id', 'desc');
  if (page) query = query.limit(page.limit).offset(page.offset);
  const rows = await query.execute();
  return rows.map((r) => ({ paper: toPaper(r), addedAt: r.added_at, note: r.note }));
}

/** True when the paper is in the collection. */
export async function hasCollectionPaper(db: Db, collectionId: number, paperId: number): Promise<boolean> {
  const row = await db.kysely.selectFrom('collection_papers').select('paper_id').where('collection_id', '=', collectionId).where('paper_id', '=', paperId).executeTakeFirst();
  return row !== undefined;
}
