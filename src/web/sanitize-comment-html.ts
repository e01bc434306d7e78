import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sanitizeHtml from 'sanitize-html';

/**
 * The second, independent layer under rendered comments: whatever markdown-it and KaTeX produce
 * passes an explicit allow-list of elements, attributes, classes, CSS properties and URL schemes
 * before it reaches a page. It is written to hold even for raw hostile HTML (the XSS canaries are
 * run through it alone, too), so a bug in the first layer does not become script on a page.
 */
export function sanitizeCommentHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** Link targets a comment may use; a link to anything else (javascript:, data:, relative) becomes a span. */
const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;

/** Comment links are user content: no referral credit, no window.opener, same tab. */
export const COMMENT_LINK_REL = 'nofollow ugc noopener';

const TEXT_TAGS = ['p', 'br', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr', 'del', 's'];
const TABLE_TAGS = ['table', 'thead', 'tbody', 'tr', 'th', 'td'];
// The MathML KaTeX emits. Left out on purpose: maction (actions), mglyph (src), annotation-xml
// (switches the parser back to HTML, the classic mutation-XSS door) and semantics' href.
const MATHML_TAGS = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mo', 'mn', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup',
  'mfrac', 'msqrt', 'mroot', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'mover', 'munder', 'munderover',
  'mtable', 'mtr', 'mtd', 'mlabeledtr',
];
// KaTeX draws radicals, stretchy arrows and \cancel strokes as inline SVG: shapes only.
const SVG_TAGS = ['svg', 'path', 'line'];

/** Attributes that may only take one of a few fixed values. */
const oneOf = (name: string, ...values: string[]) => ({ name, values });
const MATHML_ATTRIBUTES = [
  'mathvariant', 'mathsize', 'mathcolor', 'mathbackground', 'stretchy', 'fence', 'separator', 'minsize', 'maxsize',
  'lspace', 'rspace', 'largeop', 'movablelimits', 'symmetric', 'accent', 'accentunder', 'linethickness',
  'scriptlevel', 'displaystyle', 'width', 'height', 'depth', 'voffset', 'notation', 'columnalign', 'rowalign',
  'columnspacing', 'rowspacing', 'columnlines', 'rowlines', 'frame', 'framespacing', 'equalrows', 'equalcolumns',
];

/** CSS lengths as KaTeX writes them (`-0.345em`); at most two integer digits, so nothing is moved far off its box. */
const LENGTH = /^-?(?:\d{1,2}(?:\.\d+)?|\.\d+)(?:em|ex|pt)?$/;
/** Colours as KaTeX's \color accepts them: #rgb… hex or a CSS colour name. */
const COLOR = /^(?:#[0-9a-f]{3,8}|[a-z]{3,20})$/i;
const LENGTH_PROPERTIES = [
  'height', 'width', 'min-width', 'max-width', 'vertical-align', 'top', 'bottom', 'left', 'right',
  'margin-left', 'margin-right', 'margin-top', 'margin-bottom', 'padding-left', 'padding-right',
  'border-width', 'border-top-width', 'border-bottom-width', 'border-left-width', 'border-right-width',
];

/**
 * Classes KaTeX's stylesheet knows (read from the installed katex.min.css, so the list follows
 * KaTeX upgrades). A class the stylesheet does not style changes nothing, so dropping it is free,
 * and a comment cannot borrow the site's own classes.
 */
function katexClasses(): string[] {
  const dist = path.dirname(createRequire(import.meta.url).resolve('katex'));
  const css = fs.readFileSync(path.join(dist, 'katex.min.css'), 'utf8').replace(/url\([^)]*\)/g, '');
  return [...new Set([...css.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!)), 'katex-error'];
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...TEXT_TAGS, ...TABLE_TAGS, 'span', ...MATHML_TAGS, ...SVG_TAGS],
  // discard keeps the text of a dropped element and drops script/style/textarea content entirely.
  disallowedTagsMode: 'discard',
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    ol: ['start'],
    th: [oneOf('align', 'left', 'center', 'right')],
    td: [oneOf('align', 'left', 'center', 'right')],
    span: ['class', 'style', oneOf('aria-hidden', 'true')],
    math: [oneOf('xmlns', 'http://www.w3.org/1998/Math/MathML'), oneOf('display', 'block', 'inline')],
    annotation: [oneOf('encoding', 'application/x-tex')],
    ...Object.fromEntries(MATHML_TAGS.filter((t) => !['math', 'annotation'].includes(t)).map((t) => [t, MATHML_ATTRIBUTES])),
    // Names as the parser lower-cases them; the browser's HTML parser restores viewBox's case.
    svg: [oneOf('xmlns', 'http://www.w3.org/2000/svg'), 'width', 'height', 'viewbox', 'preserveaspectratio', 'style'],
    path: ['d'],
    line: ['x1', 'y1', 'x2', 'y2', 'stroke-width'],
  },
  allowedClasses: { span: katexClasses() },
  // KaTeX positions its boxes with inline styles; only its properties, with plain values, pass.
  allowedStyles: {
    span: {
      ...Object.fromEntries(LENGTH_PROPERTIES.map((p) => [p, [LENGTH]])),
      color: [COLOR],
      'background-color': [COLOR],
      'border-color': [COLOR],
      'border-style': [/^(?:solid|dashed|dotted)$/],
      position: [/^relative$/],
    },
    // Accents (\vec, \hat) size their SVG this way.
    svg: { width: [LENGTH], height: [LENGTH], 'min-width': [LENGTH] },
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedIframeHostnames: [],
  allowedScriptHostnames: [],
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    a: (_tagName, attribs) => {
      const href = attribs.href?.trim();
      // A link without a safe target becomes a bare span around its text; this also removes SVG's
      // <a>. (Not a disallowed tag name: sanitize-html 2.17 then closes the next transformed tag
      // at the same depth with that stale name, leaving the <a> open.)
      if (!href || !SAFE_HREF.test(href)) return { tagName: 'span', attribs: {} };
      return { tagName: 'a', attribs: { href, ...(attribs.title ? { title: attribs.title } : {}), rel: COMMENT_LINK_REL } };
    },
  },
};
