import type { Deps } from '../../deps';
import { parseEmail, parseUsername, type Role } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { parseReason } from '../../domain/moderation';
import type { Db } from '../../storage/database';
import { findUserTarget, insertModerationLogEntry, setUserRole } from '../../storage/repos/moderation-repo';
import { insertAccount, isUsernameTaken } from '../../storage/repos/accounts-repo';
import { listAccounts as listAccountRows, type AccountSummary } from '../../storage/repos/user-directory-repo';
import { hashPassword } from './password-hash';
import { checkNewPassword } from './password-policy';

/**
 * What the site's operator does from the shell (`paperboy user …`): the operator has the database
 * anyway, so these skip sign-up's mail round trip and rate limits. Roles given here are logged in
 * the public moderation log like an admin's, under "the operator" (no account to name).
 */

/** The reason logged for a role given from the command line when the operator gives none. */
export const OPERATOR_REASON = 'set by the operator from the command line';

export type NewVerifiedAccount = { username: unknown; email: unknown; password: unknown; role: Role; reason?: unknown };

/**
 * Creates an account that is verified from the start (the operator vouches for the address), with
 * the same password policy and hashing as sign-up. A taken name or address is an InputError
 * saying which, since the operator may know.
 */
export async function createVerifiedAccount(deps: Deps, input: NewVerifiedAccount): Promise<{ id: number; username: string; role: Role }> {
  const username = parseUsername(input.username);
  const email = parseEmail(input.email);
  const password = checkNewPassword(input.password, { username, email });
  if (await isUsernameTaken(deps.db, username)) throw new InputError(`the user name "${username}" is taken`);
  const reason = parseReason(input.reason ?? OPERATOR_REASON);
  const passwordHash = await hashPassword(password);
  const now = deps.now().toISOString();
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    const tx: Db = { ...deps.db, kysely: trx };
    const created = await insertAccount(tx, { username, email, passwordHash, role: input.role, emailVerifiedAt: now, createdAt: now });
    if (created !== null && input.role !== 'user') {
      await logOperatorRole(tx, { userId: created, label: `${username}: new account → ${input.role}`, reason, at: now });
    }
    return created;
  });
  if (id === null) {
    throw new InputError(await isUsernameTaken(deps.db, username) ? `the user name "${username}" is taken` : `the address ${email} has an account already`);
  }
  return { id, username, role: input.role };
}

/**
 * Gives an account a role (the operator's way to make the first admin or to undo a mistake),
 * logged publicly with `reason` in the same transaction when the role changes.
 */
export async function assignRole(deps: Deps, input: { username: unknown; role: Role; reason?: unknown }): Promise<{ username: string; previous: Role; role: Role }> {
  const username = parseUsername(input.username);
  const reason = parseReason(input.reason ?? OPERATOR_REASON);
  const now = deps.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const tx: Db = { ...deps.db, kysely: trx };
    const user = await findUserTarget(tx, username);
    if (!user || !user.hasAccount) throw new InputError(`there is no account "${username}"`);
    if (await setUserRole(tx, user.id, input.role)) {
      await logOperatorRole(tx, { userId: user.id, label: `${user.username}: ${user.role} → ${input.role}`, reason, at: now });
    }
    return { username: user.username, previous: user.role, role: input.role };
  });
}

function logOperatorRole(tx: Db, e: { userId: number; label: string; reason: string; at: string }): Promise<void> {
  return insertModerationLogEntry(tx, {
    moderatorId: null,
    action: 'set_role',
    targetUserId: e.userId,
    targetPaperId: null,
    targetCommentId: null,
    targetLabel: e.label,
    reason: e.reason,
    createdAt: e.at,
  });
}

/** Every account, optionally of one role, oldest first. */
export function listAccounts(deps: Deps, filter: { role?: Role } = {}): Promise<AccountSummary[]> {
  return listAccountRows(deps.db, filter);
}
