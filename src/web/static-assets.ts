import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import katex from 'katex';

/**
 * The few static files the pages use: our stylesheet and vote script, and KaTeX's stylesheet with
 * its fonts, served from node_modules so no page depends on a CDN. Everything is read once at
 * start; URLs carry a content hash or the KaTeX version, so browsers may cache them for a year.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const style = fs.readFileSync(path.join(here, 'style.css'), 'utf8');
const styleHash = crypto.createHash('sha256').update(style).digest('hex').slice(0, 12);
// Progressive enhancement for logged-in pages (upvoting without a reload); no page needs it to work.
const voteJs = fs.readFileSync(path.join(here, 'assets', 'vote.js'), 'utf8');
const voteJsHash = crypto.createHash('sha256').update(voteJs).digest('hex').slice(0, 12);

const katexDist = path.dirname(createRequire(import.meta.url).resolve('katex'));
const katexCss = fs.readFileSync(path.join(katexDist, 'katex.min.css'), 'utf8');
// The fonts KaTeX's stylesheet may ask for; only these names are ever read from disk.
const katexFonts = new Set(fs.readdirSync(path.join(katexDist, 'fonts')));
const fontCache = new Map<string, Uint8Array<ArrayBuffer>>();

/** URL of our stylesheet (changes whenever its content does). */
export const STYLE_URL = `/static/style.${styleHash}.css`;
/** URL of the vote script (changes whenever its content does). */
export const VOTE_JS_URL = `/static/vote.${voteJsHash}.js`;
/** URL of KaTeX's stylesheet; its fonts resolve relative to it. */
export const KATEX_CSS_URL = `/static/katex/${katex.version}/katex.min.css`;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const FONT_TYPES: Record<string, string> = { '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };

/** Routes for /static/*. Unknown names are 404s; nothing outside the known files is reachable. */
export function createStaticRoutes(): Hono {
  const app = new Hono();
  app.get('/static/:file{style\\.[0-9a-f]+\\.css}', (c) => {
    // An old hash (a page cached across a deploy) still gets the current file, briefly cached.
    const current = c.req.param('file') === `style.${styleHash}.css`;
    return c.body(style, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': current ? IMMUTABLE : 'public, max-age=300' });
  });
  app.get('/static/:file{vote\\.[0-9a-f]+\\.js}', (c) => {
    const current = c.req.param('file') === `vote.${voteJsHash}.js`;
    return c.body(voteJs, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': current ? IMMUTABLE : 'public, max-age=300' });
  });
  app.get('/static/katex/:version/katex.min.css', (c) => {
    if (c.req.param('version') !== katex.version) return c.notFound();
    return c.body(katexCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': IMMUTABLE });
  });
  app.get('/static/katex/:version/fonts/:file', (c) => {
    const file = c.req.param('file');
    if (c.req.param('version') !== katex.version || !katexFonts.has(file)) return c.notFound();
    let data = fontCache.get(file);
    if (!data) {
      data = new Uint8Array(fs.readFileSync(path.join(katexDist, 'fonts', file)));
      fontCache.set(file, data);
    }
    const type = FONT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    return c.body(data, 200, { 'content-type': type, 'cache-control': IMMUTABLE });
  });
  return app;
}
