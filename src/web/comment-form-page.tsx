import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Paper } from '../domain/paper';
import { CommentTextarea, commentsPath } from './discussion';
import { paperPath } from './format';
import { Layout } from './layout';
import { usePage } from './page-context';
import { sendPage } from './send-page';

/** What the comment form page shows: a comment being edited, or a new comment or reply to retry. */
export type CommentFormState = {
  paper: Pick<Paper, 'arxivId' | 'title'>;
  /** Editing this comment; otherwise a new comment (or a reply to `parentId`). */
  commentId?: number;
  parentId?: string;
  /** The text in the box: the stored one when editing, the draft after an error. */
  body: string;
  /** Why the last attempt failed; the draft is kept so nothing typed is lost. */
  error?: string;
};

/**
 * A page with one comment form: `GET /papers/:id/comments/:commentId/edit` (pre-filled), and
 * what a failed post, reply or edit answers (the message, with the draft, at the error's status).
 */
export function renderCommentFormPage(c: Context, state: CommentFormState, status: ContentfulStatusCode = 200): Promise<Response> {
  const heading = state.commentId !== undefined ? 'Edit your comment' : state.parentId ? 'Reply' : 'Add a comment';
  return sendPage(
    c,
    <Layout title={`${heading} · ${state.paper.title}`} canonical={null} section={null}>
      <CommentForm state={state} heading={heading} />
    </Layout>,
    status,
  );
}

function CommentForm(props: { state: CommentFormState; heading: string }) {
  const { state } = props;
  const page = usePage();
  const back = `${paperPath(state.paper.arxivId)}#${state.commentId !== undefined ? `comment-${state.commentId}` : state.parentId ? `comment-${state.parentId}` : 'discussion'}`;
  const action = state.commentId !== undefined ? commentsPath(state.paper.arxivId, state.commentId, 'edit') : commentsPath(state.paper.arxivId);
  return (
    <div class="prose discussion">
      <h1>{props.heading}</h1>
      <p class="subtitle">
        On <a href={paperPath(state.paper.arxivId)}>{state.paper.title}</a>
      </p>
      {state.error ? (
        <p class="notice error" role="alert">
          {state.error}
        </p>
      ) : null}
      {page.viewer ? (
        <form method="post" action={action} class="comment-form">
          <input type="hidden" name="_csrf" value={page.csrfToken()} />
          {state.commentId === undefined && state.parentId ? <input type="hidden" name="parentId" value={state.parentId} /> : null}
          <CommentTextarea value={state.body} rows={10} label={props.heading} />
          <p class="subtitle">Markdown works, and LaTeX math between $…$ or $$…$$.</p>
          <button type="submit">{state.commentId !== undefined ? 'Save' : state.parentId ? 'Reply' : 'Comment'}</button> <a href={back}>Cancel</a>
        </form>
      ) : null}
    </div>
  );
}
