import type { Context } from 'hono';
import type { Deps } from '../deps';
import { CATEGORY_MAX_PAGE, CATEGORY_PER_PAGE, listCategoryPapers } from '../features/list-categories';
import { listViewerVotes } from '../features/list-viewer-votes';
import { viewerOf } from './auth/viewer';
import { categoryPath } from './browse-paths';
import { feedAlternates, FeedLinks, feedUrls } from './feeds/feed-links';
import { plural } from './format';
import { PagedCards } from './paged-cards';
import { Layout } from './layout';
import { parsePageParam } from './page-param';
import { PaperCard, titlesHaveMath } from './paper-card';
import { sendPage } from './send-page';
import { voteScripts } from './vote-button';

/**
 * `/categories/:cat`: the category's papers, newest first and paged, with its top trending papers
 * above them on the first page, and its feeds. Malformed → 400; a category no paper has → 404.
 */
export async function renderCategoryPage(c: Context, deps: Deps, category: string): Promise<Response> {
  const page = parsePageParam(c.req.query('p'), CATEGORY_MAX_PAGE);
  const list = await listCategoryPapers(deps, { category, page, perPage: CATEGORY_PER_PAGE });
  const viewer = viewerOf(c);
  const papers = [...list.trending, ...list.items];
  const voted = await listViewerVotes(deps, viewer, papers.map((p) => p.id));
  const label = list.name ? `${list.category}: ${list.name}` : list.category;
  const feeds = feedUrls(`/feeds/categories/${encodeURIComponent(list.category)}`);
  const lastPage = Math.max(1, Math.ceil(list.papers / list.perPage));
  const path = categoryPath(list.category);
  return sendPage(
    c,
    <Layout
      title={label}
      canonical={`${deps.config.siteUrl}${path}${page > 1 ? `?p=${page}` : ''}`}
      section="categories"
      hasMath={titlesHaveMath(papers)}
      description={`Papers in the arXiv category ${label}, newest first.`}
      scripts={voteScripts(viewer)}
      alternates={feedAlternates(feeds, label)}
    >
      <div class="page-head">
        <div>
          <h1>{label}</h1>
          <p class="subtitle">
            {plural(list.papers, 'paper')}, newest first · <a href="/categories">All categories</a> ·{' '}
            <a href={`/search?category=${encodeURIComponent(list.category)}`}>Search in {list.category}</a>
          </p>
          <FeedLinks feeds={feeds} />
        </div>
      </div>
      {list.trending.length > 0 ? (
        <section class="highlight">
          <h2>Trending in {list.category}</h2>
          <ol class="cards">
            {list.trending.map((p) => (
              <PaperCard paper={p} hasVoted={voted.has(p.id)} />
            ))}
          </ol>
          <h2>Newest</h2>
        </section>
      ) : null}
      <PagedCards papers={list.items} voted={voted} page={page} lastPage={lastPage} maxPage={CATEGORY_MAX_PAGE} label={list.category} total={list.papers} path={path} />
    </Layout>,
  );
}
