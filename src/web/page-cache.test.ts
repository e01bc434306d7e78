import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { pageCache } from './page-cache';

function counterApp(ttlSeconds: number, clock: { t: number }) {
  let renders = 0;
  const app = new Hono();
  const cached = pageCache({ ttlSeconds, maxEntries: 2, now: () => clock.t });
  app.get('/page', cached, (c) => c.html(`<p>${++renders} ${c.req.query('p') ?? ''}</p>`));
  app.get('/bad', cached, (c) => c.html(`<p>${++renders}</p>`, 400));
  return app;
}

const body = async (app: Hono, path: string) => (await app.request(path)).text();

describe('pageCache', () => {
  it('serves the same URL from memory until the time-to-live passes', async () => {
    const clock = { t: 0 };
    const app = counterApp(5, clock);
    expect(await body(app, '/page')).toBe('<p>1 </p>');
    clock.t = 4_999;
    expect(await body(app, '/page')).toBe('<p>1 </p>');
    const hit = await app.request('/page');
    expect(hit.headers.get('content-type')).toMatch(/^text\/html/);
    clock.t = 5_000;
    expect(await body(app, '/page')).toBe('<p>2 </p>');
  });

  it('keys on the query string and keeps only maxEntries URLs', async () => {
    const clock = { t: 0 };
    const app = counterApp(60, clock);
    expect(await body(app, '/page?p=2')).toBe('<p>1 2</p>');
    expect(await body(app, '/page?p=3')).toBe('<p>2 3</p>');
    expect(await body(app, '/page?p=2')).toBe('<p>1 2</p>');
    await body(app, '/page?p=4'); // evicts the oldest stored entry (p=2)
    expect(await body(app, '/page?p=2')).toBe('<p>4 2</p>');
  });

  it('never keeps error pages, and does nothing with a zero time-to-live', async () => {
    const clock = { t: 0 };
    const app = counterApp(60, clock);
    expect(await body(app, '/bad')).toBe('<p>1</p>');
    expect(await body(app, '/bad')).toBe('<p>2</p>');
    const off = counterApp(0, clock);
    expect(await body(off, '/page')).toBe('<p>1 </p>');
    expect(await body(off, '/page')).toBe('<p>2 </p>');
  });
});
