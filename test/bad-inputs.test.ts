import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { DIALECTS } from './databases';
import { createTestApp } from './deps';
import { insertListing, insertPaper, insertUser } from './factories';

/**
 * Hostile and malformed input across the JSON API and the HTML pages: every request must get a
 * 4xx or a normal 200 answer, never a 5xx, on both databases; no HTML answer may echo a
 * `<script>` or an event-handler tag unescaped; API errors are JSON `{"error": "..."}`.
 */
const SCRIPT = encodeURIComponent('<script>alert(1)</script>');
const ATTR = encodeURIComponent('"><img src=x onerror=alert(1)>');
const LONE_SURROGATE = '%ED%A0%80';
const OVERLONG_SLASH = '%C0%AF';
const RTL = encodeURIComponent('\u202Egnp.exe');
const ZERO_WIDTH = encodeURIComponent('\u200B\u200C\u200D\uFEFF');
const TEN_KB = encodeURIComponent('word '.repeat(2048));
const LONG_PATH = 'a'.repeat(10_000);
const q = (s: string) => encodeURIComponent(s);

/** [what, request path]. */
const API: Array<[string, string]> = [
  ['daily: impossible date', '/api/daily_papers?date=2025-02-30'],
  ['daily: not a date', '/api/daily_papers?date=yesterday'],
  ['daily: short date', '/api/daily_papers?date=2025-1-1'],
  ['daily: five-digit year', '/api/daily_papers?date=99999-01-01'],
  ['daily: year 0001', '/api/daily_papers?date=0001-01-01'],
  ['daily: week 54', '/api/daily_papers?week=2025-W54'],
  ['daily: week 00', '/api/daily_papers?week=2025-W00'],
  ['daily: week 53 of a 52-week year', '/api/daily_papers?week=2025-W53'],
  ['daily: month 13', '/api/daily_papers?month=2025-13'],
  ['daily: month 00', '/api/daily_papers?month=2025-00'],
  ['daily: two periods', '/api/daily_papers?date=2025-10-29&week=2025-W44'],
  ['daily: page -1', '/api/daily_papers?p=-1'],
  ['daily: page 10^12', '/api/daily_papers?p=1000000000000'],
  ['daily: page 1e3', '/api/daily_papers?p=1e3'],
  ['daily: limit 0', '/api/daily_papers?limit=0'],
  ['daily: limit 10^6', '/api/daily_papers?limit=1000000'],
  ['daily: limit NUL', '/api/daily_papers?limit=%00'],
  ['daily: date lone surrogate', `/api/daily_papers?date=${LONE_SURROGATE}`],
  ['daily: submitter script', `/api/daily_papers?submitter=${SCRIPT}`],
  ['daily: submitter right-to-left', `/api/daily_papers?submitter=${RTL}`],
  ['daily: sort SQL', `/api/daily_papers?sort=${q("'; drop table papers; --")}`],
  ['daily: date given twice', '/api/daily_papers?date=2025-10-29&date=2025-10-28'],
  ['paper: not an id', '/api/papers/not-an-id'],
  ['paper: NUL', '/api/papers/%00'],
  ['paper: encoded traversal', '/api/papers/..%2F..%2Fetc%2Fpasswd'],
  ['paper: zero-width suffix', `/api/papers/2401.01234${ZERO_WIDTH}`],
  ['paper: lone surrogate', `/api/papers/${LONE_SURROGATE}`],
  ['paper: overlong slash', `/api/papers/hep-th${OVERLONG_SLASH}9901001`],
  ['paper: very long path', `/api/papers/${LONG_PATH}`],
  ['paper: script field', `/api/papers/2401.01234?field=${SCRIPT}`],
  ['paper: month 13 id', '/api/papers/2413.01234'],
  ['search: empty', '/api/papers/search?q='],
  ['search: 10 kB', `/api/papers/search?q=${TEN_KB}`],
  ['search: lone quote', `/api/papers/search?q=${q('"transformer')}`],
  ['search: parentheses', `/api/papers/search?q=${q('((a) OR (b')}`],
  ['search: star', `/api/papers/search?q=${q('*')}`],
  ['search: NEAR', `/api/papers/search?q=${q('NEAR(attention model, 2)')}`],
  ['search: minus', `/api/papers/search?q=${q('-')}`],
  ['search: colon', `/api/papers/search?q=${q('title: :abstract:')}`],
  ['search: NUL', '/api/papers/search?q=a%00b'],
  ['search: right-to-left', `/api/papers/search?q=${RTL}`],
  ['search: zero-width', `/api/papers/search?q=${ZERO_WIDTH}`],
  ['search: script', `/api/papers/search?q=${SCRIPT}`],
  ['search: percent', '/api/papers/search?q=%'],
  ['search: lone surrogate', `/api/papers/search?q=${LONE_SURROGATE}`],
  ['search: boolean words', `/api/papers/search?q=${q('AND OR NOT ^ ~ {} [] +')}`],
  ['search: limit 0', '/api/papers/search?q=model&limit=0'],
  ['search: limit 10^6', '/api/papers/search?q=model&limit=1000000'],
  ['papers: bad cursor', '/api/papers?cursor=nonsense'],
  ['papers: NUL cursor', '/api/papers?cursor=%00'],
  ['papers: cursor with a huge id', `/api/papers?cursor=${Buffer.from('2025-01-01T00:00:00Z|999999999999999').toString('base64url')}`],
  ['papers: limit -1', '/api/papers?limit=-1'],
  ['markdown: NUL', '/papers/%00.md'],
  ['markdown: traversal', '/papers/..%2F..%2Fetc%2Fpasswd.md'],
  ['markdown: very long', `/papers/${LONG_PATH}.md`],
  ['markdown: script', `/papers/${SCRIPT}.md`],
  ['api: unknown route', '/api/nothing-here'],
  ['for you: limit 0', '/api/for-you?limit=0'],
  ['for you: limit script', `/api/for-you?limit=${SCRIPT}`],
  ['for you: limit given twice', '/api/for-you?limit=1&limit=2'],
];

