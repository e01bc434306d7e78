import type { Context } from 'hono';
import type { Deps } from '../deps';
import type { Paper } from '../domain/paper';
import { findHiddenPaper } from '../features/hide-from-for-you';
import { listForYou, type ForYouFeed, type ForYouItem } from '../features/list-for-you';
import { listViewerVotes } from '../features/list-viewer-votes';
import { CsrfField } from './account/auth-form';
import { viewerOf } from './auth/viewer';
import { formatDay, paperPath, plural } from './format';
import { Layout } from './layout';
import { CardFrame, titlesHaveMath } from './paper-card';
import { renderLatex } from './render-latex';
import { sendPage } from './send-page';
import { voteScripts } from './vote-button';

/**
 * `/for-you`: recent papers like the ones the viewer upvoted or collected, each saying which
 * liked paper it follows from. Anonymous visitors get a page that explains the feed and links to
 * log in; a viewer who has liked nothing yet is told how to start; without a vector index the
 * feed falls back to title words and says so (features/list-for-you.ts). Each card has a "Not
 * interested" button (for-you-routes.tsx); after one, `?hidden=<id>` shows what went, with Undo.
 */
export async function renderForYouPage(c: Context, deps: Deps): Promise<Response> {
  const viewer = viewerOf(c);
  if (!viewer) {
    return sendPage(
      c,
      <Layout title="For you" canonical={null} section="for-you">
        <h1>For you</h1>
        <div class="empty">
          <p>“For you” is a feed of new papers like the ones you upvote and save to your collections.</p>
          <p>
            <a href="/login?next=%2Ffor-you">Log in</a> or <a href="/signup?next=%2Ffor-you">sign up</a> to see yours.
          </p>
        </div>
      </Layout>,
    );
  }
  const hiddenId = c.req.query('hidden');
  const [feed, hidden] = await Promise.all([listForYou(deps, viewer.id), hiddenId ? findHiddenPaper(deps, viewer, hiddenId) : Promise.resolve(null)]);
  const voted = await listViewerVotes(deps, viewer, feed.items.map((i) => i.paper.id));
  c.header('Cache-Control', 'private, no-store');
  return sendPage(
    c,
    <Layout
      title="For you"
      canonical={null}
      section="for-you"
      hasMath={titlesHaveMath(feed.items.flatMap((i) => [i.paper, i.because]))}
      scripts={voteScripts(viewer)}
    >
      <div class="page-head">
        <div>
          <h1>For you</h1>
          <p class="subtitle">
            {subtitle(feed)} · <a href="/about#for-you">How this works</a>
          </p>
        </div>
      </div>
      {hidden ? <HiddenNotice paper={hidden} /> : null}
      {feed.source === 'keyword' && feed.items.length > 0 ? (
        <p class="explain">
          Search by meaning is not available on this server right now, so these papers share words with the titles of what you
          liked most recently.
        </p>
      ) : null}
      {feed.items.length > 0 ? (
        <ol class="cards">
          {feed.items.map((item) => (
            <ForYouCard item={item} hasVoted={voted.has(item.paper.id)} />
          ))}
        </ol>
      ) : (
        <Empty feed={feed} />
      )}
    </Layout>,
  );
}

function subtitle(feed: ForYouFeed): string {
  if (feed.likeCount === 0 || !feed.window) return 'New papers like the ones you upvote and collect';
  return `From ${plural(feed.likeCount, 'paper')} you liked · papers of ${formatDay(feed.window.from)} to ${formatDay(feed.window.to)}`;
}

function Empty(props: { feed: ForYouFeed }) {
  if (props.feed.likeCount === 0) {
    return (
      <div class="empty">
        <p>Nothing here yet: upvote papers or save them to a collection, and new papers like them will appear here.</p>
        <p>
          Start with <a href="/">today’s papers</a>, <a href="/papers/trending">trending</a> or a <a href="/search">search</a>.
        </p>
      </div>
    );
  }
  return (
    <div class="empty">
      <p>No new paper of these days is close enough to what you liked. Come back when new papers are in.</p>
      <p>
        <a href="/">Latest papers</a>
      </p>
    </div>
  );
}

/** After a "Not interested": which paper went, and the way back. */
function HiddenNotice(props: { paper: Paper }) {
  return (
    <form method="post" action="/for-you/unhide" class="notice">
      <CsrfField />
      <input type="hidden" name="paper" value={props.paper.arxivId} />
      Hidden from your feed: <span dangerouslySetInnerHTML={{ __html: renderLatex(props.paper.title).html }} />.{' '}
      <button type="submit" class="link-button">
        Undo
      </button>
    </form>
  );
}

function ForYouCard(props: { item: ForYouItem; hasVoted: boolean }) {
  const { paper, because } = props.item;
  return (
    <CardFrame
      paper={paper}
      hasVoted={props.hasVoted}
      title={<span dangerouslySetInnerHTML={{ __html: renderLatex(paper.title).html }} />}
      facts={<span>Published {formatDay(paper.publishedAt)}</span>}
    >
      <div class="snippet because">
        Because you liked{' '}
        <a href={paperPath(because.arxivId)}>
          <span dangerouslySetInnerHTML={{ __html: renderLatex(because.title).html }} />
        </a>
        {' · '}
        <form method="post" action="/for-you/hide" class="inline-form">
          <CsrfField />
          <input type="hidden" name="paper" value={paper.arxivId} />
          <button type="submit" class="link-button" aria-label={`Not interested in ${paper.title}`}>
            Not interested
          </button>
        </form>
      </div>
    </CardFrame>
  );
}
