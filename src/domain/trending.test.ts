import { describe, expect, it } from 'vitest';
import { GRAVITY_SECONDS, trendingScore } from './trending';

describe('trendingScore', () => {
  const t0 = '2025-10-29T00:00:00.000Z';
  const later = (s: number) => new Date(Date.parse(t0) + s * 1000).toISOString();

  it('grows with upvotes', () => {
    expect(trendingScore(50, t0)).toBeGreaterThan(trendingScore(5, t0));
  });
  it('treats 0 and 1 upvote alike (no negative log)', () => {
    expect(trendingScore(0, t0)).toBe(trendingScore(1, t0));
  });
  it('lets a fresh paper with 10x fewer upvotes tie one a gravity period older', () => {
    expect(trendingScore(10, later(GRAVITY_SECONDS))).toBeCloseTo(trendingScore(100, t0), 6);
  });
  it('ranks a day-old paper below a new one with the same votes', () => {
    expect(trendingScore(20, later(86_400))).toBeGreaterThan(trendingScore(20, t0));
  });
});
