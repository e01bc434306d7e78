import type { Selectable } from 'kysely';
import type { SavedSearch, SavedSearchSort } from '../../domain/saved-search';
import type { Db } from '../database';
import type { SavedSearchTable } from '../schema';

/** Members' saved searches (migration 011). Every read is scoped to one member. */

function toSavedSearch(row: Selectable<SavedSearchTable>): SavedSearch {
  const filters: SavedSearch['filters'] = {};
  if (row.from_day !== null) filters.from = row.from_day;
  if (row.to_day !== null) filters.to = row.to_day;
  if (row.category !== null) filters.category = row.category;
  if (row.has_code === 1) filters.hasCode = true;
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    query: row.query,
    filters,
    sort: (row.sort as SavedSearchSort | null) ?? null,
    alertedThroughId: Number(row.alerted_through_id),
    createdAt: row.created_at,
  };
}

/** The member's saved searches, newest first. */
export async function listSavedSearches(db: Db, userId: number): Promise<SavedSearch[]> {
  const rows = await db.kysely.selectFrom('saved_searches').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toSavedSearch);
}

/** How many searches the member has saved. */
export async function countSavedSearches(db: Db, userId: number): Promise<number> {
  const row = await db.kysely.selectFrom('saved_searches').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The member's saved search `id`, or null (someone else's is null too). */
export async function findSavedSearch(db: Db, userId: number, id: number): Promise<SavedSearch | null> {
  const row = await db.kysely.selectFrom('saved_searches').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return row ? toSavedSearch(row) : null;
}

/** The member's saved search with this key (the same search saved before), or null. */
export async function findSavedSearchByKey(db: Db, userId: number, searchKey: string): Promise<SavedSearch | null> {
  const row = await db.kysely.selectFrom('saved_searches').selectAll().where('user_id', '=', userId).where('search_key', '=', searchKey).executeTakeFirst();
  return row ? toSavedSearch(row) : null;
}

export type NewSavedSearch = Omit<SavedSearch, 'id'> & { searchKey: string };

/** Inserts a saved search; null when the member has saved this search already (the unique key decides). */
export async function insertSavedSearch(db: Db, s: NewSavedSearch): Promise<number | null> {
  const row = await db.kysely
    .insertInto('saved_searches')
    .values({
      user_id: s.userId,
      name: s.name,
      query: s.query,
      from_day: s.filters.from ?? null,
      to_day: s.filters.to ?? null,
      category: s.filters.category ?? null,
      has_code: s.filters.hasCode ? 1 : 0,
      sort: s.sort,
      search_key: s.searchKey,
      alerted_through_id: s.alertedThroughId,
      created_at: s.createdAt,
    })
    .onConflict((oc) => oc.columns(['user_id', 'search_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Renames one of the member's saved searches. */
export async function renameSavedSearch(db: Db, userId: number, id: number, name: string): Promise<void> {
  await db.kysely.updateTable('saved_searches').set({ name }).where('user_id', '=', userId).where('id', '=', id).execute();
}

/** Deletes one of the member's saved searches; true when it was there. */
export async function deleteSavedSearch(db: Db, userId: number, id: number): Promise<boolean> {
  const row = await db.kysely.deleteFrom('saved_searches').where('user_id', '=', userId).where('id', '=', id).returning('id').executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves the alert mark of the member's searches `ids` up to `throughId` (never down: a digest
 * composed concurrently with a later mark keeps its mark). Meant to run in the transaction that
 * stores the digest, so that the mark moves exactly when a digest showing those papers exists.
 */
export async function markSavedSearchesAlerted(db: Db, userId: number, ids: number[], throughId: number, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.kysely
    .updateTable('saved_searches')
    .set({ alerted_through_id: throughId, alerted_at: at })
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .where('alerted_through_id', '<', throughId)
    .execute();
}
