import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases';
import { createTestDeps } from '../../test/deps';
import type { Logger } from '../log';
import { listJobRuns } from '../storage/repos/job-runs-repo';
import type { Job } from './job';
import { startJobRunner } from './run-jobs';
import { JOBS } from './schedule';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

describe.each(DIALECTS)('startJobRunner (%s)', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function setup() {
    const deps = await createTestDeps(dialect);
    cleanups.push(() => deps.db.drop());
    const errors: string[] = [];
    const log: Logger = { debug() {}, info() {}, warn() {}, error: (m) => errors.push(m) };
    let now = Date.parse('2026-08-24T06:59:30Z');
    return { deps: { ...deps, log }, errors, clock: () => new Date(now), advance: (ms: number) => (now += ms) };
  }

  it('two runners on one database run each slot of each job once; a failing job is recorded and the runners go on', async () => {
    const { deps, errors, clock, advance } = await setup();
    const ran: string[] = [];
    let failures = 0;
    const counter: Job = {
      name: 'count',
      schedule: { everySeconds: 60 },
      async run(_deps, ctx) {
        ran.push(`${ctx.slot} ${ctx.runnerId}`);
        await sleep(Math.random() * 10);
      },
    };
    const failing: Job = {
      name: 'fail-every-other',
      schedule: { everySeconds: 120 },
      async run(_deps, ctx) {
        if (Date.parse(ctx.slot) % 240_000 === 0) {
          failures += 1;
          throw new Error('boom');
        }
      },
    };
    const a = startJobRunner(deps, { jobs: [counter, failing], runnerId: 'a', clock, tick: 2 });
    const b = startJobRunner(deps, { jobs: [counter, failing], runnerId: 'b', clock, tick: 3 });
    cleanups.push(async () => void (await Promise.all([a.stop(), b.stop()])));
    const slots = 30;
    for (let i = 0; i < slots; i++) {
      const before = ran.length;
      await until(() => ran.length > before);
      await sleep(15); // both runners see the slot and race for it
      advance(60_000);
    }
    await Promise.all([a.stop(), b.stop()]);

    const slotsRun = ran.map((r) => r.split(' ')[0]);
    expect(new Set(slotsRun).size).toBe(ran.length); // no slot twice
    expect(ran.length).toBeGreaterThanOrEqual(slots);
    // Consecutive minutes from 06:59, none skipped.
    expect(slotsRun.slice(0, slots)).toEqual(Array.from({ length: slots }, (_, i) => new Date(Date.parse('2026-08-24T06:59:00Z') + i * 60_000).toISOString()));
    // Both runners took slots (they race every minute).
    expect(new Set(ran.map((r) => r.split(' ')[1])).size).toBe(2);

    const runs = await listJobRuns(deps.db);
    expect(runs.filter((r) => r.name === 'count')).toHaveLength(ran.length);
    expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
    const failed = runs.filter((r) => r.error !== null);
    expect(failed).toHaveLength(failures);
    expect(failures).toBeGreaterThanOrEqual(5);
    expect(failed.every((r) => r.name === 'fail-every-other' && r.error!.includes('boom'))).toBe(true);
    expect(errors.filter((e) => e.includes('fail-every-other') && e.includes('boom'))).toHaveLength(failures);
    // The failing job's good slots ran too.
    expect(runs.filter((r) => r.name === 'fail-every-other' && r.error === null).length).toBeGreaterThanOrEqual(5);
  });

  it('stop() waits for the run in progress and starts no other', async () => {
    const { deps, clock, advance } = await setup();
    let finished = 0;
    let started = 0;
    const slow: Job = {
      name: 'slow',
      schedule: { everySeconds: 10 },
      async run(_deps, ctx) {
        started += 1;
        // A long job ends early at its next safe point when the runner stops.
        for (let i = 0; i < 40 && !ctx.signal.aborted; i++) await sleep(10);
        await sleep(50);
        finished += 1;
      },
    };
    const runner = startJobRunner(deps, { jobs: [slow], runnerId: 'r', clock, tick: 2 });
    await until(() => started === 1);
    const stopping = runner.stop();
    advance(60_000);
    await stopping;
    expect(finished).toBe(1);
    await sleep(30);
    expect(started).toBe(1);
    const [run] = await listJobRuns(deps.db);
    expect(run).toMatchObject({ name: 'slow', runner: 'r', error: null });
    expect(run!.finishedAt).not.toBeNull();
  });

  it('runs the real schedule: compose, deliver and cleanup each once for their slot', async () => {
    const { deps, errors, clock } = await setup();
    const runner = startJobRunner(deps, { jobs: JOBS, runnerId: 'real', clock, tick: 5 });
    await until(async () => (await listJobRuns(deps.db)).filter((r) => r.finishedAt !== null).length === JOBS.length);
    await runner.stop();
    expect((await listJobRuns(deps.db)).map((r) => [r.name, r.slot, r.error])).toEqual([
      ['cleanup', '2026-08-24T06:00:00.000Z', null],
      ['compose-digests', '2026-08-24T06:59:00.000Z', null],
      ['deliver-outbox', '2026-08-24T06:59:30.000Z', null],
    ]);
    expect(errors).toEqual([]);
  });
});
