import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/serve-app';

const BIN = path.resolve(import.meta.dirname, '../../bin/paperboy.js');

/**
 * `paperboy serve` as a newcomer runs it (`npm start`): the real binary on an empty SQLite file,
 * which imports the bundled sample, serves it, and trains the search-by-meaning model in the
 * background.
 */
describe('paperboy serve on a fresh machine', () => {
  let dir: string;
  let child: ChildProcess;
  let log = '';
  let base: string;

  /** Resolves once the server's log has a line matching `pattern`; fails after `seconds`. */
  const logged = (pattern: RegExp, seconds: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (pattern.test(log)) done(resolve);
      }, 100);
      const deadline = setTimeout(() => done(() => reject(new Error(`no log line ${pattern} within ${seconds} s; log:\n${log}`))), seconds * 1000);
      const done = (f: () => void) => {
        clearInterval(timer);
        clearTimeout(deadline);
        f();
      };
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-serve-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The defaults a newcomer gets, bar the port and the file: EMBED_DIR next to the database.
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'paperboy.db')}`, PORT: String(port), HOST: '127.0.0.1', SITE_URL: base, RUN_JOBS: 'false', EMBED_PROVIDER: 'builtin', LOG_LEVEL: 'info' };
    delete env.EMBED_DIR;
    delete env.IMPORT_SAMPLE;
    child = spawn(process.execPath, [BIN, 'serve'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (log += String(d)));
    child.stderr!.on('data', (d) => (log += String(d)));
    await logged(/listening at/, 60);
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the bundled sample at once', async () => {
    expect(log).toMatch(/imported the bundled sample in [\d.]+ s \(2076 papers/);
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect((await res.text()).match(/<li class="card">/g)?.length ?? 0).toBeGreaterThan(5);
  });

  it('trains the search-by-meaning model in the background, then searches by meaning', async () => {
    await logged(/vector index built: 2076 papers/, 240);
    expect(log).toMatch(/search-by-meaning model trained in \d+ s/);
    expect(fs.readdirSync(path.join(dir, 'embed')).sort()).toEqual(expect.arrayContaining(['model.bin', 'model.json', 'vocab.txt', 'papers.usearch']));
    // A vector search answers with papers (without a model, mode=vector falls back to keyword
    // search, which finds nothing for words that no paper holds together as a phrase).
    const res = await fetch(`${base}/api/papers/search?q=${encodeURIComponent('"teaching robots to grasp with less pretraining data"')}&mode=vector&limit=5`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(5);
    const keyword = await fetch(`${base}/api/papers/search?q=${encodeURIComponent('"teaching robots to grasp with less pretraining data"')}&mode=keyword&limit=5`);
    expect((await keyword.json()) as unknown[]).toEqual([]);
  }, 300_000);
});
