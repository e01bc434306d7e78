import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import type { Paper } from '../../domain/paper';
import { findComment, insertComment, refreshCommentCount } from '../../storage/repos/comments-repo';
import { parseCommentBody } from '../../web/comment-body';
import { RATE_RULES, takeRateLimit } from '../rate-limit';
import { assertCanComment } from './can-comment';
import { toCommentView, type CommentView } from './comment-view';
import { getCommentedPaper, parseCommentId } from './get-commented-paper';

export type PostCommentInput = {
  arxivId: string;
  body: unknown;
  /** The comment answered (a reply); absent, null or '' for a top-level comment. */
  parentId?: unknown;
};

/**
 * Posts a comment or a reply on a paper for a verified, non-banned viewer. The parent must be a
 * comment of the same paper that is neither deleted nor hidden. Counted against
 * RATE_RULES.commentsPerAccount (stricter for accounts younger than a day). The comment and the
 * paper's `num_comments` change in one transaction.
 */
export async function postComment(deps: Deps, viewer: Viewer, input: PostCommentInput): Promise<{ paper: Paper; comment: CommentView }> {
  assertCanComment(viewer);
  const body = parseCommentBody(input.body);
  const parentId = input.parentId === undefined || input.parentId === null || input.parentId === '' ? null : parseCommentId(input.parentId, 'parent comment id');
  const paper = await getCommentedPaper(deps, input.arxivId);
  await takeRateLimit(deps, RATE_RULES.commentsPerAccount, { key: String(viewer.id), accountCreatedAt: viewer.createdAt });
  const now = deps.now().toISOString();
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    const tx = { ...deps.db, kysely: trx };
    if (parentId !== null) {
      const parent = await findComment(tx, parentId);
      if (!parent || parent.paperId !== paper.id) throw new InputError(`Comment ${parentId} is not part of this paper's discussion.`);
      if (parent.deletedAt !== null) throw new InputError('That comment was deleted; it cannot be replied to.');
      if (parent.hiddenAt !== null) throw new InputError('That comment was hidden by the moderators; it cannot be replied to.');
    }
    const inserted = await insertComment(tx, { paperId: paper.id, userId: viewer.id, parentId, body, createdAt: now });
    await refreshCommentCount(tx, paper.id);
    return inserted;
  });
  const comment = await findComment(deps.db, id);
  return { paper, comment: toCommentView(comment!) };
}
