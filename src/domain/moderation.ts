import { isModerator, type Role, type Viewer } from './account';
import { ForbiddenError } from './forbidden-error';
import { InputError } from './input-error';

/** What a moderation log entry records. */
export type ModerationAction = 'hide_comment' | 'unhide_comment' | 'remove_listing' | 'ban_user' | 'unban_user' | 'set_role';

/** One entry of the public moderation log, as pages show it. */
export type ModerationLogEntry = {
  id: number;
  action: ModerationAction;
  /** The moderator's user name; null for the server's operator (command line). */
  moderator: string | null;
  /** What the target was, in words (kept even when the target is gone). */
  targetLabel: string;
  /** The target's user name, paper id and comment id when they still exist (for links). */
  targetUsername: string | null;
  targetArxivId: string | null;
  targetCommentId: number | null;
  reason: string;
  createdAt: string;
};

export const REASON_MAX = 500;

/** A moderator's reason: 1–500 characters (code points) after trimming. */
export function parseReason(input: unknown): string {
  const value = typeof input === 'string' ? input.trim() : '';
  if (!value) throw new InputError('a reason is required: it is shown in the public moderation log');
  if ([...value].length > REASON_MAX) throw new InputError(`the reason must be at most ${REASON_MAX} characters`);
  return value;
}

/** Throws ForbiddenError unless the viewer is a moderator or admin who is not banned. */
export function requireModerator(viewer: Viewer | null): Viewer {
  if (!viewer || !isModerator(viewer)) throw new ForbiddenError('Only moderators can do this.');
  return viewer;
}

/** Throws ForbiddenError unless the viewer is an admin who is not banned. */
export function requireAdmin(viewer: Viewer | null): Viewer {
  if (!viewer || viewer.isBanned || viewer.role !== 'admin') throw new ForbiddenError('Only admins can do this.');
  return viewer;
}

/**
 * Whether `actor` may ban, unban or change the role of an account with `targetRole`: never
 * themselves; moderators only act on plain users; admins on anyone else, moderators and admins
 * included (the site's operators answer for admins). Banned accounts have no power at all.
 */
export function canActOnAccount(actor: Viewer | null, target: { id: number; role: Role }): boolean {
  if (!actor || !isModerator(actor) || actor.id === target.id) return false;
  return actor.role === 'admin' || target.role === 'user';
}

/** Throws ForbiddenError, saying why, unless canActOnAccount. */
export function assertMayActOnAccount(actor: Viewer, target: { id: number; role: Role }): void {
  if (canActOnAccount(actor, target)) return;
  if (actor.id === target.id) throw new ForbiddenError('You cannot do this to your own account.');
  if (!isModerator(actor)) throw new ForbiddenError('Only moderators can do this.');
  throw new ForbiddenError(`Only admins can do this to a ${target.role}.`);
}
