import { dateInTimeZone } from './period';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Whole days from a paper's arXiv publication to `today`. arXiv dates are UTC, so the paper's day
 * is its UTC date; `today` is the site's day (YYYY-MM-DD in TIMEZONE), the day its list is for.
 * Negative when the paper looks newer than today (clock skew, far-east time zones).
 */
export function paperAgeDays(publishedAt: string, today: string): number {
  return Math.round((Date.parse(today) - Date.parse(publishedAt.slice(0, 10))) / DAY_MS);
}

/**
 * Seconds from `now` until the next calendar day begins in `timeZone` (at least 1). Found by
 * bisection, to the millisecond, on the zone's calendar rather than by assuming 24-hour days, so
 * days that DST makes 23 or 25 hours long end at their real midnight.
 */
export function secondsUntilNextDay(now: Date, timeZone: string): number {
  const today = dateInTimeZone(now, timeZone);
  let lo = now.getTime();
  let hi = lo + 26 * 3600 * 1000; // no zone's day is longer than 25 hours
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dateInTimeZone(new Date(mid), timeZone) === today) lo = mid;
    else hi = mid;
  }
  return Math.max(1, Math.ceil((hi - now.getTime()) / 1000));
}