const HTML: Array<[string, string]> = [
  ['day: impossible date', '/papers/date/2025-02-30'],
  ['day: words', '/papers/date/yesterday'],
  ['day: script', `/papers/date/${SCRIPT}`],
  ['day: attribute breakout', `/papers/date/${ATTR}`],
  ['day: page -1', '/papers/date/2025-10-29?p=-1'],
  ['day: page 10^12', '/papers/date/2025-10-29?p=1000000000000'],
  ['day: lone surrogate', `/papers/date/${LONE_SURROGATE}`],
  ['week: 54', '/papers/week/2025-W54'],
  ['week: 00', '/papers/week/2025-W00'],
  ['week: script', `/papers/week/${SCRIPT}`],
  ['month: 13', '/papers/month/2025-13'],
  ['month: traversal', '/papers/month/..%2F..%2Fetc'],
  ['month: page 0', '/papers/month/2025-10?p=0'],
  ['paper: not an id', '/papers/not-an-id'],
  ['paper: script', `/papers/${SCRIPT}`],
  ['paper: attribute breakout', `/papers/${ATTR}`],
  ['paper: unknown', '/papers/2401.99999'],
  ['paper: encoded traversal', '/papers/..%2F..%2Fetc%2Fpasswd'],
  // The URL parser resolves the dots first: this is a request for /etc/passwd, a 404 page.
  ['api: traversal', '/api/papers/../../etc/passwd'],
  ['paper: NUL', '/papers/%00'],
  ['paper: right-to-left', `/papers/${RTL}2401.01234`],
  ['paper: zero-width', `/papers/2401.01234${ZERO_WIDTH}`],
  ['paper: very long path', `/papers/${LONG_PATH}`],
  ['paper: percent', '/papers/%'],
  ['search: empty', '/search?q='],
  ['search: 10 kB', `/search?q=${TEN_KB}`],
  ['search: lone quote', `/search?q=${q('"')}`],
  ['search: parentheses', `/search?q=${q(')(')}`],
  ['search: star', `/search?q=${q('trans*')}`],
  ['search: NEAR', `/search?q=${q('NEAR')}`],
  ['search: minus', `/search?q=${q('-model')}`],
  ['search: colon', `/search?q=${q('author:')}`],
  ['search: NUL', '/search?q=%00'],
  ['search: right-to-left', `/search?q=${RTL}`],
  ['search: zero-width', `/search?q=${ZERO_WIDTH}`],
  ['search: script', `/search?q=${SCRIPT}`],
  ['search: attribute breakout', `/search?q=${ATTR}`],
  ['search: percent', '/search?q=%'],
  ['search: lone surrogate', `/search?q=${LONE_SURROGATE}`],
  ['search: page -1', '/search?q=model&p=-1'],
  ['search: page 10^12', '/search?q=model&p=1000000000000'],
  ['search: impossible from', '/search?q=model&from=2025-02-30'],
  ['search: from after to', '/search?q=model&from=2025-05-01&to=2025-01-01'],
  ['search: script category', `/search?q=model&category=${SCRIPT}`],
  ['search: SQL sort', `/search?q=model&sort=${q("' or 1=1 --")}`],
  ['trending: page -1', '/papers/trending?p=-1'],
  ['home: page 10^12', '/?p=1000000000000'],
  ['unknown page with script', `/nothing/${SCRIPT}`],
  ['category: script', `/categories/${SCRIPT}`],
  ['category: attribute breakout', `/categories/${ATTR}`],
  ['category: unknown', '/categories/cs.XX'],
  ['category: NUL', '/categories/cs.CL%00'],
  ['category: lone surrogate', `/categories/${LONE_SURROGATE}`],
  ['category: very long', `/categories/${LONG_PATH}`],
  ['category: page 0', '/categories/cs.CL?p=0'],
  ['category: page 10^12', '/categories/cs.CL?p=1000000000000'],
  ['author: script', `/authors/${SCRIPT}`],
  ['author: attribute breakout', `/authors/${ATTR}`],
  ['author: NUL', '/authors/Eve%00'],
  ['author: lone surrogate', `/authors/${LONE_SURROGATE}`],
  ['author: overlong slash', `/authors/a${OVERLONG_SLASH}b`],
  ['author: right-to-left', `/authors/${RTL}`],
  ['author: zero-width', `/authors/${ZERO_WIDTH}`],
  ['author: very long', `/authors/${LONG_PATH}`],
  ['author: encoded traversal', '/authors/..%2F..%2Fetc%2Fpasswd'],
  ['author: percent', '/authors/%'],
  ['author: page -1', '/authors/Ada%20Lovelace?p=-1'],
  ['for you: script query', `/for-you?p=${SCRIPT}`],
];

