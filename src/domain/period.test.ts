import { describe, expect, it } from 'vitest';
import { dateInTimeZone, isoWeeksInYear, parseDay, parseMonth, parseWeek, periodContaining, shiftPeriod } from './period';

describe('periods', () => {
  it('parses days and refuses impossible ones', () => {
    expect(parseDay('2024-02-29').ok).toBe(true);
    for (const bad of ['2023-02-29', '2025-13-01', '2025-00-10', '2025-1-1', '20250101', '', '1900-01-01', '2025-04-31'])
      expect(parseDay(bad).ok, bad).toBe(false);
  });

  it('computes ISO weeks, including week 53 and year boundaries', () => {
    expect(parseWeek('2025-W01')).toEqual({ ok: true, period: { kind: 'week', key: '2025-W01', from: '2024-12-30', to: '2025-01-05' } });
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(parseWeek('2020-W53').ok).toBe(true);
    expect(parseWeek('2025-W53').ok).toBe(false);
    expect(parseWeek('2025-W54').ok).toBe(false);
    expect(parseWeek('2025-W00').ok).toBe(false);
    expect(periodContaining('week', '2021-01-03').key).toBe('2020-W53');
    expect(periodContaining('week', '2025-10-29').key).toBe('2025-W44');
  });

  it('computes months, with leap years', () => {
    expect(parseMonth('2024-02')).toEqual({ ok: true, period: { kind: 'month', key: '2024-02', from: '2024-02-01', to: '2024-02-29' } });
    expect(parseMonth('2025-13').ok).toBe(false);
  });

  it('steps to the previous and next period', () => {
    const day = (parseDay('2025-01-01') as any).period;
    expect(shiftPeriod(day, -1).key).toBe('2024-12-31');
    const week = (parseWeek('2020-W53') as any).period;
    expect(shiftPeriod(week, 1).key).toBe('2021-W01');
    expect(shiftPeriod(week, -1).key).toBe('2020-W52');
    const month = (parseMonth('2025-01') as any).period;
    expect(shiftPeriod(month, -1).key).toBe('2024-12');
    expect(shiftPeriod(month, 1).key).toBe('2025-02');
  });

  it('tells the calendar day in a time zone', () => {
    const instant = new Date('2025-03-10T02:30:00Z');
    expect(dateInTimeZone(instant, 'UTC')).toBe('2025-03-10');
    expect(dateInTimeZone(instant, 'America/New_York')).toBe('2025-03-09');
    expect(dateInTimeZone(instant, 'Asia/Tokyo')).toBe('2025-03-10');
  });
});
