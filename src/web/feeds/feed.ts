import { el, xmlDocument, type XmlNode } from './xml';

/** One paper in a feed. URLs are absolute; dates are ISO instants. */
export type FeedEntry = {
  /** Permanent and unique in the feed: the paper's page URL. */
  id: string;
  title: string;
  link: string;
  published: string;
  updated: string;
  authors: string[];
  /** Plain text (the abstract), or null. */
  summary: string | null;
  categories: string[];
};

/** A feed, whichever format it is written in. */
export type Feed = {
  title: string;
  description: string;
  /** The HTML page showing the same list. */
  htmlUrl: string;
  /** The newest entry's date (or now for an empty feed). */
  updated: string;
  entries: FeedEntry[];
};

/** Feeds list every author of most papers, but collaborations of thousands are cut short. */
const MAX_AUTHORS = 25;

function shownAuthors(authors: string[]): string[] {
  if (authors.length <= MAX_AUTHORS) return authors;
  return [...authors.slice(0, MAX_AUTHORS), `and ${authors.length - MAX_AUTHORS} more`];
}

/** RFC 822 date as RSS wants it: `Tue, 02 Jan 2024 00:00:00 GMT`. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** RFC 3339 date as Atom wants it: `2024-01-02T00:00:00.000Z`. */
export function rfc3339(iso: string): string {
  return new Date(iso).toISOString();
}

/** Plain text as HTML (what RSS readers expect in `description`): escaped, one <p> per paragraph. */
export function textToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((p) => `<p>${escape(p)}</p>`)
    .join('');
}

/** RSS 2.0, with `atom:link rel=self` and `dc:creator` for authors (RSS's own `author` wants an email). */
export function renderRss(feed: Feed, selfUrl: string): string {
  const items: XmlNode[] = feed.entries.map((e) =>
    el(
      'item',
      {},
      el('title', {}, e.title),
      el('link', {}, e.link),
      el('guid', { isPermaLink: 'true' }, e.id),
      el('pubDate', {}, rfc822(e.published)),
      e.summary ? el('description', {}, textToHtml(e.summary)) : null,
      shownAuthors(e.authors).map((a) => el('dc:creator', {}, a)),
      e.categories.map((c) => el('category', {}, c)),
    ),
  );
  return xmlDocument(
    el(
      'rss',
      { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' },
      el(
        'channel',
        {},
        el('title', {}, feed.title),
        el('link', {}, feed.htmlUrl),
        el('description', {}, feed.description),
        el('language', {}, 'en'),
        el('lastBuildDate', {}, rfc822(feed.updated)),
        el('atom:link', { href: selfUrl, rel: 'self', type: 'application/rss+xml' }),
        items,
      ),
    ),
  );
}

/** Atom 1.0 (RFC 4287): the feed's id is its own URL; summaries are plain text. */
export function renderAtom(feed: Feed, selfUrl: string): string {
  const entries: XmlNode[] = feed.entries.map((e) =>
    el(
      'entry',
      {},
      el('id', {}, e.id),
      el('title', { type: 'text' }, e.title),
      el('link', { rel: 'alternate', type: 'text/html', href: e.link }),
      el('published', {}, rfc3339(e.published)),
      el('updated', {}, rfc3339(e.updated)),
      shownAuthors(e.authors).map((a) => el('author', {}, el('name', {}, a))),
      e.categories.map((c) => el('category', { term: c })),
      e.summary ? el('summary', { type: 'text' }, e.summary) : null,
    ),
  );
  return xmlDocument(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'en' },
      el('id', {}, selfUrl),
      el('title', { type: 'text' }, feed.title),
      el('subtitle', { type: 'text' }, feed.description),
      el('updated', {}, rfc3339(feed.updated)),
      el('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl }),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.htmlUrl }),
      // Atom requires an author on every entry, or on the feed: entries without names inherit this one.
      el('author', {}, el('name', {}, 'Paperboy')),
      el('generator', {}, 'Paperboy'),
      entries,
    ),
  );
}