/** Feeds answer XML, or plain text with the reason when the input is bad. */
const FEEDS: Array<[string, string]> = [
  ['daily feed: impossible date', '/feeds/daily/2025-02-30.rss'],
  ['daily feed: script', `/feeds/daily/${SCRIPT}.atom`],
  ['weekly feed: 54', '/feeds/weekly/2025-W54.rss'],
  ['monthly feed: traversal', '/feeds/monthly/..%2F..%2Fetc.atom'],
  ['feed: unknown extension', '/feeds/daily.xml'],
  ['feed: unknown name', `/feeds/${SCRIPT}.rss`],
  ['search feed: empty', '/feeds/search.rss?q='],
  ['search feed: 10 kB', `/feeds/search.atom?q=${TEN_KB}`],
  ['search feed: NUL', '/feeds/search.rss?q=%00'],
  ['search feed: lone surrogate', `/feeds/search.rss?q=${LONE_SURROGATE}`],
  ['search feed: script', `/feeds/search.atom?q=${SCRIPT}`],
  ['search feed: from after to', '/feeds/search.rss?q=model&from=2025-05-01&to=2025-01-01'],
  ['search feed: SQL sort', `/feeds/search.rss?q=model&sort=${q("' or 1=1 --")}`],
  ['search feed: script category', `/feeds/search.rss?category=${SCRIPT}`],
  ['category feed: script', `/feeds/categories/${SCRIPT}.rss`],
  ['category feed: unknown', '/feeds/categories/cs.XX.atom'],
  ['author feed: NUL', '/feeds/authors/a%00.rss'],
  ['author feed: lone surrogate', `/feeds/authors/${LONE_SURROGATE}.atom`],
  ['author feed: script', `/feeds/authors/${SCRIPT}.rss`],
  ['author feed: very long', `/feeds/authors/${LONG_PATH}.rss`],
  ['collection feed: script slug', `/feeds/collections/eve/${SCRIPT}.rss`],
  ['collection feed: NUL owner', '/feeds/collections/%00/reading.atom'],
  ['collection feed: lone surrogate owner', `/feeds/collections/${LONE_SURROGATE}/reading.rss`],
  ['collection feed: traversal', '/feeds/collections/..%2F..%2Fetc/passwd.rss'],
  ['collection feed: very long slug', `/feeds/collections/eve/${LONG_PATH}.atom`],
];

