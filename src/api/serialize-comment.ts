import type { User } from '../domain/paper';
import type { ApiComment } from './api-types';
import { hubId } from './hub-id';
import { isoTime, toDailyUser, type SerializeContext } from './serialize';

/**
 * A comment as the comments use case will hand it over (one row of the `comments` table with
 * its author, the body already rendered to safe HTML). Comments are built in a later issue;
 * until then `GET /api/papers/:id?field=comments` answers `comments: []`.
 */
export type CommentSource = {
  id: number;
  parentId: number | null;
  body: string;
  html: string;
  createdAt: string;
  updatedAt: string;
  hiddenAt: string | null;
  hiddenReason: string | null;
  author: User;
};

/** Maps a comment to the Hub's discussion-event shape (`type: "comment"`, revision in `latest`). */
export function toApiComment(comment: CommentSource, ctx: SerializeContext): ApiComment {
  const author = toDailyUser(comment.author, ctx);
  const edited = comment.updatedAt !== comment.createdAt;
  const hidden = comment.hiddenAt !== null;
  return {
    id: hubId('comment', String(comment.id)),
    createdAt: isoTime(comment.createdAt),
    type: 'comment',
    author,
    data: {
      edited,
      hidden,
      ...(hidden && comment.hiddenReason ? { hiddenReason: comment.hiddenReason } : {}),
      // A hidden comment keeps its place in the thread but not its text.
      latest: { raw: hidden ? '' : comment.body, html: hidden ? '' : comment.html, updatedAt: isoTime(comment.updatedAt), author },
      // Revisions are not stored, only the last edit time: one edit at most is known.
      numEdits: edited ? 1 : 0,
      editors: edited ? [author.user] : [],
      reactions: [],
      ...(comment.parentId !== null ? { parentCommentId: hubId('comment', String(comment.parentId)) } : {}),
    },
  };
}
