import type { User } from '../../domain/paper';
import type { CommentWithAuthor } from '../../storage/repos/comments-repo';
import { renderCommentBody } from './rendered-body';

/** A comment as pages and the API show it: the text rendered, and what happened to it. */
export type CommentView = {
  id: number;
  paperId: number;
  parentId: number | null;
  author: User;
  /** The Markdown as written; '' once deleted or while hidden. */
  body: string;
  /** `body` rendered to safe HTML (renderMarkdown); '' once deleted or while hidden. */
  html: string;
  createdAt: string;
  updatedAt: string;
  editedAt: string | null;
  isEdited: boolean;
  isDeleted: boolean;
  isHidden: boolean;
  /** The moderators' reason, shown in place of a hidden comment. */
  hiddenReason: string | null;
};

/**
 * A stored comment for display. Rendering happens here, at display time (with a memory of recent
 * results, see rendered-body.ts), rather than once into a column: a change to the sanitiser's
 * allow-list or to KaTeX then applies to every old comment, and no stored HTML can outlive a fix.
 * The text of a hidden or deleted comment never leaves this function, so no page or API answer
 * can show it by mistake.
 */
export function toCommentView(c: CommentWithAuthor): CommentView {
  const isDeleted = c.deletedAt !== null;
  const isHidden = c.hiddenAt !== null;
  const shown = !isDeleted && !isHidden;
  return {
    id: c.id,
    paperId: c.paperId,
    parentId: c.parentId,
    author: c.author,
    body: shown ? c.body : '',
    html: shown ? renderCommentBody(c.body) : '',
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    editedAt: c.editedAt,
    isEdited: c.editedAt !== null,
    isDeleted,
    isHidden,
    hiddenReason: isHidden ? c.hiddenReason : null,
  };
}
