import { Hono, type Context } from 'hono';
import type { Deps } from '../../deps';
import { InputError } from '../../domain/input-error';
import type { Listing, Paper } from '../../domain/paper';
import type { PeriodKind } from '../../domain/period';
import { getCollection } from '../../features/collections/get-collection';
import { listAuthorPapers } from '../../features/list-author-papers';
import { listCategoryPapers } from '../../features/list-categories';
import { listPeriod } from '../../features/list-period';
import { listTrendingPapers } from '../../features/list-trending';
import { searchPapers } from '../../features/search-papers';
import { paperPath, periodPath, periodTitle } from '../format';
import { hasFilters, parseSearchParams, searchUrl } from '../search-params';
import { renderAtom, renderRss, type Feed, type FeedEntry } from './feed';
import { authorPath, categoryPath } from '../browse-paths';
import { collectionPath } from '../collection-pages';

/** Entries per feed: a list page's first page. */
const FEED_SIZE = 50;

type Format = 'rss' | 'atom';
const CONTENT_TYPE: Record<Format, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};
const PERIODS: Record<string, { kind: PeriodKind; label: string }> = {
  daily: { kind: 'day', label: 'Daily papers' },
  weekly: { kind: 'week', label: 'Weekly papers' },
  monthly: { kind: 'month', label: 'Monthly papers' },
};

/**
 * RSS 2.0 and Atom 1.0 feeds of every list, built from the same use cases as the pages:
 *
 *   /feeds/daily.rss              latest listed day     /feeds/daily/2025-10-29.atom
 *   /feeds/weekly.rss             latest week           /feeds/weekly/2025-W44.atom
 *   /feeds/monthly.rss            latest month          /feeds/monthly/2025-10.atom
 *   /feeds/trending.rss
 *   /feeds/search.rss?q=…&from=…&to=…&category=…&code=1&sort=…   (newest first unless sort is given)
 *   /feeds/categories/cs.CL.rss
 *   /feeds/authors/Ada%20Lovelace.rss
 *   /feeds/collections/ada/reading-list.rss   a public collection, newest added first
 *
 * Every `.rss` has an `.atom` twin. Bad input is a 400 and an unknown category or author a 404,
 * both as plain text with the reason. A private collection's feed is a 404 for everyone, its
 * owner included: feed readers fetch without cookies, and a feed URL is made to be shared.
 */
export function createFeedRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get('/feeds/:file', (c) => {
    const { name, format } = splitFile(c.req.param('file'));
    if (name in PERIODS) return send(c, deps, format, () => periodFeed(deps, name, undefined));
    if (name === 'trending') return send(c, deps, format, () => trendingFeed(deps));
    if (name === 'search') return send(c, deps, format, () => searchFeed(deps, c.req.query()));
    return notFound(c);
  });
  app.get('/feeds/:kind/:file', (c) => {
    const kind = c.req.param('kind');
    const { name, format } = splitFile(c.req.param('file'));
    if (kind in PERIODS) return send(c, deps, format, () => periodFeed(deps, kind, name));
    if (kind === 'categories') return send(c, deps, format, () => categoryFeed(deps, name));
    if (kind === 'authors') return send(c, deps, format, () => authorFeed(deps, name));
    return notFound(c);
  });
  app.get('/feeds/collections/:username/:file', (c) => {
    const { name, format } = splitFile(c.req.param('file'));
    return send(c, deps, format, () => collectionFeed(deps, c.req.param('username'), name));
  });
  return app;
}

/** `cs.CL.atom` → cs.CL, atom; a file without a feed extension has format null (a 404). */
function splitFile(file: string): { name: string; format: Format | null } {
  const m = /^(.+)\.(rss|atom)$/.exec(file);
  return m ? { name: m[1]!, format: m[2] as Format } : { name: file, format: null };
}

function notFound(c: Context): Response {
  return c.text('No feed here. Feeds end in .rss or .atom: /feeds/daily.rss, /feeds/categories/cs.CL.atom …', 404);
}

async function send(c: Context, deps: Deps, format: Format | null, build: () => Promise<Feed>): Promise<Response> {
  if (format === null) return notFound(c);
  let feed: Feed;
  try {
    feed = await build();
  } catch (error) {
    if (error instanceof InputError) return c.text(error.message, 400);
    if ((error as { status?: number }).status === 404) return c.text((error as Error).message, 404);
    throw error;
  }
  const path = new URL(c.req.url);
  const selfUrl = `${deps.config.siteUrl}${path.pathname}${path.search}`;
  return c.body(format === 'rss' ? renderRss(feed, selfUrl) : renderAtom(feed, selfUrl), 200, {
    'Content-Type': CONTENT_TYPE[format],
    'Cache-Control': 'public, max-age=300',
  });
}

