import { describe, expect, it } from 'vitest';
import { paperAgeDays, secondsUntilNextDay } from './submission-rules';

describe('paperAgeDays', () => {
  it('counts calendar days from the UTC publication date to the site day', () => {
    expect(paperAgeDays('2024-01-30T00:00:00.000Z', '2024-02-13')).toBe(14);
    expect(paperAgeDays('2024-01-30T23:59:00.000Z', '2024-02-14')).toBe(15);
    expect(paperAgeDays('2024-01-30T00:00:00.000Z', '2024-01-30')).toBe(0);
    expect(paperAgeDays('2024-01-31T00:00:00.000Z', '2024-01-30')).toBe(-1);
  });

  it('is exact across a DST change (days, not hours)', () => {
    expect(paperAgeDays('2024-03-20T00:00:00.000Z', '2024-04-03')).toBe(14);
  });
});

describe('secondsUntilNextDay', () => {
  it('ends at midnight UTC', () => {
    expect(secondsUntilNextDay(new Date('2024-02-10T18:00:00Z'), 'UTC')).toBe(6 * 3600);
  });

  it('ends at the zone’s midnight', () => {
    // 12:00 UTC is 07:00 in New York (EST, UTC-5): midnight there is 17 hours away.
    expect(secondsUntilNextDay(new Date('2024-02-10T12:00:00Z'), 'America/New_York')).toBe(17 * 3600);
  });

  it('knows that a spring-forward day has 23 hours', () => {
    // 2024-03-10 in New York: 00:00 EST (05:00 UTC) to 00:00 EDT on the 11th (04:00 UTC).
    expect(secondsUntilNextDay(new Date('2024-03-10T05:00:00Z'), 'America/New_York')).toBe(23 * 3600);
  });

  it('is at least one second', () => {
    expect(secondsUntilNextDay(new Date('2024-02-10T23:59:59.900Z'), 'UTC')).toBe(1);
  });
});
