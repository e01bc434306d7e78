import { describe, expect, it } from 'vitest';
import { escapeHtml, renderLatex, splitMath } from './render-latex';

const mathOf = (text: string) => splitMath(text).filter((s) => s.math).map((s) => (s.math ? s.tex : ''));

describe('splitMath', () => {
  it('finds $…$, $$…$$, \\(…\\) and \\[…\\]', () => {
    expect(mathOf('a $x^2$ b $$\\sum_i y_i$$ c \\(z\\) d \\[w\\] e')).toEqual(['x^2', '\\sum_i y_i', 'z', 'w']);
    const display = splitMath('$$a$$ \\[b\\] $c$').filter((s) => s.math).map((s) => (s.math ? s.display : null));
    expect(display).toEqual([true, true, false]);
  });

  it('leaves prices, escaped dollars and unbalanced delimiters as text', () => {
    expect(mathOf('costs $5 and $10 today')).toEqual([]);
    expect(mathOf('a \\$5 fee and \\$6 more')).toEqual([]);
    expect(mathOf('unbalanced $x + y')).toEqual([]);
    expect(mathOf('unbalanced $$x + y')).toEqual([]);
    expect(mathOf('open \\( never closed')).toEqual([]);
    expect(mathOf('$ spaced $')).toEqual([]);
  });

  it('keeps the text around formulas intact', () => {
    const text = 'We get $O(n)$ time, i.e. $n$-linear.';
    expect(splitMath(text).map((s) => (s.math ? s.source : s.text)).join('')).toBe(text);
  });
});

describe('renderLatex', () => {
  it('renders math with KaTeX and escapes the rest', () => {
    const r = renderLatex('Bounds of $O(n\\log n)$ & <b>more</b>');
    expect(r.hasMath).toBe(true);
    expect(r.html).toContain('class="katex"');
    expect(r.html).toContain('&amp; &lt;b&gt;more&lt;/b&gt;');
    expect(r.html).not.toContain('<b>');
  });

  it('returns plain escaped text when there is no math', () => {
    expect(renderLatex('Plain <i>title</i>')).toEqual({ html: 'Plain &lt;i&gt;title&lt;/i&gt;', hasMath: false });
    expect(renderLatex('price $5')).toEqual({ html: 'price $5', hasMath: false });
    expect(renderLatex('a \\$5 fee').html).toBe('a $5 fee');
    expect(renderLatex('a 10\\% gain, no math').html).toBe('a 10% gain, no math');
    expect(renderLatex('a 10\\% gain for R\\&D on $x$').html).toMatch(/^a 10% gain for R&amp;D on <span class="katex">/);
  });

  it('escapes <script> in text and inside formulas', () => {
    const r = renderLatex('<script>alert(1)</script> and $<script>alert(2)</script>$ and $$</span><script>x</script>$$');
    expect(r.html).not.toMatch(/<script/i);
    expect(r.html).not.toMatch(/<\/span><script/i);
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('never produces links or javascript: URLs (trust is off)', () => {
    for (const tex of [
      '$\\href{javascript:alert(1)}{click}$',
      '$\\url{javascript:alert(1)}$',
      '$\\includegraphics{https://evil.example/x.png}$',
      '$\\htmlId{x}{y}$ $\\htmlData{a=b}{c}$ $\\htmlStyle{color:red}{z}$',
    ]) {
      const { html } = renderLatex(tex);
      expect(html).not.toMatch(/<a\b|href=|<img|src=|javascript:[^<]*"/i);
    }
  });

  it('survives \\def loops and expansion bombs quickly', () => {
    const started = performance.now();
    for (const tex of ['$\\def\\a{\\a}\\a$', '$\\def\\a{\\a\\a}\\a$', '$\\def\\x{xxxxxxxx}\\def\\y{\\x\\x\\x\\x\\x\\x\\x\\x}\\def\\z{\\y\\y\\y\\y\\y\\y\\y\\y}\\z\\z\\z\\z$']) {
      const { html } = renderLatex(tex);
      expect(typeof html).toBe('string');
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('caps huge sizes such as \\rule{100000em}{100000em}', () => {
    const { html } = renderLatex('$\\rule{100000em}{100000em}$');
    expect(html).not.toMatch(/(width|height)[=:]"?100000em/);
    expect(html).toMatch(/border-right-width:10em/);
  });

  it('shows a broken formula as escaped source, without throwing', () => {
    const { html } = renderLatex('$\\frac{1}{<img src=x>$');
    expect(html).toContain('katex-error');
    expect(html).not.toContain('<img');
  });

  it('does not let \\gdef in one text change the next', () => {
    renderLatex('$\\gdef\\foo{BAD}\\foo$');
    expect(renderLatex('$\\foo$').html).not.toContain('BAD');
  });

  it('bounds the work on a hostile text with thousands of formulas', () => {
    const started = performance.now();
    const { html } = renderLatex('$x$ '.repeat(5000));
    expect(html.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('escapeHtml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
