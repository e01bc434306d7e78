import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/web/render-markdown';
import { sanitizeCommentHtml } from '../src/web/sanitize-comment-html';
import { detectScripts, withBrowser } from './browser';
import { POSITIVE_CONTROLS, XSS_CANARIES } from './xss-canaries';

/**
 * Every XSS canary, rendered by renderMarkdown and (separately) by the sanitiser alone, on one page
 * in real Chromium. The page's CSP allows inline script, javascript: URLs and data: frames, so a
 * canary that fires is the renderer's failure, not something CSP would have caught. Raw positive
 * controls on the same page prove the detection works.
 */
describe('comment rendering in real Chromium', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    const page = buildPage();
    server = http.createServer((req, res) => {
      if (req.url !== '/') {
        res.writeHead(404).end(); // so every <img src=x> and friends errors, firing onerror
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src * data: blob: 'unsafe-inline' 'unsafe-eval'; script-src * data: blob: 'unsafe-inline' 'unsafe-eval'",
      });
      res.end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs none of the canaries, and the positive controls all fire', async () => {
    await withBrowser(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const fired = await detectScripts(page);
      // Nothing leaves the machine: the page's own server answers, every other request fails.
      await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
      await page.goto(`${base}/`, { waitUntil: 'load' });
      const swept = (await page.evaluate(SWEEP)) as number;
      // javascript: navigations, toggle and media error events run as later tasks.
      await page.waitForTimeout(500);
      const violations = (await page.evaluate(AUDIT)) as string[];
      const detector = (await page.evaluate('typeof window.__xss + " " + typeof document.__xss')) as string;

      const controls = POSITIVE_CONTROLS.map((c) => c.name);
      expect(detector, 'window.__xss is intact and document.__xss is not clobbered').toBe('function undefined');
      expect(swept).toBeGreaterThan(2 * XSS_CANARIES.length);
      expect([...new Set(fired.filter((name) => controls.includes(name)))].sort()).toEqual([...controls].sort());
      expect(fired.filter((name) => !controls.includes(name))).toEqual([]);
      expect(violations).toEqual([]);
    });
  });
});

function buildPage(): string {
  const sections: string[] = [];
  for (const { name, payload } of XSS_CANARIES) {
    sections.push(`<section data-canary="${name}" data-layer="markdown">${renderMarkdown(payload)}</section>`);
    sections.push(`<section data-canary="${name}" data-layer="sanitizer">${sanitizeCommentHtml(payload)}</section>`);
  }
  // First, so nothing a canary leaves open can swallow them, and outside the sections the audit
  // reads: raw HTML, as if there were no sanitiser.
  const controls = POSITIVE_CONTROLS.map((c) => `<div data-control="${c.name}">${c.payload}</div>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>XSS canaries</title></head><body>\n${controls}\n${sections.join('\n')}\n</body></html>`;
}

/**
 * Gives every element the events a reader could trigger (hover, focus, press, click). Links keep
 * their default action only for schemes other than http(s)/mailto, so a javascript: link that
 * survived runs, while real links do not navigate the page away. Returns the elements touched.
 */
const SWEEP = `(() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href]');
    if (link && /^(https?|mailto):$/.test(link.protocol)) event.preventDefault();
  }, true);
  const elements = [...document.body.querySelectorAll('*')];
  for (const el of elements) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'pointerover', 'pointerdown', 'focus', 'focusin', 'blur', 'keydown', 'input', 'change', 'animationstart', 'transitionend', 'toggle', 'load', 'error']) {
      el.dispatchEvent(new Event(type, { bubbles: false }));
    }
    if (typeof el.focus === 'function') el.focus();
    if (typeof el.click === 'function') el.click();
  }
  return elements.length;
})()`;

/**
 * Reads the DOM as Chromium parsed it (which is what matters for mutation XSS) inside the
 * rendered sections, and lists anything a comment must never contain.
 */
const AUDIT = `(() => {
  const BAD_ELEMENTS = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'form', 'input',
    'button', 'textarea', 'select', 'img', 'image', 'video', 'audio', 'source', 'picture', 'use', 'foreignobject', 'animate',
    'set', 'annotation-xml', 'mglyph', 'maction', 'template', 'noscript', 'title', 'xmp', 'details', 'marquee']);
  const BAD_ATTRIBUTES = new Set(['id', 'name', 'src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'xlink:href', 'target',
    'form', 'autofocus', 'background', 'poster']);
  const out = [];
  for (const section of document.querySelectorAll('section[data-canary]')) {
    const where = section.dataset.canary + '/' + section.dataset.layer;
    for (const el of section.querySelectorAll('*')) {
      const tag = el.localName.toLowerCase();
      if (BAD_ELEMENTS.has(tag)) out.push(where + ': <' + tag + '>');
      if (tag === 'a' && el.namespaceURI !== 'http://www.w3.org/1999/xhtml') out.push(where + ': non-HTML <a>');
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on') || BAD_ATTRIBUTES.has(name)) out.push(where + ': ' + tag + '[' + name + ']');
        if (name === 'href' && tag !== 'a') out.push(where + ': href on ' + tag);
        if (name === 'style' && tag !== 'span' && tag !== 'svg') out.push(where + ': style on ' + tag);
        if (name === 'class' && tag !== 'span') out.push(where + ': class on ' + tag);
      }
      if (tag === 'a' && el.hasAttribute('href') && !['http:', 'https:', 'mailto:'].includes(el.protocol)) out.push(where + ': link to ' + el.protocol);
      if (tag === 'a' && el.getAttribute('rel') !== 'nofollow ugc noopener') out.push(where + ': rel ' + el.getAttribute('rel'));
    }
  }
  return out;
})()`;
