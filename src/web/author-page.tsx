import type { Context } from 'hono';
import type { Deps } from '../deps';
import { AUTHOR_MAX_PAGE, AUTHOR_PER_PAGE, listAuthorPapers } from '../features/list-author-papers';
import { listViewerVotes } from '../features/list-viewer-votes';
import { viewerOf } from './auth/viewer';
import { authorPath } from './browse-paths';
import { feedAlternates, FeedLinks, feedUrls } from './feeds/feed-links';
import { formatCount, plural } from './format';
import { PagedCards } from './paged-cards';
import { Layout } from './layout';
import { parsePageParam } from './page-param';
import { titlesHaveMath } from './paper-card';
import { sendPage } from './send-page';
import { voteScripts } from './vote-button';

/**
 * `/authors/:name`: every paper listing this name among its authors, newest first and paged,
 * with the most frequent co-authors (linked) and the author's feeds. A malformed name → 400; a
 * name on no paper → 404.
 */
export async function renderAuthorPage(c: Context, deps: Deps, name: string): Promise<Response> {
  const page = parsePageParam(c.req.query('p'), AUTHOR_MAX_PAGE);
  const list = await listAuthorPapers(deps, { name, page, perPage: AUTHOR_PER_PAGE });
  const viewer = viewerOf(c);
  const voted = await listViewerVotes(deps, viewer, list.items.map((p) => p.id));
  const path = authorPath(list.name);
  const feeds = feedUrls(`/feeds/authors/${encodeURIComponent(list.name)}`);
  const lastPage = Math.max(1, Math.ceil(list.total / list.perPage));
  return sendPage(
    c,
    <Layout
      title={list.name}
      canonical={`${deps.config.siteUrl}${path}${page > 1 ? `?p=${page}` : ''}`}
      section={null}
      hasMath={titlesHaveMath(list.items)}
      description={`Papers by ${list.name}.`}
      scripts={voteScripts(viewer)}
      alternates={feedAlternates(feeds, `Papers by ${list.name}`)}
    >
      <div class="page-head">
        <div>
          <h1>{list.name}</h1>
          <p class="subtitle">{plural(list.total, 'paper')} on this site, newest first</p>
          <FeedLinks feeds={feeds} />
        </div>
      </div>
      {list.coAuthors.length > 0 ? (
        <section class="co-authors">
          <h2>Frequent co-authors</h2>
          <ul class="co-author-list">
            {list.coAuthors.map((a) => (
              <li>
                <a href={authorPath(a.name)}>{a.name}</a> <span class="count">{formatCount(a.papers)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <PagedCards papers={list.items} voted={voted} page={page} lastPage={lastPage} maxPage={AUTHOR_MAX_PAGE} label={list.name} total={list.total} path={path} />
    </Layout>,
  );
}
