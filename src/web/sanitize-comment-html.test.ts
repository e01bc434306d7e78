import { describe, expect, it } from 'vitest';
import { findUnsafeHtml, XSS_CANARIES } from '../../test/xss-canaries';
import { renderFormula } from './render-latex';
import { sanitizeCommentHtml } from './sanitize-comment-html';

describe('sanitizeCommentHtml', () => {
  // The first layer (markdown-it with HTML off) never lets these through as markup; this layer
  // must hold on its own.
  it.each(XSS_CANARIES.map((c) => [c.name, c.payload]))('%s as raw HTML: nothing executable survives', (_name, payload) => {
    expect(findUnsafeHtml(sanitizeCommentHtml(payload))).toEqual([]);
  });

  it('keeps links to http(s) and mailto only, each with rel, and turns the others into plain spans', () => {
    const html = sanitizeCommentHtml(
      '<a href="https://a.example" target="_blank" rel="opener" id="x">a</a><a href=" javascript:x">b</a><a href="/rel">c</a><a href="//evil.example">d</a><a href="mailto:m@m.example">e</a>',
    );
    expect(html).toBe(
      '<a href="https://a.example" rel="nofollow ugc noopener">a</a><span>b</span><span>c</span><span>d</span><a href="mailto:m@m.example" rel="nofollow ugc noopener">e</a>',
    );
  });

  it('drops images, ids, names, classes outside KaTeX spans and styles outside its properties', () => {
    expect(sanitizeCommentHtml('<p id="a" class="katex" style="color:red">x<img src="https://a.example/i.png"></p>')).toBe('<p>x</p>');
    expect(sanitizeCommentHtml('<span class="katex card tag mord" name="n">y</span>')).toBe('<span class="katex">y</span>');
    expect(sanitizeCommentHtml('<span style="position:fixed;top:-3.2em;height:1000em;background:url(x);color:#f00;margin-left:-0.5em">z</span>')).toBe(
      '<span style="top:-3.2em;color:#f00;margin-left:-0.5em">z</span>',
    );
  });

  it('maps h1/h2 to h3/h4', () => {
    expect(sanitizeCommentHtml('<h1>a</h1><h2>b</h2><h3>c</h3>')).toBe('<h3>a</h3><h4>b</h4><h3>c</h3>');
  });

  it('keeps every element, style declaration and attribute KaTeX emits for real formulas', () => {
    const formulas = [
      '\\frac{a}{b}', '\\sqrt[3]{x^2}', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', '\\begin{aligned}a&=b\\\\c&=d\\end{aligned}',
      '\\color{red}{x}', '\\colorbox{yellow}{x}', '\\cancel{x}', '\\overrightarrow{AB}', '\\xrightarrow{f}', '\\widehat{abc}',
      '\\boxed{x}', '\\mathbb{R}', '\\sum\\limits_{i=1}^n', '\\left(\\frac12\\right)', '\\vec{v}\\hat{x}', '\\overbrace{abc}^{n}',
      '\\not=', '\\kern1em\\phantom{x}', '\\binom{n}{k}', '\\int_0^1 f\\,dx', '\\lim_{x\\to0}', 'x^{y^{z}}',
    ];
    for (const tex of formulas) {
      for (const display of [false, true]) {
        const html = renderFormula(tex, display)!;
        expect(features(sanitizeCommentHtml(html)), tex).toEqual(features(html));
      }
    }
  });
});

/** Elements, attribute names (class and title aside) and style declarations, in order. */
function features(html: string): string[] {
  const out: string[] = [];
  for (const [, name, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    out.push(name!.toLowerCase());
    for (const [, attribute, value] of attributes!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      const key = attribute!.toLowerCase();
      if (key === 'style') out.push(...value!.split(';').filter(Boolean).map((d) => d.replace(/\s+/g, '')));
      else if (key !== 'class' && key !== 'title') out.push(`@${key}`);
    }
  }
  return out;
}
