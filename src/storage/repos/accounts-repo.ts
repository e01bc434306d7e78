import type { Selectable } from 'kysely';
import type { Account, Role } from '../../domain/account';
import type { Db } from '../database';
import type { UserTable } from '../schema';

const ACCOUNT_COLUMNS = ['id', 'username', 'fullname', 'email', 'password_hash', 'email_verified_at', 'role', 'banned_at', 'created_at'] as const;

type AccountRow = Pick<Selectable<UserTable>, (typeof ACCOUNT_COLUMNS)[number]>;

/** An account row to the domain type; null for a user without credentials (imported). */
export function toAccount(row: AccountRow): Account | null {
  if (row.email === null || row.password_hash === null) return null;
  return {
    id: row.id,
    username: row.username,
    fullname: row.fullname,
    email: row.email,
    passwordHash: row.password_hash,
    emailVerifiedAt: row.email_verified_at,
    role: row.role as Role,
    bannedAt: row.banned_at,
    createdAt: row.created_at,
  };
}

/** The account with this (lower-cased) email, if any. */
export async function findAccountByEmail(db: Db, email: string): Promise<Account | null> {
  const row = await db.kysely.selectFrom('users').select(ACCOUNT_COLUMNS).where('email', '=', email).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** The account with this user name (compared without case), if any. */
export async function findAccountByUsername(db: Db, username: string): Promise<Account | null> {
  const row = await db.kysely
    .selectFrom('users')
    .select(ACCOUNT_COLUMNS)
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** The account with this id, if it exists and has credentials. */
export async function findAccountById(db: Db, id: number): Promise<Account | null> {
  const row = await db.kysely.selectFrom('users').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** Whether any user (account or imported submitter) has this name, compared without case. */
export async function isUsernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export type NewAccount = { username: string; email: string; passwordHash: string; role?: Role; emailVerifiedAt?: string | null; createdAt: string };

/**
 * Inserts an account; returns its id, or null when the user name or email is already taken (the
 * unique indexes decide, so two simultaneous sign-ups cannot both win).
 */
export async function insertAccount(db: Db, account: NewAccount): Promise<number | null> {
  const row = await db.kysely
    .insertInto('users')
    .values({
      username: account.username,
      fullname: account.username,
      avatar_url: null,
      email: account.email,
      password_hash: account.passwordHash,
      email_verified_at: account.emailVerifiedAt ?? null,
      role: account.role ?? 'user',
      created_at: account.createdAt,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Replaces an account's password hash. */
export async function updatePasswordHash(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db.kysely.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** Marks the email address verified (keeps the first verification time). */
export async function markEmailVerified(db: Db, userId: number, at: string): Promise<void> {
  await db.kysely.updateTable('users').set({ email_verified_at: at }).where('id', '=', userId).where('email_verified_at', 'is', null).execute();
}

/** Sets an account's role. */
export async function updateRole(db: Db, userId: number, role: Role): Promise<void> {
  await db.kysely.updateTable('users').set({ role }).where('id', '=', userId).execute();
}

/** Bans (with a reason) or unbans (reason null) a user. */
export async function updateBan(db: Db, userId: number, ban: { at: string; reason: string } | null): Promise<void> {
  await db.kysely
    .updateTable('users')
    .set({ banned_at: ban?.at ?? null, ban_reason: ban?.reason ?? null })
    .where('id', '=', userId)
    .execute();
}
