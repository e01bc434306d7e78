/**
 * Hostile inputs for anything that turns user text into HTML. Each payload, if any part of it ever
 * runs as script, calls `window.__xss('<its name>')` (test/browser.ts's detectScripts records the
 * call), so a browser test can tell exactly which one got through.
 */
export type XssCanary = {
  /** Unique, [a-z0-9-]; also the argument the payload passes to __xss. */
  name: string;
  payload: string;
};

/**
 * `call` is the JavaScript that reports this canary: `window.__xss('name')`. Through `window`,
 * because inline handlers look names up on the element, its form and the document first, where a
 * clobbering canary's `<form name="__xss">` would otherwise shadow the detector.
 */
const canary = (name: string, payload: (call: string) => string): XssCanary => ({ name, payload: payload(`window.__xss('${name}')`) });
/** The same call without quotes or parentheses, for contexts that strip them. */
const bare = (name: string) => `window.__xss\`${name}\``;
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** Every character as a decimal HTML entity. */
const entities = (s: string) => [...s].map((c) => `&#${c.codePointAt(0)};`).join('');

/** The canaries, at least 40, each a different way in. */
export const XSS_CANARIES: readonly XssCanary[] = [
  // <script>, in every spelling
  canary('script-plain', (x) => `<script>${x}</script>`),
  canary('script-mixed-case', (x) => `<ScRiPt>${x}</sCrIpT>`),
  canary('script-split', (x) => `<scr<script>ipt>${x}</scr</script>ipt>`),
  canary('script-in-attribute', (x) => `<a title="x"><script>${x}</script>">y</a>`),
  canary('script-attribute-breakout', (x) => `<p title='x' "><script>${x}</script>'>z</p>`),
  canary('script-src-data', (x) => `<script src="data:text/javascript,${encodeURIComponent(x)}"></script>`),
  canary('script-null-byte', (x) => `<scr\u0000ipt>${x}</scr\u0000ipt>`),
  canary('script-fullwidth', (x) => `\uFF1Cscript\uFF1E${x}\uFF1C/script\uFF1E`),
  canary('script-in-markdown-emphasis', (x) => `*<script>${x}</script>* **<script>${x}</script>**`),
  // event handlers
  canary('img-onerror', (x) => `<img src=x onerror="${x}">`),
  canary('img-onerror-unquoted', () => `<IMG SRC=/ onerror=${bare('img-onerror-unquoted')}>`),
  canary('body-onload', (x) => `<body onload="${x}">`),
  canary('svg-onload', (x) => `<svg onload="${x}"></svg><svg/onload=${x}>`),
  canary('div-onmouseover', (x) => `<div onmouseover="${x}" style="position:fixed;inset:0">hover</div>`),
  canary('input-onfocus-autofocus', (x) => `<input autofocus onfocus="${x}">`),
  canary('details-ontoggle', (x) => `<details open ontoggle="${x}"><summary>s</summary></details>`),
  canary('video-source-onerror', (x) => `<video><source onerror="${x}"></video><audio src=x onerror="${x}"></audio>`),
  canary('marquee-onstart', (x) => `<marquee onstart="${x}">m</marquee>`),
  canary('handler-entity-encoded', (x) => `<img src=x onerror="${entities(x)}">`),
  // javascript:, data:, vbscript: in Markdown links, autolinks and references
  canary('md-link-javascript', (x) => `[click](javascript:${x})`),
  canary('md-link-mixed-case', (x) => `[click](JaVaScRiPt:${x})`),
  canary('md-link-entity', (x) => `[click](&#106;avascript:${x}) [click](javascript&#58;${x}) [click](&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A${x})`),
  canary('md-link-percent', (x) => `[click](%6Aavascript:${x}) [click](javascript%3A${x})`),
  canary('md-link-angle-whitespace', (x) => `[click](< javascript:${x}>) [click](<java\tscript:${x}>) [click](<java\nscript:${x}>)`),
  canary('md-link-control-chars', (x) => `[click](\u0001javascript:${x}) [click](java\u0000script:${x})`),
  canary('md-link-unicode', (x) => `[click](java\u200Bscript:${x}) [click](\u202Ejavascript:${x}) [click](ｊavascript:${x})`),
  canary('md-link-data-html', (x) => `[click](data:text/html;base64,${b64(`<script>parent.${x}</script>`)}) [click](data:text/html,<script>${x}</script>)`),
  canary('md-link-vbscript', (x) => `[click](vbscript:msgbox(1)) [click](VBScript:${x})`),
  canary('md-link-title-breakout', (x) => `[click](https://example.com "\\"><script>${x}</script>") [click](https://example.com/"onmouseover="${x})`),
  canary('md-autolink-javascript', (x) => `<javascript:${x}> <JAVASCRIPT:${x}> <data:text/html,<script>${x}</script>>`),
  canary('md-reference-link', (x) => `[click][evil] and [evil]\n\n[evil]: javascript:${x} "title"`),
  canary('md-reference-title-breakout', (x) => `[click][r]\n\n[r]: https://example.com '"><img src=x onerror=${x}>'`),
  canary('md-linkify-breakout', (x) => `https://example.com/"><script>${x}</script> http://a.example/'onmouseover='${x}'`),
  canary('md-link-text-html', (x) => `[<img src=x onerror="${x}">](https://example.com)`),
  canary('md-image-onerror', (x) => `![x" onerror="${x}](https://example.com/a.png) ![a](x" onerror="${x})`),
  canary('md-image-javascript', (x) => `![a](javascript:${x}) ![a](data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${x}"/>`)})`),
  canary('md-code-fence-info', (x) => '```"><script>' + x + '</script>\ncode\n```\n\n`<script>' + x + '</script>`'),
  canary('md-table-cell', (x) => `| a | b |\n|---|---|\n| <img src=x onerror="${x}"> | [c](javascript:${x}) |`),
  canary('md-nested-quote-list', (x) => `> - > 1. <script>${x}</script> [l](javascript:${x})`),
  // SVG and MathML
  canary('svg-script', (x) => `<svg><script>${x}</script></svg>`),
  canary('svg-animate-href', (x) => `<svg><a><animate attributeName=href values=javascript:${x} /><text x=20 y=20>click</text></a></svg>`),
  canary('svg-use-data', (x) => `<svg><use href="data:image/svg+xml;base64,${b64(`<svg id="a" xmlns="http://www.w3.org/2000/svg"><image href="x" onerror="${x}"/></svg>`)}#a"/></svg>`),
  canary('svg-foreignobject', (x) => `<svg><foreignObject><img src=x onerror="${x}"></foreignObject></svg>`),
  canary('mathml-href', (x) => `<math href="javascript:${x}"><mi xlink:href="javascript:${x}">x</mi></math>`),
  canary('mathml-mxss-mglyph', (x) => `<math><mtext><table><mglyph><style><img src=x onerror="${x}">`),
  canary('mathml-annotation-xml', (x) => `<math><annotation-xml encoding="text/html"><img src=x onerror="${x}"></annotation-xml></math>`),
  // embedding and page-level elements
  canary('iframe-srcdoc', (x) => `<iframe srcdoc="<script>parent.${x}</script>"></iframe>`),
  canary('iframe-javascript', (x) => `<iframe src="javascript:parent.${x}"></iframe>`),
  canary('object-data', (x) => `<object data="javascript:${x}"></object><object data="data:text/html,<script>parent.${x}</script>"></object>`),
  canary('embed-src', (x) => `<embed src="javascript:${x}"><embed src="data:text/html;base64,${b64(`<script>parent.${x}</script>`)}">`),
  canary('base-href', (x) => `<base href="javascript:${x}//"><a href="relative">relative</a>`),
  canary('meta-refresh', (x) => `<meta http-equiv="refresh" content="0;url=javascript:${x}">`),
  canary('form-action', (x) => `<form action="javascript:${x}"><button>go</button></form><button form=f formaction="javascript:${x}">go</button>`),
  canary('link-import', (x) => `<link rel="stylesheet" href="javascript:${x}"><link rel=import href="data:text/html,<script>${x}</script>">`),
  // CSS
  canary('style-tag', (x) => `<style>@import 'javascript:${x}'; body{background:url("javascript:${x}")}</style>`),
  canary('style-attribute-url', (x) => `<p style="background:url(javascript:${x})">p</p><span style="background-image:url('javascript:${x}')">s</span>`),
  canary('style-expression', (x) => `<p style="width:expression(${x})">p</p><span style="color:expression(${x})">s</span>`),
  canary('style-behavior', (x) => `<span style="behavior:url(x.htc);-moz-binding:url(javascript:${x})">s</span>`),
  // parser confusion
  canary('unclosed-tag', (x) => `<img src=x onerror="${x}" <b>bold`),
  canary('unclosed-attribute', (x) => `<a href="javascript:${x}`),
  canary('html-comment', (x) => `<!--><img src=x onerror="${x}">--> <!-- --!><script>${x}</script> -->`),
  canary('cdata', (x) => `<![CDATA[><script>${x}</script>]]>`),
  canary('noscript-mxss', () => `<noscript><p title="</noscript><img src=x onerror=${bare('noscript-mxss')}>"></noscript>`),
  canary('textarea-title-breakout', (x) => `<textarea></textarea><script>${x}</script></textarea><title><img src=x onerror="${x}"></title>`),
  canary('dom-clobbering', (x) => `<a id="__xss" name="__xss">x</a><form name="__xss"></form><img name="getElementById" src=x onerror="${x}">`),
  // LaTeX: KaTeX with trust off must emit none of these
  canary('latex-href', (x) => `$\\href{javascript:${x}}{click}$`),
  canary('latex-url', (x) => `$\\url{javascript:${x}}$ $$\\url{javascript:${x}}$$`),
  canary('latex-html-data', (x) => `$\\htmlData{onclick=${x}, onmouseover=${x}}{x}$`),
  canary('latex-includegraphics', (x) => `$\\includegraphics{javascript:${x}}$ $\\includegraphics[height=1em]{x" onerror="${x}}$`),
  canary('latex-style', (x) => `$\\style{background:url(javascript:${x})}{x}$ $\\htmlStyle{background:url(javascript:${x})}{x}$`),
  canary('latex-class', (x) => `$\\class{x" onmouseover="${x}}{y}$ $\\htmlClass{x" onmouseover="${x}}{y}$`),
  canary('latex-html-id', (x) => `$\\htmlId{__xss}{x}$ $\\htmlId{x" onmouseover="${x}}{y}$`),
  canary('latex-def-loop', (x) => `$\\def\\a{\\a\\a}\\a$ $\\def\\b{\\b}\\b$ <img src=x onerror="${x}">`),
  canary('latex-newcommand-loop', (x) => `$\\newcommand{\\x}{\\x\\x}\\x$ $\\renewcommand{\\frac}{\\frac}\\frac12$ <img src=x onerror="${x}">`),
  canary('latex-text-html', (x) => `$\\text{<script>${x}</script>}$ $\\text{</span><img src=x onerror="${x}">}$`),
  canary('latex-error-breakout', (x) => `$\\frac{<img src=x onerror="${x}">$ $\\badmacro{"><script>${x}</script>}$`),
  canary('latex-color-injection', (x) => `$\\color{red;background:url(javascript:${x})}{x}$ $\\color{" onmouseover="${x}}{x}$`),
  canary('latex-in-link', (x) => `[$\\href{javascript:${x}}{a}$](javascript:${x})`),
];

