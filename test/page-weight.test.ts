import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { createApp } from '../src/app';
import { importSampleIfEmpty } from '../src/features/import-sample';
import { createAccount } from './accounts';
import { createTestDeps } from './deps';
import type { TestDb } from './databases';

/**
 * Lighthouse-style sanity on the bundled sample: every page renders in one HTML request plus
 * same-origin static assets. JavaScript (the rule: no page ships more than 50 kB): none
 * for anonymous readers; logged-in pages load only the vote enhancement, a few kilobytes.
 */
describe('page weight', () => {
  let app: App;
  let db: TestDb;
  let paperId: string;
  let memberCookie: string;
  beforeAll(async () => {
    const deps = await createTestDeps('sqlite');
    db = deps.db;
    await importSampleIfEmpty(deps);
    app = createApp(deps);
    const latest = (await (await app.request('/api/daily_papers?limit=1')).json()) as Array<{ paper: { id: string } }>;
    paperId = latest[0]!.paper.id;
    memberCookie = (await createAccount(deps)).cookie;
  });
  afterAll(() => db.drop());

  const pages = () => ['/', '/papers/week/2026-W34', '/papers/month/2026-08', '/papers/trending', `/papers/${paperId}`, '/search?q=language+models', '/about'];
  const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });

  /** Bytes of JavaScript the page makes the browser run: inline scripts plus each script it loads. */
  async function javaScriptBytes(html: string): Promise<number> {
    let bytes = 0;
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      const src = /\bsrc="([^"]+)"/.exec(m[1]!)?.[1];
      bytes += src ? (await (await app.request(src)).arrayBuffer()).byteLength : Buffer.byteLength(m[2]!);
    }
    return bytes;
  }

  it('renders each page with one request, and only same-origin static assets', async () => {
    for (const cookie of [undefined, memberCookie]) {
      for (const path of pages()) {
        const res = await get(path, cookie);
        expect(res.status, path).toBe(200);
        const html = await res.text();
        // Everything the browser fetches to render: scripts, images and every <link> except the
        // canonical / alternate ones, which name pages rather than load them.
        const assets = [...html.matchAll(/<(link|script|img)\b([^>]*)>/g)]
          .filter((m) => !(m[1] === 'link' && /\brel="(?:canonical|alternate)"/.test(m[2]!)))
          .flatMap((m) => /\b(?:href|src)="([^"]+)"/.exec(m[2]!)?.[1] ?? []);
        for (const asset of assets) {
          if (asset.startsWith('data:')) continue; // inline (the favicon): no request at all
          expect(asset, `${path} loads ${asset}`).toMatch(/^\/static\//);
          expect((await app.request(asset)).status, asset).toBe(200);
        }
      }
    }
  });

  it('ships no JavaScript to anonymous readers', async () => {
    for (const path of pages()) expect(await javaScriptBytes(await (await get(path)).text()), path).toBe(0);
  });

  it('ships logged-in members only the vote script: far below the 50 kB rule', async () => {
    for (const path of pages()) {
      const bytes = await javaScriptBytes(await (await get(path, memberCookie)).text());
      expect(bytes, path).toBeLessThanOrEqual(5 * 1024);
      if (path !== '/about') expect(bytes, path).toBeGreaterThan(0);
    }
  });
});
