import { sql } from 'kysely';
import type { Db } from '../database';
import { advisoryLockKey } from './exclusive-lock';

/** The PostgreSQL advisory lock that orders paper inserts against readers of the arrival mark. */
const ARRIVALS_LOCK = advisoryLockKey('paper-arrivals');

/**
 * Call in the transaction that inserts papers, before the insert. PostgreSQL: takes the arrivals
 * lock in shared mode until the transaction ends, so `findArrivedThroughId` waits for the papers
 * it inserts to commit or roll back. SQLite: nothing to do (one writer at a time, so ids commit
 * in order).
 */
export async function holdPaperArrivals(db: Db): Promise<void> {
  if (db.dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock_shared(${ARRIVALS_LOCK})`.execute(db.kysely);
}

/**
 * The highest paper id such that every paper with an id up to it is committed (0 on an empty
 * site): the mark up to which "papers that arrived since" (saved-search alerts, the vector index's
 * catch-up) may be read and then never read again.
 *
 * A plain max(id) is not that on PostgreSQL: ids come from a sequence when a row is inserted, so
 * two import transactions can commit out of order, and a reader may see id 101 while id 100 is
 * still uncommitted; a mark moved to 101 would skip 100 for good. So the max is read under the
 * arrivals lock in exclusive mode, which waits for every transaction that holds it shared
 * (`holdPaperArrivals`: every paper insert) and stops new ones for the length of one max(id).
 * Ids handed out afterwards are above it.
 */
export async function findArrivedThroughId(db: Db): Promise<number> {
  const read = async (d: Db) => {
    const row = await d.kysely.selectFrom('papers').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    return Number(row?.id ?? 0);
  };
  if (db.dialect !== 'postgres') return read(db);
  const locked = async (d: Db) => {
    await sql`select pg_advisory_xact_lock(${ARRIVALS_LOCK})`.execute(d.kysely);
    return read(d);
  };
  if (db.kysely.isTransaction) return locked(db);
  return db.kysely.transaction().execute((trx) => locked({ ...db, kysely: trx }));
}
