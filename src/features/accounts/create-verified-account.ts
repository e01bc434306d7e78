import type { Deps } from '../../deps';
import { parseEmail, parseUsername, type Role } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { parseReason } from '../../domain/moderation';
import { findUserTarget, setUserRole } from '../../storage/repos/moderation-repo';
import { insertAccount, isUsernameTaken } from '../../storage/repos/accounts-repo';
import { listAccounts as listAccountRows, type AccountSummary } from '../../storage/repos/user-directory-repo';
import { recordModeration } from '../moderation/record-moderation';
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
  const { targetUserId: id } = await recordModeration(deps, null, reason, async (tx, at) => {
    const created = await insertAccount(tx, { username, email, passwordHash, role: input.role, emailVerifiedAt: at, createdAt: at });
    return { ...roleEntry(created, `${username}: new account → ${input.role}`), isLogged: created !== null && input.role !== 'user' };
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
  const done = await recordModeration(deps, null, reason, async (tx) => {
    const user = await findUserTarget(tx, username);
    if (!user || !user.hasAccount) throw new InputError(`there is no account "${username}"`);
    const isChanged = await setUserRole(tx, user.id, input.role);
    return { ...roleEntry(user.id, `${user.username}: ${user.role} → ${input.role}`), isLogged: isChanged, username: user.username, previous: user.role };
  });
  return { username: done.username, previous: done.previous, role: input.role };
}

/** The log entry of a role given from the command line. */
function roleEntry(userId: number | null, label: string) {
  return { action: 'set_role' as const, targetUserId: userId, targetPaperId: null, targetCommentId: null, targetLabel: label };
}

/** Every account, optionally of one role, oldest first. */
export function listAccounts(deps: Deps, filter: { role?: Role } = {}): Promise<AccountSummary[]> {
  return listAccountRows(deps.db, filter);
}
