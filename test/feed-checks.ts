import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { App } from '../src/app';

/**
 * Feed checks shared by the feed tests: fetch a feed through the app, parse it with
 * fast-xml-parser, and assert what RSS 2.0 and Atom 1.0 (RFC 4287) require of it (required
 * elements, RFC 822 / RFC 3339 dates, absolute links, unique ids). Test deps use SITE as SITE_URL.
 */
export const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
export const SITE = 'http://paperboy.test';

export const feedParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name, jpath) => ['item', 'entry', 'author', 'dc:creator', 'category', 'atom:link'].includes(name) || (name === 'link' && String(jpath).startsWith('feed')),
});
export const unescapeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

export type RssItem = { title: string; link: string; guid: { '#text': string; '@_isPermaLink': string }; pubDate: string; description?: string; 'dc:creator'?: string[]; category?: string[] };

/** Fetches a feed and checks everything RSS 2.0 requires of it; returns the parsed items. */
export async function rss(app: App, path: string): Promise<{ channel: any; items: RssItem[] }> {
  const res = await app.request(path);
  const body = await res.text();
  expect(res.status, `${path}: ${body.slice(0, 200)}`).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  expect(XMLValidator.validate(body)).toBe(true);
  const doc = feedParser.parse(body);
  expect(doc.rss['@_version']).toBe('2.0');
  const channel = doc.rss.channel;
  for (const field of ['title', 'link', 'description', 'language', 'lastBuildDate']) expect(channel[field], field).toBeTruthy();
  expect(channel.link).toMatch(/^http:\/\/paperboy\.test\//);
  expect(channel.lastBuildDate).toMatch(RFC822);
  expect(Number.isNaN(Date.parse(channel.lastBuildDate))).toBe(false);
  const self = channel['atom:link'].find((l: any) => l['@_rel'] === 'self');
  expect(self['@_href']).toBe(`${SITE}${path}`);
  const items: RssItem[] = channel.item ?? [];
  for (const item of items) {
    expect(item.title).toBeTruthy();
    expect(item.link).toMatch(/^http:\/\/paperboy\.test\/papers\//);
    expect(item.guid['@_isPermaLink']).toBe('true');
    expect(item.guid['#text']).toBe(item.link);
    expect(item.pubDate).toMatch(RFC822);
    expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
  }
  expect(new Set(items.map((i) => i.guid['#text'])).size).toBe(items.length);
  return { channel, items };
}

/** Fetches a feed and checks everything Atom 1.0 (RFC 4287) requires of it; returns the entries. */
export async function atom(app: App, path: string): Promise<{ feed: any; entries: any[] }> {
  const res = await app.request(path);
  const body = await res.text();
  expect(res.status, `${path}: ${body.slice(0, 200)}`).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  expect(XMLValidator.validate(body)).toBe(true);
  const feed = feedParser.parse(body).feed;
  expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(feed.id).toBe(`${SITE}${path}`);
  expect(feed.title['#text']).toBeTruthy();
  expect(feed.updated).toMatch(RFC3339);
  const links = feed.link as any[];
  expect(links.find((l) => l['@_rel'] === 'self')['@_href']).toBe(`${SITE}${path}`);
  expect(links.find((l) => l['@_rel'] === 'alternate')['@_href']).toMatch(/^http:\/\/paperboy\.test\//);
  const entries: any[] = feed.entry ?? [];
  for (const e of entries) {
    expect(e.id).toMatch(/^http:\/\/paperboy\.test\/papers\//);
    expect(e.title['#text']).toBeTruthy();
    expect(e.updated).toMatch(RFC3339);
    expect(e.published).toMatch(RFC3339);
    expect(e.link.find((l: any) => l['@_rel'] === 'alternate')['@_href']).toBe(e.id);
    // Every entry needs an author: its own, or the feed's.
    expect((e.author?.length ?? 0) > 0 || (feed.author?.length ?? 0) > 0).toBe(true);
  }
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  return { feed, entries };
}
