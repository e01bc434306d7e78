import type { Db } from '../database';
import { toAccount } from './accounts-repo';
import type { Account } from '../../domain/account';

export type SessionRecord = {
  tokenHash: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
};

/** Stores a new session. */
export async function insertSession(db: Db, s: SessionRecord): Promise<void> {
  await db.kysely
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, last_seen_at: s.lastSeenAt, expires_at: s.expiresAt, user_agent: s.userAgent, ip: s.ip })
    .execute();
}

/** A session with its account, in one query (every logged-in request runs this). */
export async function findSessionWithAccount(db: Db, tokenHash: string): Promise<{ session: SessionRecord; account: Account } | null> {
  const row = await db.kysely
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.token_hash',
      's.user_id',
      's.created_at as session_created_at',
      's.last_seen_at',
      's.expires_at',
      's.user_agent',
      's.ip',
      'u.id',
      'u.username',
      'u.fullname',
      'u.email',
      'u.password_hash',
      'u.email_verified_at',
      'u.role',
      'u.banned_at',
      'u.created_at',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const account = toAccount(row);
  if (!account) return null;
  return {
    session: {
      tokenHash: row.token_hash,
      userId: row.user_id,
      createdAt: row.session_created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      userAgent: row.user_agent,
      ip: row.ip,
    },
    account,
  };
}

/** Records activity on a session (for the idle timeout). */
export async function touchSession(db: Db, tokenHash: string, at: string): Promise<void> {
  await db.kysely.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

/** Ends one session of a user; false when there was none (already ended, or not theirs). */
export async function deleteSession(db: Db, tokenHash: string, userId?: number): Promise<boolean> {
  let q = db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash);
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of a user, except `keepTokenHash` when given. Returns how many ended. */
export async function deleteUserSessions(db: Db, userId: number, keepTokenHash?: string): Promise<number> {
  let q = db.kysely.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) q = q.where('token_hash', '!=', keepTokenHash);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A user's sessions, newest first. */
export async function listUserSessions(db: Db, userId: number): Promise<SessionRecord[]> {
  const rows = await db.kysely.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({
    tokenHash: r.token_hash,
    userId: r.user_id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    userAgent: r.user_agent,
    ip: r.ip,
  }));
}

/** Deletes sessions past their absolute end or idle since before `idleBefore`. Returns how many. */
export async function deleteStaleSessions(db: Db, now: string, idleBefore: string): Promise<number> {
  const result = await db.kysely
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
