import { isoWeekOf, periodContaining } from './period';

/**
 * When digests go out and what each one covers. Pure: no I/O, the clock is an argument.
 *
 * The rule:
 * - The **daily** digest is sent on each calendar day D of the subscriber's time zone at `hour`:00
 *   local, and covers the site day before it, D-1 (the list of that date; site days are dated in
 *   the site's TIMEZONE when listings are stored). The two zones meet only through the calendar
 *   date: "the day before my local today", read as a site-day label. So a reader far east of the
 *   site (Kiritimati, +14) gets yesterday's list while the site's day may still be running (its
 *   list is announced at the day's start; only upvotes still move), and a reader far west gets it
 *   well after the site's day ended. Either way each local day maps to exactly one site day and
 *   back, so no day is skipped or sent twice, whatever the two zones are.
 * - The **weekly** digest is sent on ISO week day `weekday` (1 = Monday … 7 = Sunday) at `hour`:00
 *   local, and covers the previous complete ISO week (Monday to Sunday, site days). With the
 *   default Monday that is "last week"; with a later day it is still the last complete week.
 * - A period's key names what it covers (`daily:2026-08-21`, `weekly:2026-W34`), so the outbox's
 *   unique (subscription, period_key) holds even when a subscriber changes time zone.
 * - Wall times are turned into instants with the zone's own rules (Intl, no Temporal): a time that
 *   does not exist (the spring-forward gap) moves forward by the gap's length (02:30 → 03:30), an
 *   ambiguous one (fall back) takes the first of the two instants.
 */
export type DigestCadence = 'daily' | 'weekly';

/** One digest period: what it covers and when it is due. */
export type DigestPeriod = {
  /** `daily:YYYY-MM-DD` (the covered day) or `weekly:YYYY-Www` (the covered ISO week). */
  key: string;
  /** For people: `Friday 21 August 2026` or `Week 34, 2026 (17–23 August)`. */
  label: string;
  /** First covered site day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last covered site day, inclusive (YYYY-MM-DD); equal to `from` for a daily digest. */
  to: string;
  /** The send instant (ISO 8601, UTC): `hour`:00 local on the send day. */
  dueAt: string;
};

/** What decides a subscriber's schedule. */
export type DigestSchedule = {
  cadence: DigestCadence;
  /** IANA zone of the subscriber. */
  timeZone: string;
  /** Local hour 0–23. */
  hour: number;
  /** ISO week day of the weekly digest, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** A period whose send instant is more than this many hours before `now` is no longer due. */
  maxLateHours: number;
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The latest period whose send instant is at or before `now`, or null when that instant is more
 * than `maxLateHours` ago (a digest missed during a longer downtime is skipped, not sent late).
 * Exactly at the limit it is still due.
 */
export function dueDigestPeriod(schedule: DigestSchedule, now: Date): DigestPeriod | null {
  const { cadence, timeZone, hour, weekday, maxLateHours } = schedule;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be 0..23, got ${hour}`);
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError(`weekday must be 1..7, got ${weekday}`);
  const t = now.getTime();
  let sendDay = localDate(t, timeZone);
  if (cadence === 'weekly') sendDay = addDays(sendDay, weekday - isoWeekday(sendDay));
  const step = cadence === 'daily' ? 1 : 7;
  let dueAt = instantOfWallTime(sendDay, hour, timeZone);
  // At most a step or two back: only a day erased from the calendar (Samoa, 2011-12-30) can make
  // two send days share one instant.
  while (dueAt > t) {
    sendDay = addDays(sendDay, -step);
    dueAt = instantOfWallTime(sendDay, hour, timeZone);
  }
  if (t - dueAt > maxLateHours * HOUR_MS) return null;
  return { ...digestPeriodCovering(cadence, addDays(sendDay, -step)), dueAt: new Date(dueAt).toISOString() };
}

/**
 * The period of `cadence` that covers the site day `date` (YYYY-MM-DD): that day, or the ISO week
 * containing it. For previews and for naming what a due digest covers.
 */
export function digestPeriodCovering(cadence: DigestCadence, date: string): Omit<DigestPeriod, 'dueAt'> {
  if (cadence === 'daily') return { key: `daily:${date}`, label: dayLabel(date), from: date, to: date };
  const week = periodContaining('week', date);
  const { year, week: n } = isoWeekOf(Date.parse(`${week.from}T00:00:00Z`));
  return { key: `weekly:${week.key}`, label: `Week ${n}, ${year} (${rangeLabel(week.from, week.to)})`, from: week.from, to: week.to };
}

/**
 * The UTC instant (ms) at which the wall clock in `timeZone` shows `date` `hour`:00. A wall time
 * in a spring-forward gap moves forward by the gap; an ambiguous one takes the earlier instant.
 */
export function instantOfWallTime(date: string, hour: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + hour * HOUR_MS;
  // Any transition near `wall` has the offset before it and the one after it within a day.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: read the wall time with the offset before the jump, which lands past it.
  return wall - before;
}

/** The calendar date (YYYY-MM-DD) shown by the wall clock in `timeZone` at instant `t` (ms). */
export function localDate(t: number, timeZone: string): string {
  return new Date(t + offsetAt(t, timeZone)).toISOString().slice(0, 10);
}

/** The zone's offset from UTC at instant `t`, in ms (east positive, e.g. +5:30 → 19,800,000). */
export function offsetAt(t: number, timeZone: string): number {
  const f = formatter(timeZone);
  const date = new Date(t);
  // `format` and a pattern cost a quarter of `formatToParts` (this runs a few times per call of
  // dueDigestPeriod); the parts are the fallback should an ICU ever print en-US differently.
  const m = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/.exec(f.format(date));
  const fields = m
    ? { era: m[4], year: Number(m[3]), month: Number(m[1]), day: Number(m[2]), hour: Number(m[5]), minute: Number(m[6]), second: Number(m[7]) }
    : fromParts(f.formatToParts(date));
  const year = fields.era === 'BC' ? 1 - fields.year : fields.year;
  const wall = Date.UTC(year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  // Intl drops milliseconds; compare whole seconds.
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

function fromParts(parts: Intl.DateTimeFormatPart[]) {
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { era: parts.find((p) => p.type === 'era')?.value, year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `17–23 August`, `28 September – 4 October`, `28 December 2026 – 3 January 2027`. */
function rangeLabel(from: string, to: string): string {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  const [da, ma, ya] = [a.getUTCDate(), MONTHS[a.getUTCMonth()], a.getUTCFullYear()];
  const [db, mb, yb] = [b.getUTCDate(), MONTHS[b.getUTCMonth()], b.getUTCFullYear()];
  if (ya !== yb) return `${da} ${ma} ${ya} – ${db} ${mb} ${yb}`;
  if (ma !== mb) return `${da} ${ma} – ${db} ${mb}`;
  return `${da}–${db} ${ma}`;
}
