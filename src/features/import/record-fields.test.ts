import { describe, expect, it } from 'vitest';
import { collapseWhitespace, toInstant } from './record-fields';

/** The rule written plainly; collapseWhitespace skips it for text that is already tidy. */
const plain = (s: string) => s.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();

describe('collapseWhitespace', () => {
  it('folds whitespace and control characters exactly as the plain rule, tidy text untouched', () => {
    const samples = [
      '', ' ', 'ok', 'two words', ' lead', 'trail ', 'a  b', 'a\tb', 'a\nb', 'a\r\nb', 'a\u00a0b', 'a\u2028b', 'a\u3000b',
      'a\ufeffb', 'a\u0000b', 'a\u0001b', 'a\u007fb', 'a\u0085b', 'a\u0090b', 'Ünïcödé – 数学', 'x \n y', '\t\t', '$\\alpha$ and  $\\beta$',
    ];
    for (const s of samples) expect(collapseWhitespace(s), JSON.stringify(s)).toBe(plain(s));
    const tidy = 'A tidy title';
    expect(collapseWhitespace(tidy)).toBe(tidy);
  });
});

describe('toInstant', () => {
  it('reads a day or an ISO time with a zone, and nothing else', () => {
    expect(toInstant('2024-01-02')).toBe('2024-01-02T00:00:00.000Z');
    expect(toInstant('2024-01-02T10:00:00+02:00')).toBe('2024-01-02T08:00:00.000Z');
    for (const bad of ['2024-02-30', '2024-01-02T10:00:00', 'yesterday', '']) expect(toInstant(bad), bad).toBeNull();
  });
});
