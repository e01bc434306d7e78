import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { createApp } from '../src/app';
import { importSampleIfEmpty } from '../src/features/import-sample';
import { createTestDeps } from './deps';
import type { TestDb } from './databases';

/**
 * Lighthouse-style sanity on the bundled sample: every page renders in one HTML request plus
 * same-origin static assets, and ships at most 50 kB of JavaScript (today: none).
 */
describe('page weight', () => {
  let app: App;
  let db: TestDb;
  let paperId: string;
  beforeAll(async () => {
    const deps = await createTestDeps('sqlite');
    db = deps.db;
    await importSampleIfEmpty(deps);
    app = createApp(deps);
    const latest = (await (await app.request('/api/daily_papers?limit=1')).json()) as Array<{ paper: { id: string } }>;
    paperId = latest[0]!.paper.id;
  });
  afterAll(() => db.drop());

  const pages = () => ['/', '/papers/week/2026-W34', '/papers/month/2026-08', '/papers/trending', `/papers/${paperId}`, '/search?q=language+models', '/about'];

  it('renders each page with one request, and only same-origin static assets', async () => {
    for (const path of pages()) {
      const res = await app.request(path);
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
  });

  it('ships at most 50 kB of JavaScript per page', async () => {
    for (const path of pages()) {
      const html = await (await app.request(path)).text();
      let bytes = 0;
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        const src = /\bsrc="([^"]+)"/.exec(m[1]!)?.[1];
        bytes += src ? (await (await app.request(src)).arrayBuffer()).byteLength : Buffer.byteLength(m[2]!);
      }
      expect(bytes, path).toBeLessThanOrEqual(50 * 1024);
    }
  });
});
