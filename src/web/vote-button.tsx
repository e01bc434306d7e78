import type { Viewer } from '../domain/account';
import type { Paper } from '../domain/paper';
import { formatCount, paperPath } from './format';
import { usePage } from './page-context';
import { VOTE_JS_URL } from './static-assets';

/**
 * A paper's upvote count as a control. Logged in: a plain form that POSTs the opposite of the
 * current state (works without JavaScript; assets/vote.js submits it in the background), with
 * the button pressed when the viewer has voted. Anonymous: a link to log in and come back.
 * `inline` lays it out in a row (the paper page) instead of the cards' column.
 */
export function VoteButton(props: { paper: Pick<Paper, 'arxivId' | 'upvotes'>; hasVoted: boolean; inline?: boolean }) {
  const { paper, hasVoted } = props;
  const page = usePage();
  const cls = props.inline ? 'votes inline' : 'votes';
  const count = (
    <>
      <b class="vote-count">{formatCount(paper.upvotes)}</b>
      <span class="vote-noun">{paper.upvotes === 1 ? 'vote' : 'votes'}</span>
    </>
  );
  if (!page.viewer) {
    return (
      <a class={cls} href={`/login?next=${encodeURIComponent(page.here)}`} title="Log in to upvote">
        {count}
      </a>
    );
  }
  return (
    <form method="post" action={`${paperPath(paper.arxivId)}/vote`} class="vote-form">
      <input type="hidden" name="_csrf" value={page.csrfToken()} />
      <input type="hidden" name="direction" value={hasVoted ? 'none' : 'up'} />
      <input type="hidden" name="next" value={page.here} />
      <button type="submit" class={cls} aria-pressed={hasVoted ? 'true' : 'false'} title={hasVoted ? 'Remove your upvote' : 'Upvote'}>
        {count}
      </button>
    </form>
  );
}

/** The scripts a page with vote buttons loads: the enhancement, for logged-in viewers only. */
export function voteScripts(viewer: Viewer | null): string[] | undefined {
  return viewer ? [VOTE_JS_URL] : undefined;
}
