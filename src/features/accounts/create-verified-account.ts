import type { Deps } from '../../deps';
import { parseEmail, parseUsername, type Role } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { findUserTarget, setUserRole } from '../../storage/repos/moderation-repo';
import { insertAccount, isUsernameTaken } from '../../storage/repos/accounts-repo';
import { listAccounts as listAccountRows, type AccountSummary } from '../../storage/repos/user-directory-repo';
import { hashPassword } from './password-hash';
import { checkNewPassword } from './password-policy';

/**
 * What the site's operator does from the shell (`paperboy user …`): the operator has the database
 * anyway, so these skip sign-up's mail round trip and rate limits, and are not moderator actions
 * (there is no moderator account to attribute them to in the public log).
 */

export type NewVerifiedAccount = { username: unknown; email: unknown; password: unknown; role: Role };

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
  const now = deps.now().toISOString();
  const id = await insertAccount(deps.db, { username, email, passwordHash: await hashPassword(password), role: input.role, emailVerifiedAt: now, createdAt: now });
  if (id === null) {
    throw new InputError(await isUsernameTaken(deps.db, username) ? `the user name "${username}" is taken` : `the address ${email} has an account already`);
  }
  return { id, username, role: input.role };
}

/** Gives an account a role (the operator's way to make the first admin or to undo a mistake). */
export async function assignRole(deps: Deps, input: { username: unknown; role: Role }): Promise<{ username: string; previous: Role; role: Role }> {
  const username = parseUsername(input.username);
  const user = await findUserTarget(deps.db, username);
  if (!user || !user.hasAccount) throw new InputError(`there is no account "${username}"`);
  await setUserRole(deps.db, user.id, input.role);
  return { username: user.username, previous: user.role, role: input.role };
}

/** Every account, optionally of one role, oldest first. */
export function listAccounts(deps: Deps, filter: { role?: Role } = {}): Promise<AccountSummary[]> {
  return listAccountRows(deps.db, filter);
}
