import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { composeDigest } from '../src/features/digests/compose-digest';
import { countOutboxByStatus } from '../src/storage/repos/outbox-repo';
import type { Dialect } from '../src/storage/database';
import { createTestDeps } from './deps';
import { dailyPeriod, insertSubscriptions, listPapers } from './digests';
import { startSmtpSink } from './smtp-sink';

const SUBSCRIBERS = 2000;
const MIN_KILLS = 10;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The crash test: a digest to 2,000 subscribers while the sending process is killed with
 * SIGKILL at random moments (after a random number of mails, 1–150, plus a random 0–20 ms) at
 * least 10 times and restarted each time. Right after each kill the rows left in `sending` are
 * counted: they are the messages in flight, the most that may be repeated. At the end every
 * subscriber has a mail and the repeats are within the sum of those counts.
 */
describe.each<Dialect>(['sqlite', 'postgres'])('digest delivery survives SIGKILL (%s)', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it(`delivers to all ${SUBSCRIBERS} subscribers across ${MIN_KILLS}+ kills, repeating at most the messages in flight`, { timeout: 150_000 }, async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const deps = await createTestDeps(dialect, new Date(), { SMTP_URL: sink.url });
    cleanups.push(() => deps.db.drop());
    await listPapers(deps.db, '2026-08-21', 10);
    const subs = await insertSubscriptions(deps.db, SUBSCRIBERS, `crash-${dialect}-`);
    const started = Date.now();
    for (const subscription of subs) await composeDigest(deps, { subscription, period: dailyPeriod('2026-08-21') });
    const composeMs = Date.now() - started;
    expect((await countOutboxByStatus(deps.db)).pending).toBe(SUBSCRIBERS);

    const env = { ...process.env, DATABASE_URL: deps.db.url, SMTP_URL: sink.url, SITE_URL: 'http://paperboy.test', LOG_LEVEL: 'error', IMPORT_SAMPLE: 'false' };
    const inFlightAtKills: number[] = [];
    let runs = 0;
    for (;;) {
      runs += 1;
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/digest-sender.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      if (inFlightAtKills.length >= MIN_KILLS) {
        const code = await exited;
        expect(code, stderr).toBe(0);
        break;
      }
      const target = sink.mails.length + 1 + Math.floor(Math.random() * 150);
      const reached = await Promise.race([waitForMails(sink.mails, target, child), exited.then(() => false)]);
      if (!reached) {
        // Finished before the chosen moment: everything is out, no kill this time.
        expect(await exited, stderr).toBe(0);
        break;
      }
      await new Promise((r) => setTimeout(r, Math.random() * 20));
      child.kill('SIGKILL');
      await exited;
      inFlightAtKills.push((await countOutboxByStatus(deps.db)).sending);
    }

    // Mails whose DATA reached the sink just before a kill are still being parsed: let them land.
    await new Promise((r) => setTimeout(r, 500));
    const perRecipient = new Map<string, number>();
    for (const m of sink.mails) perRecipient.set(m.to[0]!, (perRecipient.get(m.to[0]!) ?? 0) + 1);
    const missed = subs.filter((s) => !perRecipient.has(s.email)).length;
    const duplicates = sink.mails.length - perRecipient.size;
    const bound = inFlightAtKills.reduce((a, b) => a + b, 0);
    const counts = await countOutboxByStatus(deps.db);
    console.log(
      `digest crash test (${dialect}): ${SUBSCRIBERS} subscribers, compose ${composeMs} ms, ${runs} sender runs, ${inFlightAtKills.length} SIGKILLs; ` +
        `in 'sending' at each kill: [${inFlightAtKills.join(', ')}] (sum ${bound}); mails ${sink.mails.length}, missed ${missed}, duplicates ${duplicates}; ` +
        `outbox ${JSON.stringify(counts)}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(inFlightAtKills.length).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(missed).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(bound);
    expect(counts).toEqual({ pending: 0, sending: 0, sent: SUBSCRIBERS, failed: 0, cancelled: 0 });
  });
});

/** Resolves true once `mails` has `count` entries (polling; the sink lives in this process). */
async function waitForMails(mails: unknown[], count: number, child: ChildProcess): Promise<boolean> {
  while (mails.length < count) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  return true;
}
