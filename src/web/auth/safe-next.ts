/**
 * Where to go after a form: only a path on this site. `//evil.example`, `/\evil.example`,
 * `https://…`, `javascript:…` and anything with control characters fall back to `fallback`,
 * so a crafted log-in link cannot bounce a user to another site.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  // What a browser would make of it, resolved against a placeholder origin: it must stay there.
  try {
    const url = new URL(next, 'http://paperboy.invalid');
    if (url.origin !== 'http://paperboy.invalid') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
