import { describe, expect, it } from 'vitest';
import { digestPeriodCovering, dueDigestPeriod, instantOfWallTime, localDate, offsetAt, type DigestSchedule } from './digest-schedule';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Kiritimati', 'America/St_Johns'];
const HOUR = 3_600_000;
const daily = (timeZone: string, extra: Partial<DigestSchedule> = {}): DigestSchedule => ({ cadence: 'daily', timeZone, hour: 7, weekday: 1, maxLateHours: 12, ...extra });
const weekly = (timeZone: string, extra: Partial<DigestSchedule> = {}): DigestSchedule => ({ ...daily(timeZone), cadence: 'weekly', ...extra });
const at = (iso: string) => new Date(iso);
const iso = (t: number) => new Date(t).toISOString();

describe('instantOfWallTime', () => {
  it.each([
    // zone, date, hour, expected instant
    ['UTC', '2026-08-22', 7, '2026-08-22T07:00:00.000Z'],
    ['Asia/Kolkata', '2026-08-22', 7, '2026-08-22T01:30:00.000Z'],
    ['Pacific/Kiritimati', '2026-08-22', 7, '2026-08-21T17:00:00.000Z'],
    ['Pacific/Kiritimati', '2026-08-22', 0, '2026-08-21T10:00:00.000Z'],
    ['America/St_Johns', '2026-08-22', 7, '2026-08-22T09:30:00.000Z'], // NDT −2:30
    ['America/St_Johns', '2026-01-15', 7, '2026-01-15T10:30:00.000Z'], // NST −3:30
    ['Pacific/Chatham', '2026-07-01', 7, '2026-06-30T18:15:00.000Z'], // +12:45
    ['Pacific/Chatham', '2026-01-15', 7, '2026-01-14T17:15:00.000Z'], // +13:45
    ['America/New_York', '2026-08-22', 7, '2026-08-22T11:00:00.000Z'],
    ['America/New_York', '2026-12-22', 7, '2026-12-22T12:00:00.000Z'],
  ])('%s %s %i:00 → %s', (zone, date, hour, expected) => {
    expect(iso(instantOfWallTime(date, hour, zone))).toBe(expected);
  });

  describe('spring forward: a wall time in the gap moves forward by the gap', () => {
    it.each([
      ['America/New_York', '2026-03-08', 2, '2026-03-08T07:00:00.000Z'], // 02:00 EST does not exist → 03:00 EDT
      ['America/New_York', '2026-03-08', 3, '2026-03-08T07:00:00.000Z'], // 03:00 EDT itself
      ['America/New_York', '2026-03-08', 7, '2026-03-08T11:00:00.000Z'],
      ['America/New_York', '2026-03-08', 1, '2026-03-08T06:00:00.000Z'],
      ['Europe/Berlin', '2026-03-29', 2, '2026-03-29T01:00:00.000Z'], // → 03:00 CEST
      ['Europe/Berlin', '2026-03-29', 7, '2026-03-29T05:00:00.000Z'],
      ['America/St_Johns', '2026-03-08', 2, '2026-03-08T05:30:00.000Z'], // → 03:00 NDT
      ['Pacific/Chatham', '2026-09-27', 3, '2026-09-26T14:15:00.000Z'], // 02:45 → 03:45: 03:00 → 04:00 (+13:45)
    ])('%s %s %i:00 → %s', (zone, date, hour, expected) => {
      expect(iso(instantOfWallTime(date, hour, zone))).toBe(expected);
    });
  });

  describe('fall back: an ambiguous wall time takes the first instant', () => {
    it.each([
      ['America/New_York', '2026-11-01', 1, '2026-11-01T05:00:00.000Z'], // 01:00 EDT, not 01:00 EST (06:00Z)
      ['America/New_York', '2026-11-01', 7, '2026-11-01T12:00:00.000Z'],
      ['Europe/Berlin', '2026-10-25', 2, '2026-10-25T00:00:00.000Z'], // 02:00 CEST, not CET
      ['Europe/Berlin', '2026-10-25', 7, '2026-10-25T06:00:00.000Z'],
      ['America/St_Johns', '2026-11-01', 1, '2026-11-01T03:30:00.000Z'],
      ['Pacific/Chatham', '2026-04-05', 3, '2026-04-04T13:15:00.000Z'], // 03:45 → 02:45: 03:00 at +13:45
    ])('%s %s %i:00 → %s', (zone, date, hour, expected) => {
      expect(iso(instantOfWallTime(date, hour, zone))).toBe(expected);
    });
  });

  it('reads back as the asked wall time for every hour of every day of 2026 in every zone, except inside a gap', () => {
    let gaps = 0;
    for (const zone of ZONES) {
      for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 24 * HOUR) {
        const date = iso(day).slice(0, 10);
        for (let hour = 0; hour < 24; hour += 1) {
          const t = instantOfWallTime(date, hour, zone);
          const wall = day + hour * HOUR;
          const shown = t + offsetAt(t, zone);
          if (shown === wall) {
            // The first instant showing it: an hour (or 30 min) earlier must not show it as well.
            for (const back of [HOUR / 2, HOUR]) expect(t - back + offsetAt(t - back, zone)).not.toBe(wall);
          } else {
            gaps += 1;
            // In a gap: shown later by exactly the gap's length (the jump of the offset around it).
            expect(shown - wall).toBeGreaterThan(0);
            expect(shown - wall).toBe(offsetAt(t, zone) - offsetAt(t - 2 * HOUR, zone));
          }
        }
      }
    }
    // New York 02:00, Berlin 02:00, St John's 02:00, Chatham 03:00 (02:45→03:45) on their spring days.
    expect(gaps).toBe(4);
  });
});

