import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { ForbiddenError } from '../../domain/forbidden-error';
import { NotFoundError } from '../../domain/not-found-error';
import type { Paper } from '../../domain/paper';
import { findComment, updateCommentBody, type CommentWithAuthor } from '../../storage/repos/comments-repo';
import { parseCommentBody } from '../../web/comment-body';
import { assertCanComment } from './can-comment';
import { toCommentView, type CommentView } from './comment-view';
import { getCommentedPaper, parseCommentId } from './get-commented-paper';

/**
 * The comment `commentId` of the paper `arxivId`, for its author to change: NotFoundError when it
 * is not a comment of that paper, ForbiddenError when it is someone else's (with `notYours` as the
 * message), deleted or hidden.
 */
export async function getOwnComment(
  deps: Deps,
  viewer: Viewer,
  arxivId: string,
  commentId: unknown,
  notYours = 'You can only change your own comments.',
): Promise<{ paper: Paper; comment: CommentWithAuthor }> {
  const paper = await getCommentedPaper(deps, arxivId);
  const id = parseCommentId(commentId);
  const comment = await findComment(deps.db, id);
  if (!comment || comment.paperId !== paper.id) throw new NotFoundError(`There is no comment ${id} on paper ${paper.arxivId}.`);
  if (comment.userId !== viewer.id) throw new ForbiddenError(notYours);
  if (comment.deletedAt !== null) throw new ForbiddenError('This comment was deleted.');
  if (comment.hiddenAt !== null) throw new ForbiddenError('This comment was hidden by the moderators and cannot be changed.');
  return { paper, comment };
}

/**
 * Replaces the text of the viewer's own comment and marks it edited (an unchanged text changes
 * nothing). The count of comments does not change.
 */
export async function editComment(deps: Deps, viewer: Viewer, input: { arxivId: string; commentId: unknown; body: unknown }): Promise<{ paper: Paper; comment: CommentView }> {
  assertCanComment(viewer);
  const body = parseCommentBody(input.body);
  const { paper, comment } = await getOwnComment(deps, viewer, input.arxivId, input.commentId);
  if (body === comment.body) return { paper, comment: toCommentView(comment) };
  await updateCommentBody(deps.db, comment.id, body, deps.now().toISOString());
  return { paper, comment: toCommentView((await findComment(deps.db, comment.id))!) };
}
