import type { Deps } from '../../deps';
import { parseUsername, ROLES, type Role, type Viewer } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { assertMayActOnAccount, parseReason, requireAdmin } from '../../domain/moderation';
import { NotFoundError } from '../../domain/not-found-error';
import { findUserTarget, setUserRole } from '../../storage/repos/moderation-repo';
import { recordModeration } from './record-moderation';

export type SetRoleInput = { username: unknown; role: unknown; reason: unknown };

/**
 * Makes an account a user, moderator or admin. Admins only, never on their own account (so the
 * last admin cannot demote themselves by mistake; the CLI's `user set-role` is the way back).
 * Logged publicly with the reason.
 */
export async function setRole(deps: Deps, viewer: Viewer | null, input: SetRoleInput): Promise<{ username: string; role: Role }> {
  const admin = requireAdmin(viewer);
  const username = parseUsername(input.username);
  const role = parseRole(input.role);
  const reason = parseReason(input.reason);
  const done = await recordModeration(deps, admin, reason, async (tx) => {
    const user = await findUserTarget(tx, username);
    if (!user || !user.hasAccount) throw new NotFoundError(`There is no account ${username}.`);
    assertMayActOnAccount(admin, user);
    if (!(await setUserRole(tx, user.id, role))) throw new InputError(`${user.username} is a ${role} already`);
    return {
      username: user.username,
      action: 'set_role' as const,
      targetUserId: user.id,
      targetPaperId: null,
      targetCommentId: null,
      targetLabel: `${user.username}: ${user.role} → ${role}`,
    };
  });
  return { username: done.username, role };
}

/** One of the roles: user, moderator, admin. */
export function parseRole(input: unknown): Role {
  if (typeof input === 'string' && (ROLES as readonly string[]).includes(input)) return input as Role;
  throw new InputError(`the role must be one of ${ROLES.join(', ')}`);
}
