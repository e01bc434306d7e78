import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import type { TestDb } from '../../test/databases';
import { createTestApp } from '../../test/deps';
import { KATEX_CSS_URL, STYLE_URL } from './static-assets';

describe('static assets and error pages', () => {
  let app: App;
  let db: TestDb;
  beforeAll(async () => {
    ({ app, db } = await createTestApp('sqlite'));
  });
  afterAll(() => db.drop());

  it('serves the stylesheet under its content hash with a long cache', async () => {
    expect(STYLE_URL).toMatch(/^\/static\/style\.[0-9a-f]{12}\.css$/);
    const res = await app.request(STYLE_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toContain('.card');
    // A page cached across a deploy still gets styled, just not for a year.
    const stale = await app.request('/static/style.0123456789ab.css');
    expect(stale.status).toBe(200);
    expect(stale.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('serves KaTeX css and fonts locally', async () => {
    const css = await app.request(KATEX_CSS_URL);
    expect(css.status).toBe(200);
    const text = await css.text();
    const font = /url\((fonts\/KaTeX_Main-Regular\.woff2)\)/.exec(text)![1]!;
    const res = await app.request(KATEX_CSS_URL.replace('katex.min.css', font));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });

  it.each([
    '/static/katex/0.0.1/katex.min.css',
    KATEX_CSS_URL.replace('katex.min.css', 'fonts/..%2F..%2Fpackage.json'),
    KATEX_CSS_URL.replace('katex.min.css', 'fonts/nope.woff2'),
    '/static/style.css',
    '/static/../package.json',
  ])('refuses %s', async (path) => {
    expect((await app.request(path)).status).toBe(404);
  });

  it('answers an unknown page with a 404 page in the layout', async () => {
    const res = await app.request('/no/such/page');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('This page does not exist.');
    expect(html).toContain('<a class="brand" href="/">');
    expect(html).toContain(STYLE_URL);
  });

  it('keeps every page free of JavaScript', async () => {
    for (const path of ['/', '/papers/trending', '/search?q=x', '/about', '/nope']) {
      const html = await (await app.request(path)).text();
      expect(html).not.toMatch(/<script/i);
    }
  });
});
