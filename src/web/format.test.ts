import { describe, expect, it } from 'vitest';
import { formatCount, formatDay, periodLabel, periodPath, periodTitle, plural, repoLabel, safeUrl } from './format';

describe('format helpers', () => {
  it('formats days, counts and plurals', () => {
    expect(formatDay('2025-10-29')).toBe('29 Oct 2025');
    expect(formatDay('2025-10-29T23:59:59.000Z')).toBe('29 Oct 2025');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(plural(1, 'paper')).toBe('1 paper');
    expect(plural(2000, 'paper')).toBe('2,000 papers');
  });

  it('names and links periods', () => {
    expect(periodTitle({ kind: 'day', key: '2025-10-29', from: '2025-10-29', to: '2025-10-29' })).toBe('Wednesday, 29 October 2025');
    expect(periodTitle({ kind: 'week', key: '2025-W44', from: '2025-10-27', to: '2025-11-02' })).toBe('Week 44 of 2025');
    expect(periodLabel({ kind: 'week', key: '2025-W44', from: '2025-10-27', to: '2025-11-02' })).toBe('27 Oct – 2 Nov 2025');
    expect(periodTitle({ kind: 'month', key: '2025-10', from: '2025-10-01', to: '2025-10-31' })).toBe('October 2025');
    expect(periodPath({ kind: 'day', key: '2025-10-29' })).toBe('/papers/date/2025-10-29');
    expect(periodPath({ kind: 'week', key: '2025-W44' })).toBe('/papers/week/2025-W44');
  });

  it('keeps only http(s) URLs as links', () => {
    expect(safeUrl('https://github.com/a/b')).toBe('https://github.com/a/b');
    expect(safeUrl('http://example.org/x?y=1')).toBe('http://example.org/x?y=1');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeUrl(' javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeUrl('vbscript:x')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('')).toBeNull();
    expect(safeUrl(null)).toBeNull();
    // Odd but valid http URLs are normalised by the URL parser (quotes percent-encoded).
    expect(safeUrl('https://x.org/a"b')).toBe('https://x.org/a%22b');
  });

  it('labels repositories', () => {
    expect(repoLabel('https://github.com/owner/repo')).toBe('owner/repo');
    expect(repoLabel('https://github.com/owner/repo/')).toBe('owner/repo');
    expect(repoLabel('https://gitlab.com/group/project')).toBe('gitlab.com/group/project');
  });
});
