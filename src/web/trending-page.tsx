import type { Context } from 'hono';
import type { Deps } from '../deps';
import { listTrendingPapers } from '../features/list-trending';
import { listViewerVotes } from '../features/list-viewer-votes';
import { viewerOf } from './auth/viewer';
import { Layout } from './layout';
import { parsePageParam } from './page-param';
import { PaperCard, titlesHaveMath } from './paper-card';
import { Pager } from './pager';
import { sendPage } from './send-page';
import { feedAlternates, FeedLinks, feedUrls } from './feeds/feed-links';
import { voteScripts } from './vote-button';

const PER_PAGE = 50;
/** listTrendingPapers accepts 0-based pages up to 1000. */
const MAX_PAGE = 1001;
const FEEDS = feedUrls('/feeds/trending');

/** Papers ranked by their stored trending score, with the formula in plain words. */
export async function renderTrendingPage(c: Context, deps: Deps): Promise<Response> {
  const page = parsePageParam(c.req.query('p'), MAX_PAGE);
  const items = await listTrendingPapers(deps, { page: page - 1, perPage: PER_PAGE });
  const viewer = viewerOf(c);
  const voted = await listViewerVotes(deps, viewer, items.map((i) => i.paper.id));
  return sendPage(
    c,
    <Layout
      title="Trending papers"
      canonical={`${deps.config.siteUrl}/papers/trending${page > 1 ? `?p=${page}` : ''}`}
      section="trending"
      hasMath={titlesHaveMath(items.map((i) => i.paper))}
      description="Papers ranked by upvotes, decayed by the time since they were listed."
      scripts={voteScripts(viewer)}
      alternates={feedAlternates(FEEDS, 'Trending papers')}
    >
      <div class="page-head">
        <div>
          <h1>Trending</h1>
          <p class="subtitle">Upvotes, decayed by age</p>
          <FeedLinks feeds={FEEDS} />
        </div>
      </div>
      <p class="explain">
        Score = log<sub>10</sub>(upvotes) + (time first listed) ÷ 2 days. Every two days of age cost a factor of ten in
        upvotes, so an upvote's weight halves about every 14 hours and new papers with a few votes can pass older ones with
        many. <a href="/about#trending">How trending works</a>
      </p>
      {items.length > 0 ? (
        <ol class="cards">
          {items.map((item) => (
            <PaperCard paper={item.paper} submitter={item.submitter} listedOn={item.listedOn} hasVoted={voted.has(item.paper.id)} />
          ))}
        </ol>
      ) : (
        <div class="empty">
          <p>{page > 1 ? `There is no page ${page} of trending papers.` : 'No papers have been listed yet.'}</p>
          <p>
            <a href="/">Latest papers</a>
          </p>
        </div>
      )}
      <Pager page={page} lastPage={null} hasNext={items.length === PER_PAGE && page < MAX_PAGE} href={(p) => `/papers/trending${p > 1 ? `?p=${p}` : ''}`} />
    </Layout>,
  );
}
