import type { Deps } from '../../deps';
import { buildCommentTree, type CommentNode } from '../../domain/comment-tree';
import { listCommentsOfPaper } from '../../storage/repos/comments-repo';
import { toCommentView, type CommentView } from './comment-view';
import { getCommentedPaper } from './get-commented-paper';

/** A paper's discussion: top-level comments oldest first, each with its replies. */
export type CommentThread = CommentNode<CommentView>[];

/**
 * The discussion of the paper `arxivId` as a tree (see domain/comment-tree.ts), every comment
 * with its author, rendered text and flags; deleted and hidden comments keep their place without
 * their text. InputError for a malformed id, NotFoundError for an unknown paper.
 */
export async function listComments(deps: Deps, arxivId: string): Promise<CommentThread> {
  const paper = await getCommentedPaper(deps, arxivId);
  return listPaperComments(deps, paper.id);
}

/** The discussion of a paper already looked up (the paper page has it), as listComments. */
export async function listPaperComments(deps: Deps, paperId: number): Promise<CommentThread> {
  const rows = await listCommentsOfPaper(deps.db, paperId);
  return buildCommentTree(rows.map(toCommentView));
}
