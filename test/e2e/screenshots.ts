/**
 * Screenshots of the pages on real sample data, at desktop and phone widths (not part of npm test).
 *
 *   npx tsx test/e2e/screenshots.ts [OUT_DIR]        (default: tmp/screenshots)
 *
 * Builds a throw-away SQLite database from the last days of ../shared/data/daily.jsonl.gz with
 * their papers (through the test factories), serves the app on a free port and photographs the
 * daily, paper, trending and search pages with Chromium (test/browser.ts: /usr/bin/chromium or
 * CHROMIUM_PATH; `apt-get install -y chromium` when missing).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app';
import { launchBrowser } from '../browser';
import { createTestDeps } from '../deps';
import { insertListing, insertPaper, insertUser } from '../factories';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const OUT = path.resolve(process.argv[2] ?? 'tmp/screenshots');
const DAYS = 10;

type DailyRow = { date: string; id: string; upvotes: number | null; submittedBy: string | null };
type PaperRow = { id: string; title: string; abstract: string | null; authors: string[]; published: string; categories: string[]; github: string | null };

async function* jsonLines<T>(file: string): AsyncGenerator<T> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
}

async function main() {
  const daily: DailyRow[] = [];
  for await (const row of jsonLines<DailyRow>(path.join(DATA, 'daily.jsonl.gz'))) daily.push(row);
  const days = [...new Set(daily.map((r) => r.date))].sort().slice(-DAYS);
  const rows = daily.filter((r) => days.includes(r.date));
  const wanted = new Set(rows.map((r) => r.id));
  const listedIds = new Set(daily.map((r) => r.id));
  const papers = new Map<string, PaperRow>();
  // Recent abstracts rarely carry LaTeX; add the first listed paper whose abstract has enough.
  let mathPaper: PaperRow | null = null;
  for await (const p of jsonLines<PaperRow>(path.join(DATA, 'papers.jsonl.gz'))) {
    if (wanted.has(p.id)) papers.set(p.id, p);
    else if (!mathPaper && listedIds.has(p.id) && (p.abstract?.match(/\$[^$\s][^$]*\$/g)?.length ?? 0) >= 3) mathPaper = p;
  }
  if (mathPaper) {
    papers.set(mathPaper.id, mathPaper);
    rows.push(...daily.filter((r) => r.id === mathPaper!.id));
  }

  const deps = await createTestDeps('sqlite', new Date(`${days.at(-1)}T18:00:00Z`));
  const users = new Map<string, number>();
  const ids = new Map<string, number>();
  for (const r of rows) {
    const p = papers.get(r.id);
    if (!p) continue;
    let paperId = ids.get(r.id);
    if (paperId === undefined) {
      paperId = await insertPaper(deps.db, {
        arxivId: p.id,
        title: p.title,
        abstract: p.abstract,
        authors: p.authors,
        publishedAt: `${p.published}T00:00:00.000Z`,
        categories: p.categories,
        githubRepo: p.github,
        upvotes: r.upvotes ?? 0,
      });
      ids.set(r.id, paperId);
    }
    let submitterId: number | null = null;
    if (r.submittedBy) {
      submitterId = users.get(r.submittedBy) ?? (await insertUser(deps.db, { username: r.submittedBy }));
      users.set(r.submittedBy, submitterId);
    }
    await insertListing(deps.db, paperId, r.date, { submitterId });
  }
  console.log(`${ids.size} papers on ${days.length} days (${days[0]} .. ${days.at(-1)})`);

  const top = [...rows].sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0))[0]!;

  const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;

  const pages: Array<[string, string]> = [
    ['daily', '/'],
    ['paper-math', `/papers/${mathPaper?.id ?? top.id}`],
    ['paper-top', `/papers/${top.id}`],
    ['week', `/papers/week`],
    ['trending', '/papers/trending'],
    ['search', '/search?q=video+generation&code=1'],
    ['not-found', '/papers/2601.99999'],
    ['bad-request', '/papers/date/2025-13-01'],
  ];
  const viewports = [
    { name: 'desktop', width: 1280, height: 900, isMobile: false, deviceScaleFactor: 1 },
    { name: 'phone', width: 390, height: 844, isMobile: true, deviceScaleFactor: 2 },
    { name: 'phone-dark', width: 390, height: 844, isMobile: true, deviceScaleFactor: 2, colorScheme: 'dark' as const },
  ];
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchBrowser();
  try {
    for (const vp of viewports) {
      const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, isMobile: vp.isMobile, deviceScaleFactor: vp.deviceScaleFactor, colorScheme: 'colorScheme' in vp ? vp.colorScheme : 'light', javaScriptEnabled: false });
      const page = await context.newPage();
      const external: string[] = [];
      page.on('request', (req) => {
        if (!req.url().startsWith(base) && !req.url().startsWith('data:')) external.push(req.url());
      });
      for (const [name, url] of pages) {
        const res = await page.goto(base + url, { waitUntil: 'networkidle' });
        const file = path.join(OUT, `${name}-${vp.name}.png`);
        await page.screenshot({ path: file, fullPage: name === 'paper-math' });
        // A string, because this file is type-checked without the DOM library.
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
        console.log(`${vp.name} ${url} → ${res?.status()} ${file}${overflow > 0 ? ` (overflows by ${overflow}px)` : ''}`);
      }
      if (external.length > 0) console.log(`requests to other hosts: ${external.join(', ')}`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
    await deps.db.drop();
  }
}

await main();
