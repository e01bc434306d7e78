import katex from 'katex';

/**
 * Server-side LaTeX for untrusted text (titles and abstracts as written on arXiv). Math between
 * `$…$`, `$$…$$`, `\(…\)` and `\[…\]` goes through KaTeX with every dangerous feature off; all
 * other text is HTML-escaped. The output is the only HTML the pages insert unescaped.
 */
export type RenderedLatex = {
  html: string;
  /** True when at least one formula was rendered, so the page needs the KaTeX stylesheet. */
  hasMath: boolean;
};

/** A formula longer than this is left as text: real abstracts never come close. */
export const MAX_MATH_CHARS = 2000;
/** Formulas rendered per text; the rest stays as text, bounding the work per call. */
const MAX_FORMULAS = 100;
/** Longer texts are escaped without looking for math (nothing legitimate is this long). */
const MAX_TEXT_CHARS = 50_000;
const CACHE_ENTRIES = 2000;

const KATEX_OPTIONS = {
  throwOnError: false,
  // trust: false refuses \href, \url, \includegraphics, \htmlClass … so no link or attribute
  // chosen by the text author reaches the page.
  trust: false,
  // Messages about unusual input would go to the console for every request; the output is the same.
  strict: 'ignore',
  // Caps \rule{1e6em}{…} and friends, and stops \def loops after this many expansions.
  maxSize: 10,
  maxExpand: 500,
  output: 'htmlAndMathml',
} as const;

// Rendering a formula costs ~0.1–1 ms; list pages show the same titles on every request.
const cache = new Map<string, RenderedLatex>();

/** Renders the math in `text` with KaTeX and escapes everything else. */
export function renderLatex(text: string): RenderedLatex {
  if (!mayContainMath(text) || text.length > MAX_TEXT_CHARS) return { html: escapeHtml(unescapeTex(text)), hasMath: false };
  const hit = cache.get(text);
  if (hit) {
    // Re-insert to keep the Map in least-recently-used order.
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const result = renderUncached(text);
  cache.set(text, result);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  return result;
}

/** Escapes the five HTML-significant characters. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Outside math, arXiv authors write `\$`, `\%`, `\&`, `\_` and `\#` for the characters themselves. */
function unescapeTex(text: string): string {
  return text.includes('\\') ? text.replace(/\\([$%&_#])/g, '$1') : text;
}

function mayContainMath(text: string): boolean {
  return text.includes('$') || text.includes('\\(') || text.includes('\\[');
}

type Segment = { math: false; text: string } | { math: true; tex: string; display: boolean; source: string };

function renderUncached(text: string): RenderedLatex {
  let html = '';
  let hasMath = false;
  for (const seg of splitMath(text)) {
    if (!seg.math) {
      html += escapeHtml(unescapeTex(seg.text));
      continue;
    }
    const formula = renderFormula(seg.tex, seg.display);
    if (formula === null) {
      html += escapeHtml(seg.source);
    } else {
      html += formula;
      hasMath = true;
    }
  }
  return { html, hasMath };
}

/**
 * Renders one formula (without its delimiters) with the safe options above. A formula KaTeX cannot
 * parse comes back as its source in a `katex-error` span; null means KaTeX failed in another way,
 * and the caller shows the source as escaped text.
 */
export function renderFormula(tex: string, displayMode: boolean): string | null {
  try {
    return katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode });
  } catch {
    // throwOnError: false covers parse errors; anything else still must not break the page.
    return null;
  }
}

/** Splits text into plain runs and formulas. Unclosed delimiters stay as text. */
export function splitMath(text: string): Segment[] {
  const out: Segment[] = [];
  let textStart = 0;
  let i = 0;
  const pushMath = (start: number, end: number, tex: string, display: boolean) => {
    if (start > textStart) out.push({ math: false, text: text.slice(textStart, start) });
    out.push({ math: true, tex, display, source: text.slice(start, end) });
    textStart = end;
    i = end;
  };
  while (i < text.length) {
    if (out.length >= MAX_FORMULAS * 2) break;
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') {
        const close = next === '(' ? '\\)' : '\\]';
        const end = text.indexOf(close, i + 2);
        if (end !== -1 && end - i <= MAX_MATH_CHARS && end > i + 2) {
          pushMath(i, end + 2, text.slice(i + 2, end), next === '[');
          continue;
        }
      }
      i += 2; // skips escaped characters, `\$` included
      continue;
    }
    if (ch === '$') {
      if (text[i + 1] === '$') {
        const end = findClosing(text, i + 2, '$$');
        if (end !== -1 && end > i + 2) {
          pushMath(i, end + 2, text.slice(i + 2, end), true);
          continue;
        }
        i += 2;
        continue;
      }
      const end = findInlineClosing(text, i);
      if (end !== -1) {
        pushMath(i, end + 1, text.slice(i + 1, end), false);
        continue;
      }
    }
    i += 1;
  }
  if (textStart < text.length) out.push({ math: false, text: text.slice(textStart) });
  return out;
}

/**
 * Index of the closing `delimiter` (skipping backslash escapes) at most MAX_MATH_CHARS after
 * `from` and before `end`, or -1.
 */
export function findClosing(text: string, from: number, delimiter: string, end = text.length): number {
  const limit = Math.min(end - delimiter.length + 1, from + MAX_MATH_CHARS);
  for (let j = from; j < limit; j++) {
    if (text[j] === '\\') {
      j += 1;
      continue;
    }
    if (text.startsWith(delimiter, j)) return j;
  }
  return -1;
}

/**
 * Index of the `$` closing the inline formula opened at `open`, searched before `end`, or -1.
 * Pandoc's rule, which keeps prices ("$5 and $10") as text: the opening `$` is followed by a
 * non-space, the closing one is preceded by a non-space and not followed by a digit.
 */
export function findInlineClosing(text: string, open: number, end = text.length): number {
  if (open + 1 >= end || isSpace(text.charCodeAt(open + 1))) return -1;
  const limit = Math.min(end, open + 1 + MAX_MATH_CHARS);
  // Char codes rather than one-character strings: hostile bodies make this loop the hot one.
  for (let j = open + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c /* \ */) {
      j += 1;
      continue;
    }
    if (c !== 0x24 /* $ */ || isSpace(text.charCodeAt(j - 1))) continue;
    const next = text.charCodeAt(j + 1);
    if (next >= 0x30 && next <= 0x39) continue;
    return j;
  }
  return -1;
}

/** The characters /\s/ matches, by code. */
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && /\s/.test(String.fromCharCode(code)));
}
