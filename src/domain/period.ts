import { remembered } from './remembered';

/**
 * The three list periods: a day (`2025-10-29`), an ISO-8601 week (`2025-W44`, Monday to Sunday)
 * and a month (`2025-10`). All arithmetic is on calendar dates in UTC, so no time zone or DST
 * can shift a day; which day a listing belongs to is decided once, when it is stored.
 */

export type PeriodKind = 'day' | 'week' | 'month';

export type Period = {
  kind: PeriodKind;
  /** Canonical key: `YYYY-MM-DD`, `YYYY-Www` or `YYYY-MM`. */
  key: string;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
};

export type PeriodResult = { ok: true; period: Period } | { ok: false; reason: string };

const DAY_MS = 86_400_000;
const MIN_YEAR = 1991; // arXiv started in August 1991.
const MAX_YEAR = 2999;

/** Parses `YYYY-MM-DD` into a day period, refusing impossible dates such as 2025-02-30. */
export function parseDay(input: string): PeriodResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (!m) return { ok: false, reason: `"${clip(input)}" is not a date; expected YYYY-MM-DD` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, reason: `year ${y} is out of range` };
  const t = Date.UTC(y, mo - 1, d);
  if (mo < 1 || mo > 12 || toDate(t) !== input) return { ok: false, reason: `${input} is not a calendar date` };
  return { ok: true, period: { kind: 'day', key: input, from: input, to: input } };
}

/** Parses an ISO week `YYYY-Www` (weeks 01..52 or 53 when the year has one). */
export function parseWeek(input: string): PeriodResult {
  const m = /^(\d{4})-W(\d{2})$/.exec(input);
  if (!m) return { ok: false, reason: `"${clip(input)}" is not a week; expected YYYY-Www, e.g. 2025-W44` };
  const [y, w] = [Number(m[1]), Number(m[2])];
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, reason: `year ${y} is out of range` };
  const weeks = isoWeeksInYear(y);
  if (w < 1 || w > weeks) return { ok: false, reason: `${y} has weeks 01 to ${weeks}; got ${m[2]}` };
  const monday = isoWeekMonday(y, w);
  return { ok: true, period: { kind: 'week', key: input, from: toDate(monday), to: toDate(monday + 6 * DAY_MS) } };
}

/** Parses a month `YYYY-MM`. */
export function parseMonth(input: string): PeriodResult {
  const m = /^(\d{4})-(\d{2})$/.exec(input);
  if (!m) return { ok: false, reason: `"${clip(input)}" is not a month; expected YYYY-MM` };
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, reason: `year ${y} is out of range` };
  if (mo < 1 || mo > 12) return { ok: false, reason: `month ${m[2]} is out of range 01..12` };
  const first = Date.UTC(y, mo - 1, 1);
  const last = Date.UTC(y, mo, 1) - DAY_MS;
  return { ok: true, period: { kind: 'month', key: input, from: toDate(first), to: toDate(last) } };
}

/** Parses a key of the given kind. */
export function parsePeriod(kind: PeriodKind, key: string): PeriodResult {
  return kind === 'day' ? parseDay(key) : kind === 'week' ? parseWeek(key) : parseMonth(key);
}

/** The period of `kind` that contains the day `date` (YYYY-MM-DD). */
export function periodContaining(kind: PeriodKind, date: string): Period {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (kind === 'day') return { kind, key: date, from: date, to: date };
  if (kind === 'month') return (parseMonth(date.slice(0, 7)) as { period: Period }).period;
  const { year, week } = isoWeekOf(t);
  return (parseWeek(`${year}-W${String(week).padStart(2, '0')}`) as { period: Period }).period;
}

/** The period just before (`-1`) or after (`+1`) this one. */
export function shiftPeriod(period: Period, step: -1 | 1): Period {
  if (period.kind === 'day') {
    const d = toDate(Date.parse(`${period.from}T00:00:00Z`) + step * DAY_MS);
    return periodContaining('day', d);
  }
  if (period.kind === 'week') {
    const d = toDate(Date.parse(`${period.from}T00:00:00Z`) + step * 7 * DAY_MS);
    return periodContaining('week', d);
  }
  const [y, m] = period.key.split('-').map(Number) as [number, number];
  const t = Date.UTC(y, m - 1 + step, 1);
  return periodContaining('month', toDate(t));
}

/** The ISO year and week number of an instant (UTC). */
export function isoWeekOf(t: number): { year: number; week: number } {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

/** 52 or 53: a year has 53 ISO weeks when its Dec 28th falls in week 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(Date.UTC(year, 11, 28)).week;
}

/** The calendar date (YYYY-MM-DD) of an instant in an IANA time zone. */
export function dateInTimeZone(instant: Date, timeZone: string): string {
  return dayFormatIn(timeZone).format(instant);
}

/**
 * One en-CA (YYYY-MM-DD) formatter per time zone, bounded: subscribers bring their own zones.
 * Building a formatter costs far more than using one, and every page and digest asks.
 */
const dayFormatIn = remembered((timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), 500);

function isoWeekMonday(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Day = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - jan4Day * DAY_MS + (week - 1) * 7 * DAY_MS;
}

function toDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function clip(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}
