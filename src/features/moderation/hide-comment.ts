import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { parseReason, requireModerator } from '../../domain/moderation';
import { NotFoundError } from '../../domain/not-found-error';
import { findCommentTarget, setCommentHidden, type CommentTarget } from '../../storage/repos/moderation-repo';
import { refreshPaperCounters } from '../import/refresh-paper-counters';
import { recordModeration } from './record-moderation';

export type CommentModerationInput = { commentId: unknown; reason: unknown };

/**
 * Hides a comment: its body stays stored but readers see "hidden by the moderators: <reason>"
 * instead. Moderators and admins only; logged publicly with the reason.
 */
export function hideComment(deps: Deps, moderator: Viewer | null, input: CommentModerationInput): Promise<CommentTarget> {
  return moderateComment(deps, moderator, input, true);
}

/** Shows a hidden comment again; moderators and admins only, logged with the reason. */
export function unhideComment(deps: Deps, moderator: Viewer | null, input: CommentModerationInput): Promise<CommentTarget> {
  return moderateComment(deps, moderator, input, false);
}

async function moderateComment(deps: Deps, viewer: Viewer | null, input: CommentModerationInput, hide: boolean): Promise<CommentTarget> {
  const moderator = requireModerator(viewer);
  const commentId = parseCommentId(input.commentId);
  const reason = parseReason(input.reason);
  const done = await recordModeration(deps, moderator, reason, async (tx, at) => {
    const comment = await findCommentTarget(tx, commentId);
    if (!comment) throw new NotFoundError(`There is no comment #${commentId}.`);
    if (!(await setCommentHidden(tx, commentId, hide ? { at, reason } : null))) {
      throw new InputError(hide ? `comment #${commentId} is hidden already` : `comment #${commentId} is not hidden`);
    }
    // The paper's comment count covers visible comments only.
    await refreshPaperCounters(tx, [comment.paperId], new Map());
    return {
      ...comment,
      isHidden: hide,
      action: hide ? ('hide_comment' as const) : ('unhide_comment' as const),
      targetUserId: comment.authorId,
      targetPaperId: comment.paperId,
      targetCommentId: comment.id,
      targetLabel: `comment #${comment.id} by ${comment.author} on ${comment.arxivId}`,
    };
  });
  return { id: done.id, paperId: done.paperId, arxivId: done.arxivId, authorId: done.authorId, author: done.author, isHidden: done.isHidden };
}

/** A comment id from a path or form: a positive integer. */
export function parseCommentId(input: unknown): number {
  const n = typeof input === 'number' ? input : typeof input === 'string' && /^\d{1,15}$/.test(input) ? Number(input) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new InputError('a comment id is a positive whole number');
  return n;
}