describe('localDate and offsetAt', () => {
  it('knows the odd offsets', () => {
    const t = Date.parse('2026-08-22T12:00:00Z');
    expect(offsetAt(t, 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(offsetAt(t, 'Pacific/Chatham')).toBe(12.75 * HOUR);
    expect(offsetAt(Date.parse('2026-01-22T12:00:00Z'), 'Pacific/Chatham')).toBe(13.75 * HOUR);
    expect(offsetAt(t, 'Pacific/Kiritimati')).toBe(14 * HOUR);
    expect(offsetAt(t, 'America/St_Johns')).toBe(-2.5 * HOUR);
    expect(localDate(Date.parse('2026-08-22T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-08-23');
    expect(localDate(Date.parse('2026-08-22T02:00:00Z'), 'America/St_Johns')).toBe('2026-08-21');
  });
});

describe('dueDigestPeriod, daily', () => {
  it('is the day before the send day, due at hour:00 local', () => {
    expect(dueDigestPeriod(daily('UTC'), at('2026-08-22T07:00:00Z'))).toEqual({
      key: 'daily:2026-08-21',
      label: 'Friday 21 August 2026',
      from: '2026-08-21',
      to: '2026-08-21',
      dueAt: '2026-08-22T07:00:00.000Z',
    });
  });

  it('before the hour the previous send day is the latest; it is 24 h late, past a 12 h limit', () => {
    expect(dueDigestPeriod(daily('UTC'), at('2026-08-22T06:59:59Z'))).toBeNull();
    expect(dueDigestPeriod(daily('UTC', { maxLateHours: 24 }), at('2026-08-22T06:59:59Z'))?.key).toBe('daily:2026-08-20');
  });

  it('is due up to exactly maxLateHours after the send instant and not a millisecond later', () => {
    expect(dueDigestPeriod(daily('UTC'), at('2026-08-22T19:00:00.000Z'))?.key).toBe('daily:2026-08-21');
    expect(dueDigestPeriod(daily('UTC'), at('2026-08-22T19:00:00.001Z'))).toBeNull();
    expect(dueDigestPeriod(daily('UTC', { maxLateHours: 0 }), at('2026-08-22T07:00:00.000Z'))?.key).toBe('daily:2026-08-21');
    expect(dueDigestPeriod(daily('UTC', { maxLateHours: 0 }), at('2026-08-22T07:00:00.001Z'))).toBeNull();
  });

  it.each([
    // zone, now, expected key, expected dueAt
    ['Asia/Kolkata', '2026-08-22T01:30:00Z', 'daily:2026-08-21', '2026-08-22T01:30:00.000Z'],
    ['Pacific/Kiritimati', '2026-08-21T17:00:00Z', 'daily:2026-08-21', '2026-08-21T17:00:00.000Z'],
    ['America/St_Johns', '2026-08-22T09:30:00Z', 'daily:2026-08-21', '2026-08-22T09:30:00.000Z'],
    ['Pacific/Chatham', '2026-06-30T18:15:00Z', 'daily:2026-06-30', '2026-06-30T18:15:00.000Z'],
    ['America/New_York', '2026-08-22T11:00:00Z', 'daily:2026-08-21', '2026-08-22T11:00:00.000Z'],
    ['Europe/Berlin', '2026-08-22T05:00:00Z', 'daily:2026-08-21', '2026-08-22T05:00:00.000Z'],
  ])('%s at %s → %s', (zone, now, key, dueAt) => {
    const p = dueDigestPeriod(daily(zone), at(now));
    expect(p?.key).toBe(key);
    expect(p?.dueAt).toBe(dueAt);
    // A millisecond earlier the previous day's digest is 24 h late.
    expect(dueDigestPeriod(daily(zone), new Date(Date.parse(now) - 1))).toBeNull();
  });

  it('on DST days the send instant follows the local clock (23 h and 25 h days)', () => {
    const ny = daily('America/New_York');
    expect(dueDigestPeriod(ny, at('2026-03-08T11:00:00Z'))?.key).toBe('daily:2026-03-07'); // EDT
    expect(dueDigestPeriod(ny, at('2026-03-07T12:00:00Z'))?.key).toBe('daily:2026-03-06'); // EST
    expect(dueDigestPeriod(ny, at('2026-03-08T10:59:59Z'))).toBeNull();
    expect(dueDigestPeriod(ny, at('2026-11-01T12:00:00Z'))?.key).toBe('daily:2026-10-31');
    expect(dueDigestPeriod(ny, at('2026-11-01T11:00:00Z'))).toBeNull(); // 06:00 EST: not yet
    const gapHour = daily('America/New_York', { hour: 2 });
    expect(dueDigestPeriod(gapHour, at('2026-03-08T07:00:00Z'))).toMatchObject({ key: 'daily:2026-03-07', dueAt: '2026-03-08T07:00:00.000Z' });
    const ambiguousHour = daily('Europe/Berlin', { hour: 2 });
    expect(dueDigestPeriod(ambiguousHour, at('2026-10-25T00:00:00Z'))).toMatchObject({ key: 'daily:2026-10-24', dueAt: '2026-10-25T00:00:00.000Z' });
    // The second 02:00 of that night is the same period, not a new one.
    expect(dueDigestPeriod(ambiguousHour, at('2026-10-25T01:00:00Z'))?.key).toBe('daily:2026-10-24');
  });

  it('crosses the year', () => {
    expect(dueDigestPeriod(daily('UTC'), at('2027-01-01T07:00:00Z'))?.key).toBe('daily:2026-12-31');
    expect(dueDigestPeriod(daily('Pacific/Kiritimati'), at('2026-12-31T17:00:00Z'))?.key).toBe('daily:2026-12-31');
  });

  it('refuses an hour or week day out of range', () => {
    expect(() => dueDigestPeriod(daily('UTC', { hour: 24 }), at('2026-08-22T07:00:00Z'))).toThrow(RangeError);
    expect(() => dueDigestPeriod(weekly('UTC', { weekday: 0 }), at('2026-08-22T07:00:00Z'))).toThrow(RangeError);
  });
});

describe('dueDigestPeriod, weekly', () => {
  it('on the week day at the hour: the previous ISO week', () => {
    expect(dueDigestPeriod(weekly('UTC'), at('2026-08-24T07:00:00Z'))).toEqual({
      key: 'weekly:2026-W34',
      label: 'Week 34, 2026 (17–23 August)',
      from: '2026-08-17',
      to: '2026-08-23',
      dueAt: '2026-08-24T07:00:00.000Z',
    });
    expect(dueDigestPeriod(weekly('UTC'), at('2026-08-24T06:59:59Z'))).toBeNull();
    expect(dueDigestPeriod(weekly('UTC', { maxLateHours: 168 }), at('2026-08-24T06:59:59Z'))?.key).toBe('weekly:2026-W33');
  });

  it('on another week day: still the last complete ISO week', () => {
    const sunday = weekly('UTC', { weekday: 7 });
    expect(dueDigestPeriod(sunday, at('2026-08-23T07:00:00Z'))).toMatchObject({ key: 'weekly:2026-W33', dueAt: '2026-08-23T07:00:00.000Z' });
    const wednesday = weekly('Asia/Kolkata', { weekday: 3 });
    expect(dueDigestPeriod(wednesday, at('2026-08-26T01:30:00Z'))).toMatchObject({ key: 'weekly:2026-W34', dueAt: '2026-08-26T01:30:00.000Z' });
  });

  it('ISO week 53 and the year change', () => {
    expect(dueDigestPeriod(weekly('UTC'), at('2027-01-04T08:00:00Z'))).toMatchObject({
      key: 'weekly:2026-W53',
      from: '2026-12-28',
      to: '2027-01-03',
      label: 'Week 53, 2026 (28 December 2026 – 3 January 2027)',
    });
    expect(dueDigestPeriod(weekly('UTC'), at('2026-01-05T07:00:00Z'))).toMatchObject({ key: 'weekly:2026-W01', from: '2025-12-29', to: '2026-01-04' });
    expect(dueDigestPeriod(weekly('UTC'), at('2025-12-29T07:00:00Z'))).toMatchObject({ key: 'weekly:2025-W52', from: '2025-12-22', to: '2025-12-28' });
    // Kiritimati's Monday starts on Sunday in UTC.
    expect(dueDigestPeriod(weekly('Pacific/Kiritimati'), at('2027-01-03T17:00:00Z'))?.key).toBe('weekly:2026-W53');
  });

  it('labels a week spanning two months', () => {
    expect(dueDigestPeriod(weekly('UTC'), at('2026-10-05T07:00:00Z'))?.label).toBe('Week 40, 2026 (28 September – 4 October)');
  });

  it('on the DST Sunday with weekday 7 in Berlin the send instant is 07:00 CEST', () => {
    expect(dueDigestPeriod(weekly('Europe/Berlin', { weekday: 7 }), at('2026-03-29T05:00:00Z'))).toMatchObject({ key: 'weekly:2026-W12', dueAt: '2026-03-29T05:00:00.000Z' });
    expect(dueDigestPeriod(weekly('Europe/Berlin', { weekday: 7 }), at('2026-03-29T04:59:59Z'))).toBeNull();
  });
});

describe('digestPeriodCovering', () => {
  it('names the covered day or ISO week', () => {
    expect(digestPeriodCovering('daily', '2026-08-22')).toEqual({ key: 'daily:2026-08-22', label: 'Saturday 22 August 2026', from: '2026-08-22', to: '2026-08-22' });
    expect(digestPeriodCovering('weekly', '2026-08-22')).toMatchObject({ key: 'weekly:2026-W34', from: '2026-08-17', to: '2026-08-23' });
    expect(digestPeriodCovering('weekly', '2027-01-01').key).toBe('weekly:2026-W53');
  });
});

describe('the DST seasons and the year change stepped every 15 minutes', () => {
  // Every zone, both cadences, a few hours and week days, through two windows (March to mid-April
  // and late September to 10 January: the northern and southern DST changes, week 53 and the year
  // change): the due periods form an unbroken sequence (no day or week skipped, none twice), each
  // first due exactly at its send instant. 15 minutes is the grid of every send instant here.
  const WINDOWS = [
    ['2026-03-01T00:00:00Z', '2026-04-12T00:00:00Z'],
    ['2026-09-20T00:00:00Z', '2027-01-10T00:00:00Z'],
  ] as const;
  const cases = ZONES.flatMap((zone) => [daily(zone), daily(zone, { hour: 2 }), weekly(zone, { weekday: 7, hour: 23 })]);
  it.each(cases.map((c) => [`${c.cadence} ${c.timeZone} ${c.hour}:00 wd${c.weekday}`, c] as const))('%s', (_name, schedule) => {
    const stride = schedule.cadence === 'daily' ? 1 : 7;
    let periods = 0;
    for (const [from, to] of WINDOWS) {
      const start = Date.parse(from);
      const seen: { key: string; from: string; firstAt: number; dueAt: number }[] = [];
      for (let t = start; t < Date.parse(to); t += 15 * 60_000) {
        const p = dueDigestPeriod(schedule, new Date(t));
        if (!p || seen.at(-1)?.key === p.key) continue;
        expect(seen.some((s) => s.key === p.key)).toBe(false);
        seen.push({ key: p.key, from: p.from, firstAt: t, dueAt: Date.parse(p.dueAt) });
      }
      for (let i = 1; i < seen.length; i += 1) {
        const gapDays = (Date.parse(seen[i]!.from) - Date.parse(seen[i - 1]!.from)) / 86_400_000;
        expect(gapDays, `${seen[i - 1]!.key} → ${seen[i]!.key}`).toBe(stride);
      }
      for (const s of seen) {
        if (s.firstAt !== start) expect(s.firstAt).toBe(s.dueAt); // (the first may have been due before the window)
        expect(localDate(s.dueAt, schedule.timeZone) > s.from).toBe(true);
      }
      periods += seen.length;
    }
    expect(periods).toBeGreaterThanOrEqual(schedule.cadence === 'daily' ? 150 : 20);
  });
});
