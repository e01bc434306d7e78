import type { Deps } from '../../deps';
import { parseUsername, type Viewer } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { assertMayActOnAccount, parseReason, requireModerator } from '../../domain/moderation';
import { NotFoundError } from '../../domain/not-found-error';
import { deleteUserApiTokens, findUserTarget, setUserBan } from '../../storage/repos/moderation-repo';
import { deleteUserSessions } from '../../storage/repos/sessions-repo';
import { recordModeration } from './record-moderation';

export type BanInput = { username: unknown; reason: unknown };

/**
 * Bans a user: they can no longer log in, and every session and API token they hold ends in the
 * same transaction, so nothing they started keeps working. Moderators ban users; only admins ban
 * moderators or admins; nobody bans themselves. Logged publicly with the reason.
 */
export async function banUser(deps: Deps, viewer: Viewer | null, input: BanInput): Promise<{ username: string }> {
  return changeBan(deps, viewer, input, true);
}

/** Lifts a ban (same rules as banning); the user logs in again to get a session. */
export async function unbanUser(deps: Deps, viewer: Viewer | null, input: BanInput): Promise<{ username: string }> {
  return changeBan(deps, viewer, input, false);
}

async function changeBan(deps: Deps, viewer: Viewer | null, input: BanInput, ban: boolean): Promise<{ username: string }> {
  const moderator = requireModerator(viewer);
  const username = parseUsername(input.username);
  const reason = parseReason(input.reason);
  const done = await recordModeration(deps, moderator, reason, async (tx, at) => {
    const user = await findUserTarget(tx, username);
    if (!user) throw new NotFoundError(`There is no user ${username}.`);
    assertMayActOnAccount(moderator, user);
    if (!(await setUserBan(tx, user.id, ban ? { at, reason } : null))) {
      throw new InputError(ban ? `${user.username} is banned already` : `${user.username} is not banned`);
    }
    if (ban) {
      await deleteUserSessions(tx, user.id);
      await deleteUserApiTokens(tx, user.id);
    }
    return {
      username: user.username,
      action: ban ? ('ban_user' as const) : ('unban_user' as const),
      targetUserId: user.id,
      targetPaperId: null,
      targetCommentId: null,
      targetLabel: user.username,
    };
  });
  return { username: done.username };
}
