import type { Period } from '../domain/period';
import { remembered } from '../domain/remembered';

/**
 * Small formatting helpers shared by the pages. Formatters are built once: creating an
 * Intl.DateTimeFormat costs more than rendering a whole card.
 */
const shortDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const longDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const monthYear = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const count = new Intl.NumberFormat('en-US');

function utc(day: string): Date {
  return new Date(`${day.slice(0, 10)}T00:00:00Z`);
}

// A list page shows a handful of distinct days; formatting one costs microseconds, a lookup nothing.
const dayLabel = remembered((day) => shortDay.format(utc(day)), 10_000);

/** `2025-10-29` (or an ISO instant) → `29 Oct 2025`. */
export function formatDay(dayOrInstant: string): string {
  return dayLabel(dayOrInstant.slice(0, 10));
}

/** `1234567` → `1,234,567`. */
export function formatCount(n: number): string {
  return n < 1000 && n > -1000 ? String(n) : count.format(n);
}

/** `3, 'paper'` → `3 papers`. */
export function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** The heading of a period: `Wednesday 29 October 2025`, `Week 44 of 2025`, `October 2025`. */
export function periodTitle(p: Period): string {
  if (p.kind === 'day') return longDay.format(utc(p.from));
  if (p.kind === 'week') return `Week ${Number(p.key.slice(6))} of ${p.key.slice(0, 4)}`;
  return monthYear.format(utc(p.from));
}

/** A short label for previous/next links: `29 Oct 2025`, `27 Oct – 2 Nov 2025`, `October 2025`. */
export function periodLabel(p: Period): string {
  if (p.kind === 'day') return formatDay(p.from);
  if (p.kind === 'week') return `${dayMonth.format(utc(p.from))} – ${formatDay(p.to)}`;
  return monthYear.format(utc(p.from));
}

/** The page of a period: `/papers/date/…`, `/papers/week/…`, `/papers/month/…`. */
export function periodPath(p: Pick<Period, 'kind' | 'key'>): string {
  return `/papers/${p.kind === 'day' ? 'date' : p.kind}/${p.key}`;
}

/** The page of a paper. Old-style ids keep their slash: `/papers/hep-th/9901001`. */
export function paperPath(arxivId: string): string {
  return `/papers/${arxivId}`;
}

/**
 * Only http(s) URLs become links: repository and project-page URLs come from imported data, and a
 * `javascript:` URL in an href would run on click.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  // The common case, checked without parsing: a plain http(s) URL with no space or quote.
  if (/^https?:\/\/[^\s"'<>\\]+$/i.test(url)) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** `https://github.com/owner/repo` → `owner/repo`; other URLs → their host and path. */
export function repoLabel(url: string): string {
  const github = /^https?:\/\/(?:www\.)?github\.com\/([^?#]+?)\/*$/i.exec(url);
  if (github) return github[1]!;
  const u = new URL(url);
  const p = u.pathname.replace(/^\/+|\/+$/g, '');
  return u.hostname === 'github.com' || u.hostname === 'www.github.com' ? p : `${u.hostname}${p ? `/${p}` : ''}`;
}
