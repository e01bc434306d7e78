import type { Span } from '../domain/highlight';

/** About this many characters of an abstract are shown under a search result. */
const SNIPPET_CHARS = 300;
/** Context kept before the first match. */
const LEAD_CHARS = 80;

/**
 * Cuts highlight spans of a whole abstract down to a window around the first match (or the start
 * when nothing matched), on word boundaries, with `…` where text was left out.
 */
export function snippetSpans(spans: Span[], size = SNIPPET_CHARS): Span[] {
  const total = spans.reduce((n, s) => n + s.text.length, 0);
  if (total <= size) return spans;
  let firstMatch = 0;
  let at = 0;
  for (const s of spans) {
    if (s.type === 'highlight') {
      firstMatch = at;
      break;
    }
    at += s.text.length;
  }
  const text = spans.map((s) => s.text).join('');
  let start = Math.max(0, Math.min(firstMatch - LEAD_CHARS, total - size));
  if (start > 0) start = wordStartAfter(text, start);
  let end = Math.min(total, start + size);
  if (end < total) end = wordEndBefore(text, end, start);

  const out: Span[] = [];
  at = 0;
  for (const s of spans) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + s.text.length);
    if (from < to) out.push({ type: s.type, text: s.text.slice(from - at, to - at) });
    at += s.text.length;
  }
  if (start > 0) out.unshift({ type: 'text', text: '…' });
  if (end < total) out.push({ type: 'text', text: '…' });
  return out;
}

function wordStartAfter(text: string, i: number): number {
  const space = text.indexOf(' ', i);
  return space === -1 || space - i > 30 ? i : space + 1;
}

function wordEndBefore(text: string, i: number, min: number): number {
  const space = text.lastIndexOf(' ', i);
  return space <= min || i - space > 30 ? i : space;
}
