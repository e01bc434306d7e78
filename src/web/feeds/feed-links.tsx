import type { LayoutAlternate } from '../layout';

/** The RSS and Atom URLs of one list (site-relative; query string included, e.g. for a search). */
export type FeedUrls = { rss: string; atom: string };

/**
 * The feeds of a list, from the path without its extension: `/feeds/daily` →
 * `/feeds/daily.rss` and `/feeds/daily.atom`; the query string goes after the extension.
 */
export function feedUrls(base: string, query = ''): FeedUrls {
  const q = query === '' || query.startsWith('?') ? query : `?${query}`;
  return { rss: `${base}.rss${q}`, atom: `${base}.atom${q}` };
}

/** The `<link rel="alternate">` entries of a page's head (see Layout). */
export function feedAlternates(feeds: FeedUrls, title: string): LayoutAlternate[] {
  return [
    { type: 'application/rss+xml', title: `${title} (RSS)`, href: feeds.rss },
    { type: 'application/atom+xml', title: `${title} (Atom)`, href: feeds.atom },
  ];
}

/** The visible "Feed: RSS · Atom" links of a list page. */
export function FeedLinks(props: { feeds: FeedUrls }) {
  return (
    <p class="feed-links">
      Feed: <a href={props.feeds.rss}>RSS</a> · <a href={props.feeds.atom}>Atom</a>
    </p>
  );
}
