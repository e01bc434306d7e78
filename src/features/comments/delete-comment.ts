import type { Deps } from '../../deps';
import { isModerator, type Viewer } from '../../domain/account';
import { ForbiddenError } from '../../domain/forbidden-error';
import type { Paper } from '../../domain/paper';
import { markCommentDeleted, refreshCommentCount } from '../../storage/repos/comments-repo';
import { getOwnComment } from './edit-comment';

/**
 * Deletes the viewer's own comment: its text goes, its place in the thread stays ("[deleted]"),
 * and the paper's `num_comments` drops in the same transaction. Only authors delete; moderators
 * hide other people's comments instead (with a reason, in the public log: features/moderation).
 */
export async function deleteComment(deps: Deps, viewer: Viewer, input: { arxivId: string; commentId: unknown }): Promise<{ paper: Paper; commentId: number }> {
  if (viewer.isBanned) throw new ForbiddenError('Your account is banned.');
  const notYours = isModerator(viewer)
    ? 'Moderators hide comments (with a reason) rather than delete them; only the author can delete a comment.'
    : 'You can only delete your own comments.';
  const { paper, comment } = await getOwnComment(deps, viewer, input.arxivId, input.commentId, notYours);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const tx = { ...deps.db, kysely: trx };
    await markCommentDeleted(tx, comment.id, deps.now().toISOString());
    await refreshCommentCount(tx, paper.id);
  });
  return { paper, commentId: comment.id };
}