function entry(deps: Deps, paper: Paper, date: string): FeedEntry {
  const url = `${deps.config.siteUrl}${paperPath(paper.arxivId)}`;
  return { id: url, title: paper.title, link: url, published: date, updated: date, authors: paper.authors, summary: paper.abstract, categories: paper.categories };
}

/** Listed papers are dated by their listing: that is when they became news here. */
function listingEntry(deps: Deps, l: Listing): FeedEntry {
  return entry(deps, l.paper, l.submittedAt);
}

function feedOf(deps: Deps, parts: Omit<Feed, 'updated'>): Feed {
  // One entry per id: a reader would otherwise show a paper twice.
  const seen = new Set<string>();
  const entries = parts.entries.filter((e) => !seen.has(e.id) && seen.add(e.id));
  const newest = entries.reduce<string | null>((d, e) => (d === null || e.updated > d ? e.updated : d), null);
  return { ...parts, entries, updated: newest ?? deps.now().toISOString() };
}

async function periodFeed(deps: Deps, name: string, key: string | undefined): Promise<Feed> {
  const { kind, label } = PERIODS[name]!;
  const list = await listPeriod(deps, { kind, key, page: 0, perPage: FEED_SIZE });
  return feedOf(deps, {
    title: `${label}: ${periodTitle(list.period)} · Paperboy`,
    description: `Research papers the community upvoted, most upvoted first: ${periodTitle(list.period)}.`,
    htmlUrl: `${deps.config.siteUrl}${periodPath(list.period)}`,
    entries: list.items.map((l) => listingEntry(deps, l)),
  });
}

async function trendingFeed(deps: Deps): Promise<Feed> {
  const items = await listTrendingPapers(deps, { page: 0, perPage: FEED_SIZE });
  return feedOf(deps, {
    title: 'Trending papers · Paperboy',
    description: 'Papers ranked by upvotes, decayed by the time since they were listed.',
    htmlUrl: `${deps.config.siteUrl}/papers/trending`,
    entries: items.map((l) => listingEntry(deps, l)),
  });
}

async function searchFeed(deps: Deps, query: Record<string, string>): Promise<Feed> {
  const params = parseSearchParams(query);
  if (params.q === '' && !hasFilters(params.filters)) throw new InputError('a search feed needs words (q) or a filter (from, to, category, code)');
  // A feed is read for what is new: newest first unless the URL asks for another order.
  const sort = params.isSortExplicit ? params.sort : 'newest';
  const result = await searchPapers(deps, { q: params.q, filters: params.filters, sort, page: params.page, perPage: FEED_SIZE });
  const words = params.q ? `“${params.q.length > 80 ? `${params.q.slice(0, 80)}…` : params.q}”` : 'filtered papers';
  return feedOf(deps, {
    title: `Search: ${words} · Paperboy`,
    description: `Papers matching the search ${words}${params.filters.category ? ` in ${params.filters.category}` : ''}, ${sort === 'newest' ? 'newest' : sort === 'upvotes' ? 'most upvoted' : 'best match'} first.`,
    htmlUrl: `${deps.config.siteUrl}${searchUrl(params)}`,
    entries: result.results.map((r) => entry(deps, r.paper, r.paper.publishedAt)),
  });
}

async function categoryFeed(deps: Deps, category: string): Promise<Feed> {
  const list = await listCategoryPapers(deps, { category, page: 1, perPage: FEED_SIZE });
  const label = list.name ? `${list.category} (${list.name})` : list.category;
  return feedOf(deps, {
    title: `${label} · Paperboy`,
    description: `The newest papers in ${label}.`,
    htmlUrl: `${deps.config.siteUrl}${categoryPath(list.category)}`,
    entries: list.items.map((p) => entry(deps, p, p.publishedAt)),
  });
}

async function authorFeed(deps: Deps, name: string): Promise<Feed> {
  const list = await listAuthorPapers(deps, { name, page: 1, perPage: FEED_SIZE, withCoAuthors: false });
  return feedOf(deps, {
    title: `Papers by ${list.name} · Paperboy`,
    description: `The newest papers with ${list.name} among the authors.`,
    htmlUrl: `${deps.config.siteUrl}${authorPath(list.name)}`,
    entries: list.items.map((p) => entry(deps, p, p.publishedAt)),
  });
}

async function collectionFeed(deps: Deps, username: string, slug: string): Promise<Feed> {
  // No viewer, whoever asks: only public collections have a feed.
  const { collection, papers } = await getCollection(deps, null, { username, slug, page: { index: 0, perPage: FEED_SIZE } });
  return feedOf(deps, {
    title: `${collection.name} · a collection by ${collection.ownerUsername} · Paperboy`,
    description: collection.description || `Papers ${collection.ownerUsername} collected, newest added first.`,
    htmlUrl: `${deps.config.siteUrl}${collectionPath(collection)}`,
    // Dated by when they were added: that is when they became news in this collection.
    entries: papers.map((p) => entry(deps, p.paper, p.addedAt)),
  });
}