/**
 * The harness's positive control: raw, unsanitised HTML that must fire, proving that the page,
 * the detection and the event sweep work. Never passed through a sanitiser.
 */
export const POSITIVE_CONTROLS: readonly XssCanary[] = [
  canary('control-onerror', (x) => `<img src=x onerror="${x}">`),
  canary('control-link-click', (x) => `<a href="javascript:${x}">control</a>`),
  canary('control-onmouseover', (x) => `<span onmouseover="${x}">control</span>`),
];

/** Elements a rendered comment may contain, written out here independently of the sanitiser's list. */
const EXPECTED_TAGS = new Set([
  'p', 'br', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr', 's', 'del',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mo', 'mn', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup', 'mfrac',
  'msqrt', 'mroot', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd',
  'mlabeledtr', 'svg', 'path', 'line',
]);

/**
 * Everything wrong with `html` as rendered-comment output, found by reading the string: elements
 * outside the list above, event handlers, non-http(s)/mailto links, clobbering or loading
 * attributes, style or class where they do not belong. Empty when the output is clean.
 */
export function findUnsafeHtml(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('<script');
  for (const [tag, name, attributes] of html.matchAll(/<\/?([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const element = name!.toLowerCase();
    if (!EXPECTED_TAGS.has(element)) problems.push(`element ${tag}`);
    for (const [, rawName, ...values] of attributes!.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const attribute = rawName!.toLowerCase();
      const value = values.find((v) => v !== undefined) ?? '';
      if (attribute.startsWith('on')) problems.push(`handler in ${tag}`);
      if (LOADING_OR_CLOBBERING.has(attribute)) problems.push(`${attribute} in ${tag}`);
      if (attribute === 'href' && (element !== 'a' || !/^(?:https?:\/\/|mailto:)/i.test(value))) problems.push(`href in ${tag}`);
      if (attribute === 'style' && !['span', 'svg'].includes(element)) problems.push(`style in ${tag}`);
      if (attribute === 'style' && /url\(|expression|javascript|\\/i.test(value)) problems.push(`style value in ${tag}`);
      if (attribute === 'class' && element !== 'span') problems.push(`class in ${tag}`);
    }
  }
  return problems;
}

const LOADING_OR_CLOBBERING = new Set(['id', 'name', 'src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'xlink:href', 'target', 'form', 'autofocus', 'background', 'poster']);
