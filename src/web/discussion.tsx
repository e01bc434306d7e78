import type { Viewer } from '../domain/account';
import { flattenCommentTree, type CommentNode } from '../domain/comment-tree';
import type { Paper } from '../domain/paper';
import type { CommentView } from '../features/comments/comment-view';
import type { CommentThread } from '../features/comments/list-comments';
import { COMMENT_MAX_CHARS } from './comment-body';
import { formatDay, paperPath, plural } from './format';
import { CommentModerationForm } from './moderation-forms';
import { usePage } from './page-context';
import { KATEX_CSS_URL } from './static-assets';

/** The page anchor of a comment (`/papers/…#comment-12`). */
export function commentAnchor(commentId: number): string {
  return `comment-${commentId}`;
}

/** Where a paper's comment forms post to, and its comments' edit and delete forms. */
export function commentsPath(arxivId: string, commentId?: number, action?: 'edit' | 'delete'): string {
  const base = `${paperPath(arxivId)}/comments`;
  return commentId === undefined ? base : `${base}/${commentId}${action ? `/${action}` : ''}`;
}

/** `2026-08-22T12:05:00Z` → `22 Aug 2026, 12:05 UTC`. */
export function formatCommentTime(iso: string): string {
  return `${formatDay(iso)}, ${iso.slice(11, 16)} UTC`;
}

/** Whether the viewer may write comments (the use cases check again: this only picks the form). */
function canComment(viewer: Viewer | null): viewer is Viewer {
  return viewer !== null && viewer.isVerified && !viewer.isBanned;
}

/** The textarea every comment form shares. */
export function CommentTextarea(props: { value?: string; rows?: number; label: string }) {
  return (
    <textarea name="body" rows={props.rows ?? 5} maxlength={COMMENT_MAX_CHARS} required aria-label={props.label}>
      {props.value ?? ''}
    </textarea>
  );
}

/**
 * A paper's discussion under the paper page: the threaded comments (author, time, "edited", the
 * rendered text; "[deleted]" or the moderators' reason in place of removed ones), a reply form
 * under each comment and edit/delete for the viewer's own, all plain forms (no JavaScript), then
 * the form for a new comment or what the viewer must do to get one.
 */
