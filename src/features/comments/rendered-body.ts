import { renderMarkdown } from '../../web/render-markdown';

/** Total characters (bodies and their HTML) the cache keeps before dropping the least recently used. */
const CACHE_CHARS = 8_000_000;

const cache = new Map<string, string>();
let cachedChars = 0;

/**
 * renderMarkdown with a per-process memory of recent results, keyed by the text itself (an edit
 * is a new key, so nothing goes stale). Math is what costs: a comment with a dozen formulas takes
 * about 6 ms to render and sanitise (KaTeX's markup is ~25 times the text), so a page of a hundred
 * such comments would spend most of a second on every view. Kept in memory rather than in a
 * column so that a fix to the renderer or the sanitiser's allow-list applies to every comment at
 * the next start, with no stored HTML to migrate.
 */
export function renderCommentBody(body: string): string {
  const hit = cache.get(body);
  if (hit !== undefined) {
    // Re-inserting moves it to the end: Map iteration order is the eviction order.
    cache.delete(body);
    cache.set(body, hit);
    return hit;
  }
  const html = renderMarkdown(body);
  const size = body.length + html.length;
  if (size > CACHE_CHARS / 10) return html;
  cache.set(body, html);
  cachedChars += size;
  for (const [key, value] of cache) {
    if (cachedChars <= CACHE_CHARS) break;
    cache.delete(key);
    cachedChars -= key.length + value.length;
  }
  return html;
}
