import type { Role } from '../../domain/account';
import type { Db } from '../database';

/**
 * Reads about people: the public profile of a user name, what they submitted, and the operator's
 * list of accounts (`paperboy user list`).
 */

/** What anyone may see about a user. */
export type UserProfile = {
  id: number;
  username: string;
  fullname: string;
  role: Role;
  createdAt: string;
  bannedAt: string | null;
  banReason: string | null;
  /** False for people known only from imported lists (no credentials, cannot log in). */
  hasAccount: boolean;
};

/** The profile of this user name (compared without case), if any. */
export async function findUserProfile(db: Db, username: string): Promise<UserProfile | null> {
  const row = await db.kysely
    .selectFrom('users')
    .select(['id', 'username', 'fullname', 'role', 'created_at', 'banned_at', 'ban_reason', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    fullname: row.fullname,
    role: row.role as Role,
    createdAt: row.created_at,
    bannedAt: row.banned_at,
    banReason: row.ban_reason,
    hasAccount: row.password_hash !== null,
  };
}

/** A paper a user put on a day's list. */
export type Submission = { arxivId: string; title: string; listedOn: string };

/** The user's most recent submissions, newest first. */
export async function listUserSubmissions(db: Db, userId: number, limit: number): Promise<Submission[]> {
  const rows = await db.kysely
    .selectFrom('listings as l')
    .innerJoin('papers as p', 'p.id', 'l.paper_id')
    .select(['p.arxiv_id', 'p.title', 'l.listed_on'])
    .where('l.submitter_id', '=', userId)
    .orderBy('l.listed_on', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ arxivId: r.arxiv_id, title: r.title, listedOn: r.listed_on }));
}

/** An account as the operator's list shows it. */
export type AccountSummary = { username: string; email: string; role: Role; isVerified: boolean; isBanned: boolean; createdAt: string };

/** Every account (users with credentials), optionally of one role, oldest first. */
export async function listAccounts(db: Db, filter: { role?: Role }): Promise<AccountSummary[]> {
  let q = db.kysely
    .selectFrom('users')
    .select(['username', 'email', 'role', 'email_verified_at', 'banned_at', 'created_at'])
    .where('password_hash', 'is not', null)
    .orderBy('created_at')
    .orderBy('id');
  if (filter.role) q = q.where('role', '=', filter.role);
  const rows = await q.execute();
  return rows.map((r) => ({
    username: r.username,
    email: r.email ?? '',
    role: r.role as Role,
    isVerified: r.email_verified_at !== null,
    isBanned: r.banned_at !== null,
    createdAt: r.created_at,
  }));
}
