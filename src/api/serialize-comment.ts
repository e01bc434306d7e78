import type { CommentView } from '../features/comments/comment-view';
import type { ApiComment } from './api-types';
import { commentHubId } from './hub-id';
import { isoTime, toDailyUser, type SerializeContext } from './serialize';

/**
 * What a comment needs to be serialised: the comments use cases' view of it (author, text already
 * emptied when deleted or hidden, rendered HTML, flags).
 */
export type CommentSource = Pick<
  CommentView,
  'id' | 'parentId' | 'body' | 'html' | 'createdAt' | 'editedAt' | 'isEdited' | 'isDeleted' | 'isHidden' | 'hiddenReason' | 'author'
>;

/**
 * Maps a comment to the Hub's discussion-event shape (`type: "comment"`, revision in `latest`).
 * Ids are commentHubId's, which POST …/comment/:commentId/reply accepts back. The Hub has no
 * "deleted" flag: a deleted comment keeps its place with an empty text, as the page shows it.
 */
export function toApiComment(comment: CommentSource, ctx: SerializeContext): ApiComment {
  const author = toDailyUser(comment.author, ctx);
  const edited = comment.isEdited && !comment.isDeleted;
  const hidden = comment.isHidden;
  const removed = hidden || comment.isDeleted;
  return {
    id: commentHubId(comment.id),
    createdAt: isoTime(comment.createdAt),
    type: 'comment',
    author,
    data: {
      edited,
      hidden,
      ...(hidden && comment.hiddenReason ? { hiddenReason: comment.hiddenReason } : {}),
      // A hidden or deleted comment keeps its place in the thread but not its text.
      latest: { raw: removed ? '' : comment.body, html: removed ? '' : comment.html, updatedAt: isoTime(comment.editedAt ?? comment.createdAt), author },
      // Revisions are not stored, only the last edit time: one edit at most is known.
      numEdits: edited ? 1 : 0,
      editors: edited ? [author.user] : [],
      reactions: [],
      ...(comment.parentId !== null ? { parentCommentId: commentHubId(comment.parentId) } : {}),
    },
  };
}
