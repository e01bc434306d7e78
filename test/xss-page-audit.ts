/**
 * Watching whole app pages for injected script in real Chromium (test/xss-pages.test.ts): what
 * ran (detectScripts), what the page's CSP had to block, and what the parsed DOM contains.
 */
import type { Page } from 'playwright-core';
import { detectScripts } from './browser';
import { findUnsafeHtml } from './xss-canaries';

const CSP_MARK = '__csp violation:';

/** What one armed page has seen so far, across all its navigations. */
export type PageWatch = {
  /** Canary names that ran, and `dialog: …` for dialogs (test/browser.ts). */
  fired: string[];
  /** securitypolicyviolation events: something reached the DOM and only CSP stopped it. */
  csp: string[];
  /** Uncaught exceptions in the page. */
  errors: string[];
};

/**
 * Arms `page` before its first navigation: detectScripts plus a listener, installed in every
 * frame before any page script, that reports each CSP violation as a marked console line.
 */
export async function watchPage(page: Page): Promise<PageWatch> {
  const fired = await detectScripts(page);
  const csp: string[] = [];
  const errors: string[] = [];
  await page.addInitScript(
    `window.addEventListener('securitypolicyviolation', (e) => console.log(${JSON.stringify(CSP_MARK)} + JSON.stringify({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, url: e.documentURI })), true);`,
  );
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith(CSP_MARK)) csp.push(text.slice(CSP_MARK.length));
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { fired, csp, errors };
}

/**
 * Fires what a reader could trigger without submitting anything, wherever an injection could be
 * listening: every inline handler gets its own event plus hover, focus, key, toggle and
 * load/error events; links to a scheme other than http(s)/mailto (which no page of ours should
 * contain) are clicked, so a javascript: link that survived runs (or is blocked by CSP, which the
 * listener reports). Elements without an `on…` attribute are skipped: script-free pages can only
 * run an inline handler, and the audit lists every one of those anyway. Returns how many
 * elements were touched.
 */
export const SWEEP = `(() => {
  let touched = 0;
  for (const el of document.querySelectorAll('body *')) {
    const handlers = [...el.attributes].map((a) => a.name.toLowerCase()).filter((n) => n.startsWith('on')).map((n) => n.slice(2));
    if (handlers.length > 0) {
      touched += 1;
      for (const type of [...handlers, 'mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'pointerover', 'pointerdown', 'focus', 'focusin', 'blur', 'keydown', 'animationstart', 'transitionend', 'toggle', 'load', 'error']) {
        el.dispatchEvent(new Event(type, { bubbles: false }));
      }
    }
    if (el.localName === 'a' && el.hasAttribute('href') && !['http:', 'https:', 'mailto:'].includes(el.protocol)) {
      touched += 1;
      el.click();
    }
  }
  return touched;
})()`;

/**
 * Reads the DOM as Chromium parsed it and lists what an app page must never contain, wherever
 * user text went: elements that load or run things, any inline handler, links and form targets
 * with a script or data scheme, scripts other than our nonce-carrying same-origin assets,
 * clobbering of the detector. Also returns the raw-HTML islands (rendered comments, titles and
 * abstracts, the only places the app inserts HTML it did not build itself) for findUnsafeHtml.
 */
const AUDIT = `((withHtml) => {
  const BAD = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'img', 'image', 'video', 'audio', 'source',
    'track', 'picture', 'use', 'foreignobject', 'animate', 'animatemotion', 'animatetransform', 'set', 'annotation-xml', 'mglyph',
    'maction', 'template', 'noscript', 'xmp', 'marquee', 'portal', 'math-script']);
  const IN_HEAD_ONLY = new Set(['meta', 'link', 'style', 'title']);
  const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc', 'ping', 'codebase', 'cite']);
  const out = [];
  const describe = (el) => '<' + el.localName + (el.id ? '#' + el.id : '') + '>';
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    const inHead = el.closest('head') !== null;
    if (tag === 'script') {
      if (!inHead || !el.nonce || !/^\\/static\\/[\\w.-]+\\.js$/.test(el.getAttribute('src') || '') || el.textContent !== '') out.push('foreign script ' + el.outerHTML.slice(0, 120));
      continue;
    }
    if (BAD.has(tag)) out.push('element ' + describe(el));
    // The discussion links KaTeX's stylesheet from the body when a comment has math.
    const ownStylesheet = tag === 'link' && el.rel === 'stylesheet' && /^\\/static\\/[\\w./-]+\\.css$/.test(el.getAttribute('href') || '');
    if (IN_HEAD_ONLY.has(tag) && !inHead && !ownStylesheet && !(tag === 'title' && el.closest('svg'))) out.push('element ' + describe(el) + ' in body');
    if (tag === 'meta' && el.hasAttribute('http-equiv')) out.push('meta http-equiv');
    if (tag === 'a' && el.namespaceURI !== 'http://www.w3.org/1999/xhtml') out.push('non-HTML <a> (' + el.namespaceURI + ')');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) out.push('handler ' + name + ' on ' + describe(el));
      if (name === 'autofocus' || name === 'formaction' || name === 'srcdoc') out.push(name + ' on ' + describe(el));
      // Form fields named "body" only shadow their own form's properties, never the document's.
      const isField = ['input', 'textarea', 'select', 'button'].includes(tag);
      if ((name === 'id' || (name === 'name' && !isField)) && /^(__xss|getelementbyid|queryselector|cookie|body|location|forms|images)$/i.test(attr.value)) out.push('clobbering ' + name + '=' + attr.value);
      if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data|blob|file):/.test(value) && !(tag === 'link' && el.rel === 'icon' && value.startsWith('data:image/svg+xml'))) out.push(name + '=' + attr.value.slice(0, 60) + ' on ' + describe(el));
      if (name === 'style' && /url\\(|expression|javascript|behavior|binding|@import/.test(value)) out.push('style ' + attr.value.slice(0, 60) + ' on ' + describe(el));
      if (name === 'http-equiv') out.push('http-equiv on ' + describe(el));
    }
    if ((tag === 'a' || tag === 'area') && el.hasAttribute('href') && !['http:', 'https:', 'mailto:'].includes(el.protocol)) out.push('link to ' + el.protocol);
    if (tag === 'form' && el.hasAttribute('action') && new URL(el.action).origin !== location.origin) out.push('form to ' + el.action);
  }
  if (typeof window.__xss !== 'function' || typeof document.__xss !== 'undefined') out.push('detector clobbered');
  const islands = [...document.querySelectorAll('.comment-body, article.paper > h1, section.abstract > p, li.card > div > h2 > a > span')].map((el) => el.innerHTML);
  return { problems: out, islands, html: withHtml ? document.documentElement.outerHTML : '' };
})`;

/** One page's audit: DOM problems, findUnsafeHtml problems in the raw-HTML islands, the page's HTML. */
export type PageAudit = { problems: string[]; islands: number; html: string };

/**
 * Runs the audit on the page as it is now (after SWEEP and a moment for async events); `html`
 * is the serialised DOM when `withHtml`, else ''.
 */
export async function auditPage(page: Page, withHtml = false): Promise<PageAudit> {
  const result = (await page.evaluate(`(${AUDIT})(${withHtml})`)) as { problems: string[]; islands: string[]; html: string };
  const problems = [...result.problems];
  for (const island of result.islands) for (const p of findUnsafeHtml(island)) problems.push(`island: ${p}`);
  return { problems, islands: result.islands.length, html: result.html };
}
