import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';
import { escapeHtml, findClosing, findInlineClosing, MAX_MATH_CHARS, renderFormula } from './render-latex';

/**
 * A markdown-it plugin for `$…$` (inline) and `$$…$$` (display) math, rendered server-side by
 * KaTeX with the same safe options as abstracts (render-latex.ts). Being parser rules rather than
 * a pass over the text, `$` inside code spans and fenced code stays literal and `\$` is a dollar.
 */
export function markdownMath(md: MarkdownIt): void {
  // After `escape`, so `\$` is consumed as a literal dollar first; before `backticks` does not
  // matter, as a code span starts with its backtick and is consumed before its `$` is reached.
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.after('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, idx, _options, env) => renderMath(tokens[idx]!.content, tokens[idx]!.markup, env as MathEnv);
  md.renderer.rules.math_block = (tokens, idx, _options, env) => `${renderMath(tokens[idx]!.content, '$$', env as MathEnv)}\n`;
}

/**
 * Per-render budget, passed as markdown-it's `env`: once spent, further formulas are shown as
 * their source, so a hostile body costs a bounded amount of KaTeX and sanitising.
 */
export type MathEnv = { formulas?: number; mathHtmlChars?: number };

/** Formulas rendered per body. */
const MAX_FORMULAS = 100;
/**
 * KaTeX HTML per body, checked before each formula. A typical formula makes 2–10 kB of HTML, a
 * dense 2,000-character one ~170 kB, and KaTeX plus the sanitiser spend ~0.3 ms per kB: this keeps
 * the worst 20 kB body near 100 ms while leaving room for dozens of ordinary formulas.
 */
const MAX_MATH_HTML_CHARS = 150_000;

function renderMath(tex: string, delimiter: string, env: MathEnv): string {
  const source = escapeHtml(delimiter + tex + delimiter);
  env.formulas = (env.formulas ?? 0) + 1;
  env.mathHtmlChars ??= 0;
  if (env.formulas > MAX_FORMULAS || env.mathHtmlChars >= MAX_MATH_HTML_CHARS || tex.length > MAX_MATH_CHARS) return source;
  const html = renderFormula(tex, delimiter === '$$');
  if (html === null) return source;
  env.mathHtmlChars += html.length;
  return html;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== 0x24 /* $ */) return false;
  const isDisplay = src.charCodeAt(pos + 1) === 0x24;
  const open = isDisplay ? 2 : 1;
  const close = isDisplay ? findClosing(src, pos + 2, '$$', posMax) : findInlineClosing(src, pos, posMax);
  if (close === -1 || close === pos + open) {
    if (!isDisplay) return false;
    // An unclosed `$$` is text as a whole; otherwise its second `$` would open an inline formula.
    if (!silent) state.pending += '$$';
    state.pos += 2;
    return true;
  }
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = src.slice(pos + open, close);
    token.markup = isDisplay ? '$$' : '$';
  }
  state.pos = close + open;
  return true;
}

/** `$$` at the start of a line opens display math, closed by the first line that ends in `$$`. */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (!state.src.startsWith('$$', start)) return false;
  const firstLine = state.src.slice(start + 2, state.eMarks[startLine]).trimEnd();
  let content: string;
  let lastLine = startLine;
  if (firstLine.endsWith('$$')) {
    content = firstLine.slice(0, -2);
  } else if (firstLine.includes('$$')) {
    return false; // `$$x$$ and text` is inline math in a paragraph
  } else {
    let length = firstLine.length;
    for (;;) {
      lastLine += 1;
      // Stopping at the length cap keeps a page of unclosed `$$` lines linear.
      if (lastLine >= endLine || length > MAX_MATH_CHARS) return false;
      if (state.sCount[lastLine]! < state.blkIndent) return false;
      const lineStart = state.bMarks[lastLine]! + state.tShift[lastLine]!;
      length += state.eMarks[lastLine]! - lineStart + 1;
      if (endsWithDollars(state.src, lineStart, state.eMarks[lastLine]!)) break;
    }
    // Line by line, so the markers of an enclosing blockquote or list stay out of the formula.
    const lines = [firstLine];
    for (let line = startLine + 1; line <= lastLine; line++) {
      lines.push(state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]).trimEnd());
    }
    content = lines.join('\n').slice(0, -2);
  }
  content = content.trim();
  if (content === '') return false;
  if (silent) return true;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = content;
  token.markup = '$$';
  token.map = [startLine, lastLine + 1];
  state.line = lastLine + 1;
  return true;
}

/** Whether src[start, end) ends in `$$`, ignoring trailing whitespace. */
function endsWithDollars(src: string, start: number, end: number): boolean {
  let j = end - 1;
  while (j >= start && (src.charCodeAt(j) === 0x20 || src.charCodeAt(j) === 0x09)) j--;
  return j - 1 >= start && src.charCodeAt(j) === 0x24 && src.charCodeAt(j - 1) === 0x24;
}
