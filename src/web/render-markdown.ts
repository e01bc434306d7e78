import MarkdownIt, { type Token } from 'markdown-it';
import { markdownMath, type MathEnv } from './markdown-math';
import { sanitizeCommentHtml } from './sanitize-comment-html';

/**
 * Renders a user-written comment body (Markdown with `$…$` / `$$…$$` math) to HTML that is safe to
 * insert unescaped. Two independent layers: markdown-it with raw HTML off, links limited to
 * http(s)/mailto and images turned into links; then sanitize-html with an explicit allow-list
 * (sanitize-comment-html.ts). The page showing the result needs the KaTeX stylesheet when the body
 * contains math, and should clip the comment box (`overflow: hidden`) like any user content.
 */
export function renderMarkdown(body: string): string {
  const env: MathEnv = {};
  return sanitizeCommentHtml(md.render(body, env));
}

/** Only absolute http(s) and mailto links become links; anything else stays visible as text. */
const LINKABLE = /^(?:https?:\/\/|mailto:)/i;

const md = new MarkdownIt('default', {
  html: false,
  linkify: true,
  typographer: false,
  // Comments need no deeper structure; this bounds the work on `>>>>…` and `[[[[…` bodies.
  maxNesting: 20,
});

// Called with the normalised (entity-decoded, percent-encoded) URL, so `&#106;avascript:` and
// `JaVaScRiPt:` are both plain `javascript:` here. An allow-list, unlike markdown-it's deny-list.
md.validateLink = (url) => LINKABLE.test(url);

md.use(markdownMath);

// Page headings are h1/h2; a comment's `#` and `##` become h3/h4 and deeper levels follow.
md.core.ruler.push('comment_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    }
  }
});

// Tables: markdown-it writes alignment as style="text-align:…", and comments get no style
// attributes; the align attribute says the same and its three values are allow-listed.
for (const cell of ['th_open', 'td_open'] as const) {
  md.renderer.rules[cell] = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]!;
    const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet('style') ?? ''))?.[1];
    token.attrs = align ? [['align', align]] : null;
    return self.renderToken(tokens, idx, options);
  };
}

// No images in comments (tracking pixels, layout abuse, onerror): `![alt](url)` becomes a link
// to the image, with the alt text (or the URL) as its text; inside a link, just the text, as
// links do not nest.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet('src') ?? '');
  const text = md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env) || src);
  return LINKABLE.test(src) && !isInsideLink(tokens, idx) ? `<a href="${md.utils.escapeHtml(src)}">${text}</a>` : text;
};

function isInsideLink(tokens: Token[], idx: number): boolean {
  let depth = 0;
  for (let i = 0; i < idx; i++) {
    if (tokens[i]!.type === 'link_open') depth++;
    else if (tokens[i]!.type === 'link_close') depth--;
  }
  return depth > 0;
}
