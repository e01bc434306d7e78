import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dueDigestPeriod } from '../src/domain/digest-schedule';
import { countOutboxByStatus } from '../src/storage/repos/outbox-repo';
import { listJobRuns } from '../src/storage/repos/job-runs-repo';
import { createTestDeps } from './deps';
import { insertSubscription, listPapers } from './digests';
import { startSmtpSink } from './smtp-sink';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ZONES = ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/New_York', 'Pacific/Kiritimati'];
const SUBSCRIBERS = 900;
/** Virtual seconds per real second: a job slot of a minute lasts one real second. */
const SPEED = 60;
/** Monday 24 August 2026, two minutes before the daily (and weekly) digest of UTC subscribers. */
const VIRTUAL_START = Date.parse('2026-08-24T06:58:00Z');
const MINUTE = 60_000;

type RunEvent = { event: 'start' | 'end'; job: string; slot: string; runner: string; at: number };

/**
 * The multi-process test: two `paperboy jobs run` processes (test/fixtures/job-runner.ts:
 * the real runner and schedule on a shared fast virtual clock) against one PostgreSQL database
 * and one SMTP server, racing for every slot of compose-digests (every virtual minute),
 * deliver-outbox (every 10 virtual seconds) and cleanup. One is killed with SIGKILL while mail is
 * going out; the other carries on: its recovery takes back what the dead one left in `sending`.
 * Checked: no (job, slot) started twice, no slot of compose-digests skipped, each (subscription,
 * period) composed once and exactly the periods the schedule says, every digest delivered, and
 * repeats no more than the messages in flight at the kill.
 */
