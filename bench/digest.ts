/**
 * Digest benchmark: composes a daily digest for N subscribers (default 10,000) into the outbox and
 * delivers it through a local SMTP server (smtp-server in this process, bodies discarded, no
 * reverse DNS), on a fresh SQLite and/or PostgreSQL database. Prints compose time, delivery
 * messages per second and the process's peak RSS (resourceUsage().maxRSS, plus the highest
 * sampled memoryUsage().rss during each phase); with both databases each runs in its own process.
 *
 *   npm run bench:digest -- [--db sqlite|postgres|both] [--subscribers N] [--concurrency N] [--batch-size N]
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { createArxivClient } from '../src/arxiv/arxiv-client';
import { loadConfig } from '../src/config';
import type { Deps } from '../src/deps';
import { createMailer } from '../src/email/mailer';
import { composeDigest } from '../src/features/digests/compose-digest';
import { deliverOutbox } from '../src/features/digests/deliver-outbox';
import { silentLogger } from '../src/log';
import type { Dialect } from '../src/storage/database';
import { countOutboxByStatus } from '../src/storage/repos/outbox-repo';
import { createKeywordSearch } from '../src/storage/search/create-keyword-search';
import { dailyPeriod, insertSubscriptions, listPapers } from '../test/digests';
import { createTempDatabase } from './lib/temp-database';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    subscribers: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '4' },
    'batch-size': { type: 'string', default: '50' },
  },
});
const N = Number(values.subscribers);

/** A discarding SMTP server: reads each message to the end and accepts it. */
async function startDiscardServer(): Promise<{ url: string; received: () => number; close(): Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, close: () => new Promise((r) => server.close(() => r())) };
}

/** Runs `fn` while sampling RSS every 50 ms; returns its result, seconds and the highest sample (MiB). */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, seconds: (performance.now() - t0) / 1000, peakRssMiB: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function benchOne(dialect: Dialect): Promise<void> {
  const smtp = await startDiscardServer();
  const db = await createTempDatabase(dialect);
  try {
    const config = loadConfig({ DATABASE_URL: dialect === 'sqlite' ? `sqlite:${db.location}` : db.location, SITE_URL: 'https://paperboy.example', SMTP_URL: smtp.url, IMPORT_SAMPLE: 'false' });
    const deps: Deps = {
      config,
      db,
      search: createKeywordSearch(db),
      log: silentLogger,
      mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: silentLogger }),
      arxiv: createArxivClient({ baseUrl: config.arxivApiUrl }),
      now: () => new Date(),
    };
    await listPapers(db, '2026-08-21', 10);
    const subs = await insertSubscriptions(db, N, 'bench');
    const period = dailyPeriod('2026-08-21');

    const compose = await measured(async () => {
      for (const subscription of subs) await composeDigest(deps, { subscription, period });
    });
    const deliver = await measured(() =>
      deliverOutbox(deps, { runnerId: 'bench', concurrency: Number(values.concurrency), batchSize: Number(values['batch-size']) }),
    );
    const counts = await countOutboxByStatus(db);
    if (counts.sent !== N || smtp.received() !== N) throw new Error(`expected ${N} sent, got ${JSON.stringify(counts)}, server received ${smtp.received()}`);
    const row = await db.kysely.selectFrom('digest_outbox').select(['html_body', 'text_body']).limit(1).executeTakeFirstOrThrow();
    console.log(
      [
        `${dialect}: ${N} subscribers, 10 papers per digest (HTML ${(row.html_body.length / 1024).toFixed(1)} kB, text ${(row.text_body.length / 1024).toFixed(1)} kB)`,
        `  compose: ${compose.seconds.toFixed(1)} s (${Math.round(N / compose.seconds)} digests/s), peak RSS ${compose.peakRssMiB.toFixed(0)} MiB`,
        `  deliver: ${deliver.seconds.toFixed(1)} s, ${Math.round(N / deliver.seconds)} messages/s (concurrency ${values.concurrency}, batch ${values['batch-size']}), peak RSS ${deliver.peakRssMiB.toFixed(0)} MiB`,
      ].join('\n'),
    );
  } finally {
    await db.drop();
    await smtp.close();
  }
}

if (values.db === 'both') {
  // One process per database, so each peak RSS is that database's alone.
  for (const dialect of ['sqlite', 'postgres']) {
    const args = process.argv.slice(1).filter((a, k, all) => a !== '--db' && all[k - 1] !== '--db');
    const run = spawnSync(process.execPath, [...process.execArgv, ...args, '--db', dialect], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
} else {
  console.log(`${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} · Node ${process.version} · load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await benchOne(values.db as Dialect);
  console.log(`  process peak RSS (resourceUsage().maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  // With --expose-gc: what stays live after the run (a leak would show here, not in RSS).
  if (global.gc) {
    global.gc();
    console.log(`  after gc: heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
  }
}