export function Discussion(props: { paper: Paper; comments: CommentThread }) {
  const { paper, comments } = props;
  const all = flattenCommentTree(comments);
  const shown = all.filter((n) => !n.comment.isDeleted && !n.comment.isHidden).length;
  const elsewhere = paper.numComments - shown;
  // The page head loads KaTeX's stylesheet for the abstract only; comments with math bring it along.
  const hasMath = all.some((n) => n.comment.html.includes('class="katex'));
  return (
    <section class="discussion" id="discussion">
      {hasMath ? <link rel="stylesheet" href={KATEX_CSS_URL} /> : null}
      <h2>Discussion · {plural(paper.numComments, 'comment')}</h2>
      {elsewhere > 0 ? <p class="subtitle">{plural(elsewhere, 'comment')} from Hugging Face's Daily Papers {elsewhere === 1 ? 'is' : 'are'} counted here but not shown.</p> : null}
      {comments.length > 0 ? (
        <ol class="comments">
          {comments.map((node) => (
            <CommentItem node={node} arxivId={paper.arxivId} />
          ))}
        </ol>
      ) : (
        <p class="subtitle">No comments here yet.</p>
      )}
      <NewComment arxivId={paper.arxivId} />
    </section>
  );
}

function CommentItem(props: { node: CommentNode<CommentView>; arxivId: string }) {
  const { node, arxivId } = props;
  const c = node.comment;
  const page = usePage();
  const isRemoved = c.isDeleted || c.isHidden;
  const isMine = page.viewer !== null && page.viewer.id === c.author.id && !page.viewer.isBanned;
  return (
    <li class="comment" id={commentAnchor(c.id)}>
      <article>
        <p class="comment-meta">
          {c.isDeleted ? null : (
            <>
              <b class="comment-author">{c.author.username}</b>
              {' · '}
            </>
          )}
          <a href={`#${commentAnchor(c.id)}`}>
            <time datetime={c.createdAt}>{formatCommentTime(c.createdAt)}</time>
          </a>
          {c.isEdited && !isRemoved ? <span title={c.editedAt ? `edited ${formatCommentTime(c.editedAt)}` : undefined}> · edited</span> : null}
          {node.replyTo ? (
            <>
              {' · in reply to '}
              <a href={`#${commentAnchor(node.replyTo.id)}`}>{node.replyTo.isDeleted ? '[deleted]' : node.replyTo.author.username}</a>
            </>
          ) : null}
        </p>
        {c.isDeleted ? (
          <p class="comment-removed">[deleted]</p>
        ) : c.isHidden ? (
          <p class="comment-removed">hidden by the moderators: {c.hiddenReason ?? 'no reason given'}</p>
        ) : (
          <div class="comment-body" dangerouslySetInnerHTML={{ __html: c.html }} />
        )}
        {!isRemoved && (canComment(page.viewer) || isMine) ? (
          <div class="comment-actions">
            {canComment(page.viewer) ? (
              <details>
                <summary>Reply</summary>
                <form method="post" action={commentsPath(arxivId)} class="comment-form">
                  <input type="hidden" name="_csrf" value={page.csrfToken()} />
                  <input type="hidden" name="parentId" value={String(c.id)} />
                  <CommentTextarea rows={4} label={`Reply to ${c.author.username}`} />
                  <button type="submit">Reply</button>
                </form>
              </details>
            ) : null}
            {isMine && page.viewer!.isVerified ? <a href={commentsPath(arxivId, c.id, 'edit')}>Edit</a> : null}
            {isMine ? (
              <details>
                <summary>Delete</summary>
                <form method="post" action={commentsPath(arxivId, c.id, 'delete')} class="inline-form">
                  <input type="hidden" name="_csrf" value={page.csrfToken()} />
                  <button type="submit">Delete this comment</button>
                </form>
              </details>
            ) : null}
          </div>
        ) : null}
        {c.isDeleted ? null : <CommentModerationForm commentId={c.id} isHidden={c.isHidden} />}
      </article>
      {node.children.length > 0 ? (
        <ol class="comments">
          {node.children.map((child) => (
            <CommentItem node={child} arxivId={arxivId} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

function NewComment(props: { arxivId: string }) {
  const page = usePage();
  const viewer = page.viewer;
  if (!viewer) {
    return (
      <p class="comment-invite">
        <a href={`/login?next=${encodeURIComponent(`${paperPath(props.arxivId)}#discussion`)}`}>Log in to comment</a>
      </p>
    );
  }
  if (viewer.isBanned) return <p class="comment-invite">Your account is banned; you cannot comment.</p>;
  if (!viewer.isVerified) {
    return (
      <p class="comment-invite">
        <a href="/settings">Confirm your email to comment</a>: follow the link in the mail we sent you, or send it again from your settings.
      </p>
    );
  }
  return (
    <form method="post" action={commentsPath(props.arxivId)} class="comment-form new-comment">
      <h3>Add a comment</h3>
      <input type="hidden" name="_csrf" value={page.csrfToken()} />
      <CommentTextarea label="Your comment" />
      <p class="subtitle">Markdown works, and LaTeX math between $…$ or $$…$$.</p>
      <button type="submit">Comment</button>
    </form>
  );
}

/** A card's comment count (`papers.num_comments`), linking to the paper's discussion. */
export function CommentCountLink(props: { paper: Pick<Paper, 'arxivId' | 'numComments'> }) {
  return (
    <a href={`${paperPath(props.paper.arxivId)}#discussion`} class="comment-count">
      {plural(props.paper.numComments, 'comment')}
    </a>
  );
}
