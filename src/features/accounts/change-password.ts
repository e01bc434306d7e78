import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { findAccountById, updatePasswordHash } from '../../storage/repos/accounts-repo';
import { deleteUserSessions } from '../../storage/repos/sessions-repo';
import { hashPassword, verifyPassword } from './password-hash';
import { checkNewPassword } from './password-policy';

export type ChangePasswordInput = { current: unknown; next: unknown; logOutEverywhere: boolean; currentSessionHash: string | null };

/**
 * Changes the viewer's password; needs the current one. With `logOutEverywhere`, every other
 * session ends (this one stays). Returns how many sessions ended.
 */
export async function changePassword(deps: Deps, viewer: Viewer, input: ChangePasswordInput): Promise<number> {
  const account = await findAccountById(deps.db, viewer.id);
  if (!account) throw new InputError('no such account');
  const current = typeof input.current === 'string' ? input.current : '';
  if (!current || current.length > 1024 || !(await verifyPassword(account.passwordHash, current))) {
    throw new InputError('your current password is not right');
  }
  const next = checkNewPassword(input.next, account);
  await updatePasswordHash(deps.db, account.id, await hashPassword(next));
  if (!input.logOutEverywhere) return 0;
  return deleteUserSessions(deps.db, account.id, input.currentSessionHash ?? undefined);
}
