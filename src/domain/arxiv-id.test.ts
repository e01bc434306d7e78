import { describe, expect, it } from 'vitest';
import { isArxivId, parseArxivId, parseArxivReference } from './arxiv-id';

describe('parseArxivId', () => {
  it.each([
    ['2401.01234', '2401.01234'],
    ['2401.01234v3', '2401.01234'],
    [' arXiv:2510.24668 ', '2510.24668'],
    ['1412.6980', '1412.6980'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['math.AG/0601001', 'math.AG/0601001'],
    ['cond-mat/0501001', 'cond-mat/0501001'],
  ])('accepts %s as %s', (input, id) => {
    expect(parseArxivId(input)).toEqual({ ok: true, id });
  });

  it.each(['', 'abc', '2401.1234', '1412.69801', '2413.01234', '2400.01234', '2401.01234v', 'hep-th/990101', 'hep-th/9913001', '../etc/passwd', '2401.01234 OR 1=1', '2401_01234'])(
    'refuses %j with a reason',
    (input) => {
      const r = parseArxivId(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
    },
  );

  it('parses arxiv.org URLs', () => {
    expect(parseArxivReference('https://arxiv.org/abs/2401.01234v2')).toEqual({ ok: true, id: '2401.01234' });
    expect(parseArxivReference('arxiv.org/pdf/2401.01234.pdf')).toEqual({ ok: true, id: '2401.01234' });
    expect(parseArxivReference('http://arxiv.org/abs/hep-th/9901001')).toEqual({ ok: true, id: 'hep-th/9901001' });
  });

  it('tells normalised ids apart', () => {
    expect(isArxivId('2401.01234')).toBe(true);
    expect(isArxivId('2401.01234v1')).toBe(false);
  });
});