describe('two job runners on PostgreSQL', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('run each slot once and compose each period once; one killed, the other continues', { timeout: 120_000 }, async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const deps = await createTestDeps('postgres', new Date(VIRTUAL_START), { SMTP_URL: sink.url });
    cleanups.push(() => deps.db.drop());
    await listPapers(deps.db, '2026-08-23', 5);
    const subs: Array<Awaited<ReturnType<typeof insertSubscription>>> = [];
    for (let i = 0; i < SUBSCRIBERS; i++) subs.push(await insertSubscription(deps.db, { cadence: i % 3 === 0 ? 'weekly' : 'daily', timeZone: ZONES[i % ZONES.length]! }));

    const realStart = Date.now() + 8000; // both children up (tsx) before the clock starts, unless the machine is very busy
    const env = {
      ...process.env,
      DATABASE_URL: deps.db.url,
      SMTP_URL: sink.url,
      SITE_URL: 'http://paperboy.test',
      LOG_LEVEL: 'error',
      IMPORT_SAMPLE: 'false',
      DIGEST_HOUR: '7',
      DIGEST_WEEKDAY: '1',
      DIGEST_MAX_LATE_HOURS: '12',
      CLOCK_VIRTUAL_START: String(VIRTUAL_START),
      CLOCK_REAL_START: String(realStart),
      CLOCK_SPEED: String(SPEED),
      TICK_MS: '20',
    };
    const events: RunEvent[] = [];
    const started: RunEvent[] = [];
    const spawnRunner = (name: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/job-runner.ts'], { cwd: ROOT, env: { ...env, RUNNER_ID: name }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let stderr = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const lines = out.split('\n');
        out = lines.pop()!;
        for (const line of lines) {
          if (!line.trim()) continue;
          const e = JSON.parse(line) as RunEvent;
          events.push(e);
          if (e.event === 'start') started.push(e);
        }
      });
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      cleanups.push(async () => void (child.exitCode === null && child.kill('SIGKILL')));
      return { child, exited, stderr: () => stderr };
    };
    const a = spawnRunner('runner-a');
    const b = spawnRunner('runner-b');

    // The expected digests: the schedule's due period of each subscriber at some virtual minute
    // of the run (composition is checked every minute).
    const expectedFor = (until: number) => {
      const keys = new Set<string>();
      for (const s of subs) {
        for (let t = VIRTUAL_START; t <= until; t += MINUTE) {
          const p = dueDigestPeriod({ cadence: s.cadence, timeZone: s.timeZone, hour: 7, weekday: 1, maxLateHours: 12 }, new Date(t));
          if (p) keys.add(`${s.id} ${p.key}`);
        }
      }
      return keys;
    };
    const total = expectedFor(VIRTUAL_START + 30 * MINUTE).size;

    // Kill A while mail is going out (a third of it sent), after both raced for a few minutes' slots.
    await waitUntil(() => sink.mails.length >= total / 3 && Date.now() >= realStart + 4000, 60_000, () => a.stderr() + b.stderr());
    a.child.kill('SIGKILL');
    await a.exited;
    const killedAt = Date.now();
    const killedAtVirtual = VIRTUAL_START + (killedAt - realStart) * SPEED;
    const inFlightAtKill = (await countOutboxByStatus(deps.db)).sending;
    const startedByA = started.filter((s) => s.runner === 'runner-a').length;

    // B goes on: all mail out (including what A left in `sending`, after the lease), then a few more slots.
    await waitUntil(() => sink.mails.length >= total, 60_000, () => b.stderr());
    const runsByBAfterKill = () => started.filter((s) => s.runner === 'runner-b' && s.job === 'compose-digests').length;
    const before = runsByBAfterKill();
    await waitUntil(() => runsByBAfterKill() >= before + 3, 30_000, () => b.stderr());
    b.child.kill('SIGTERM');
    expect(await b.exited, b.stderr()).toBe(0);
    const virtualEnd = VIRTUAL_START + (Date.now() - realStart) * SPEED;

    // Each (job, slot) started once, by one runner; both runners took slots.
    const slotKeys = started.map((s) => `${s.job} ${s.slot}`);
    expect(new Set(slotKeys).size).toBe(slotKeys.length);
    expect(startedByA).toBeGreaterThan(0);
    expect(started.filter((s) => s.runner === 'runner-b').length).toBeGreaterThan(0);
    // job_runs has the same runs; every one finished except at most one per job of the killed runner.
    const runs = await listJobRuns(deps.db);
    const runKeys = runs.map((r) => `${r.name} ${r.slot}`);
    for (const key of slotKeys) expect(runKeys).toContain(key);
    // A slot claimed in the instant before a kill has its row but may never have logged its start
    // (A's SIGKILL, B's SIGTERM): at most one such run per job.
    expect(runKeys.length - slotKeys.length).toBeLessThanOrEqual(3);
    expect(new Set(runKeys).size).toBe(runKeys.length);
    const unfinished = runs.filter((r) => r.finishedAt === null);
    expect(unfinished.every((r) => r.runner === 'runner-a')).toBe(true);
    expect(unfinished.length).toBeLessThanOrEqual(3);
    expect(runs.filter((r) => r.error !== null)).toEqual([]);
    // compose-digests: every virtual minute from the first to the last ran, except a minute in
    // which every live runner was still busy with an earlier composition (a slot is not queued).
    const composeSlots = runs.filter((r) => r.name === 'compose-digests').map((r) => Date.parse(r.slot));
    // From the minute the first runner came up (06:58 unless starting took longer than the margin).
    const firstMinute = Math.floor(Math.min(...events.map((e) => e.at)) / MINUTE) * MINUTE;
    expect(composeSlots[0]! - firstMinute).toBeLessThanOrEqual(MINUTE);
    // Busy: a run of this runner in progress at the minute's start and still running half a
    // minute later (the runner polls every 20 virtual seconds, and a loaded event loop is late).
    const busy = (runner: string, t: number) =>
      events.some(
        (e) =>
          e.event === 'start' && e.runner === runner && e.job === 'compose-digests' && e.at <= t &&
          !events.some((f) => f.event === 'end' && f.runner === runner && f.slot === e.slot && f.job === e.job && f.at < t + MINUTE / 2),
      );
    if (process.env.JOB_RUNNERS_DEBUG) for (const e of events) console.log(`${e.runner} ${e.event} ${e.job} ${e.slot.slice(11, 19)} at ${new Date(e.at).toISOString().slice(11, 19)}`);
    // Liveness, judged from log timestamps of two processes on a shared, loaded machine: a skipped
    // minute must be explained by busy runners, with a tolerance of two for late log lines.
    let busySkips = 0;
    const idleSkips: string[] = [];
    for (let t = VIRTUAL_START; t <= composeSlots.at(-1)!; t += MINUTE) {
      if (composeSlots.includes(t)) continue;
      const alive = t + MINUTE / 2 < killedAtVirtual ? ['runner-a', 'runner-b'] : ['runner-b'];
      if (alive.every((r) => busy(r, t))) busySkips += 1;
      else idleSkips.push(new Date(t).toISOString());
    }
    const around = events.filter((e) => e.job === 'compose-digests').map((e) => `${e.runner} ${e.event} ${e.slot.slice(11, 16)} at ${new Date(e.at).toISOString().slice(11, 19)}`);
    expect(idleSkips.length, `minutes skipped while a runner was idle: ${idleSkips.join(', ')} (killed at ${new Date(killedAtVirtual).toISOString()}):\n${around.join('\n')}`).toBeLessThanOrEqual(2);

    // Each (subscription, period) composed once: exactly the schedule's periods.
    const rows = await deps.db.kysely.selectFrom('digest_outbox').select(['subscription_id', 'period_key', 'email', 'status']).execute();
    const composed = rows.map((r) => `${r.subscription_id} ${r.period_key}`);
    expect(new Set(composed).size).toBe(composed.length);
    expect(new Set(composed)).toEqual(expectedFor(virtualEnd));
    expect(rows.every((r) => r.status === 'sent')).toBe(true);

    // Every digest delivered; repeats at most the messages in flight at the kill.
    await new Promise((r) => setTimeout(r, 300));
    const perRecipient = new Map<string, number>();
    for (const m of sink.mails) perRecipient.set(m.to[0]!, (perRecipient.get(m.to[0]!) ?? 0) + 1);
    const missed = rows.filter((r) => !perRecipient.has(r.email)).length;
    const repeats = sink.mails.length - rows.length;
    const perJob = (runner: string) => ['compose-digests', 'deliver-outbox', 'cleanup'].map((j) => `${j} ${started.filter((s) => s.runner === runner && s.job === j).length}`).join(', ');
    const byGroup = new Map<string, number>();
    for (const r of rows) byGroup.set(r.period_key, (byGroup.get(r.period_key) ?? 0) + 1);
    console.log(
      `two job runners (postgres): ${SUBSCRIBERS} subscribers in ${ZONES.length} zones; ${rows.length} digests composed ${JSON.stringify(Object.fromEntries(byGroup))}; ` +
        `runs started: ${started.length} (runner-a ${startedByA} before SIGKILL: ${perJob('runner-a')}; runner-b ${started.length - startedByA}: ${perJob('runner-b')}); ` +
        `compose slots ${composeSlots.length} (${busySkips} minute(s) skipped while every runner was composing; virtual ${new Date(composeSlots[0]!).toISOString().slice(11, 16)}–${new Date(composeSlots.at(-1)!).toISOString().slice(11, 16)}), ` +
        `deliver slots ${runs.filter((r) => r.name === 'deliver-outbox').length}, cleanup ${runs.filter((r) => r.name === 'cleanup').length}; unfinished (killed) ${unfinished.length}; ` +
        `in 'sending' at the kill ${inFlightAtKill}; mails ${sink.mails.length}, missed ${missed}, repeats ${repeats}; ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
    );
    expect(missed).toBe(0);
    expect(repeats).toBeLessThanOrEqual(inFlightAtKill);
  });
});

async function waitUntil(check: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out; stderr of the runners:\n${context()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