describe('the bad-input list', () => {
  it('has at least 60 distinct cases across the API and the pages', () => {
    const all = [...API, ...HTML, ...FEEDS];
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map(([, path]) => path)).size).toBe(all.length);
  });
});

describe.each(DIALECTS)('bad inputs on %s', (dialect) => {
  let deps: Awaited<ReturnType<typeof createTestApp>>['deps'];
  let app: App;

  beforeAll(async () => {
    ({ app, deps } = await createTestApp(dialect));
    const user = await insertUser(deps.db, { username: 'eve' });
    const id = await insertPaper(deps.db, { arxivId: '2401.01234', title: 'Attention model study', abstract: 'A transformer model.' });
    await insertListing(deps.db, id, '2025-10-29', { submitterId: user });
    await insertPaper(deps.db, { arxivId: 'hep-th/9901001', title: 'Strings', abstract: null });
  });
  afterAll(async () => {
    await deps?.db.drop();
  });

  it.each(API)('API %s: 4xx or 200 JSON, never 5xx', async (_what, path) => {
    const res = await app.request(path);
    expect(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} for ${path.slice(0, 120)}`).toBe(true);
    expect(res.headers.get('content-type') ?? '').toMatch(/^(application\/json|text\/markdown)/);
    if (res.status >= 400) {
      const body = (await res.json()) as { error?: unknown };
      expect(typeof body.error).toBe('string');
      expect((body.error as string).length).toBeGreaterThan(5);
      // The message quotes at most a short piece of the input, never a 10 kB echo.
      expect((body.error as string).length).toBeLessThan(300);
    }
  });

  it.each(FEEDS)('feed %s: 4xx text or 200 XML, never 5xx, nothing reflected unescaped', async (_what, path) => {
    const res = await app.request(path);
    expect(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} for ${path.slice(0, 120)}`).toBe(true);
    expect(res.headers.get('content-type') ?? '').toMatch(res.status === 200 ? /^application\/(rss|atom)\+xml/ : /^text\/plain/);
    const body = await res.text();
    if (res.status >= 400) {
      // The reason may quote the input: plain text that browsers must not sniff as HTML.
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(body.length).toBeLessThan(300);
    } else {
      expect(body).not.toMatch(/<script>alert/i);
      expect(body).not.toMatch(/<img src=x/i);
    }
  });

  it.each(HTML)('page %s: 4xx or 200 HTML, never 5xx, nothing reflected unescaped', async (_what, path) => {
    const res = await app.request(path);
    expect(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} for ${path.slice(0, 120)}`).toBe(true);
    expect(res.headers.get('content-type') ?? '').toMatch(/^text\/html/);
    const body = await res.text();
    expect(body).not.toMatch(/<script>alert/i);
    expect(body).not.toMatch(/<img src=x/i);
  });
});
