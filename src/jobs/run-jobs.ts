import crypto from 'node:crypto';
import os from 'node:os';
import type { Deps } from '../deps';
import { claimJobRun, finishJobRun } from '../storage/repos/job-runs-repo';
import { slotStart, type Job } from './job';

/** A started runner; `stop()` resolves once the runs in progress have finished. */
export type JobRunner = { stop(): Promise<void> };

export type JobRunnerOptions = {
  jobs: readonly Job[];
  /** Unique per process, e.g. newRunnerId(). */
  runnerId: string;
  /** The clock (default deps.now); tests step it. */
  clock?: () => Date;
  /** How often (ms) the runner looks for a slot to run (default 1000). */
  tick?: number;
};

/**
 * Runs each job once per slot of its schedule, in this process and across processes: before a
 * run the runner inserts (name, slot) into job_runs, and only the process whose insert went in
 * runs it (the primary key decides, on SQLite and PostgreSQL alike), so any number of runners on
 * one PostgreSQL database run each slot once. On SQLite the database is one file on one machine:
 * run jobs in one process (the server with RUN_JOBS, or one `paperboy jobs run`); a second would
 * still not repeat a slot, but would only wait on the file lock.
 *
 * Jobs run independently: a long delivery does not hold up composing. A job still running when
 * its next slot starts skips that slot in this process (another process may take it). A slot
 * that passed while no runner was up is not caught up: each job works from the state it finds
 * (composing picks up missed digests within DIGEST_MAX_LATE_HOURS; delivery sends what is due).
 * A run that throws is logged and its error recorded; the runner goes on. A claimed run whose
 * process dies stays unfinished in job_runs (finished_at null) and is not retried: the next slot
 * does its work. Old rows are deleted by the cleanup job.
 */
export function startJobRunner(deps: Deps, options: JobRunnerOptions): JobRunner {
  const { jobs, runnerId } = options;
  const clock = options.clock ?? deps.now;
  const lastSlot = new Map<string, number>();
  const running = new Map<string, Promise<void>>();
  const controller = new AbortController();
  let stopped = false;

  const runSlot = async (job: Job, slot: string, now: Date) => {
    try {
      if (!(await claimJobRun(deps.db, { name: job.name, slot, runner: runnerId, startedAt: clock().toISOString() }))) return;
    } catch (error) {
      deps.log.error(`job ${job.name} ${slot}: cannot claim the run: ${(error as Error).message}`);
      return;
    }
    const started = Date.now();
    let error: string | null = null;
    try {
      const summary = await job.run(deps, { runnerId, slot, now, signal: controller.signal });
      const line = `job ${job.name} ${slot}: ${summary ?? 'nothing to do'} (${Date.now() - started} ms)`;
      if (summary) deps.log.info(line);
      else deps.log.debug(line);
    } catch (e) {
      error = ((e as Error)?.stack ?? String(e)).slice(0, 2000);
      deps.log.error(`job ${job.name} ${slot} failed: ${(e as Error)?.message ?? String(e)}`);
    }
    try {
      await finishJobRun(deps.db, { name: job.name, slot, finishedAt: clock().toISOString(), error });
    } catch (e) {
      deps.log.error(`job ${job.name} ${slot}: cannot record the end of the run: ${(e as Error).message}`);
    }
  };

  const poll = () => {
    if (stopped) return;
    const now = clock();
    for (const job of jobs) {
      if (running.has(job.name)) continue;
      const start = slotStart(job.schedule, now.getTime());
      if (lastSlot.get(job.name) === start) continue;
      lastSlot.set(job.name, start);
      const run = runSlot(job, new Date(start).toISOString(), now).finally(() => running.delete(job.name));
      running.set(job.name, run);
    }
  };

  const timer = setInterval(poll, options.tick ?? 1000);
  poll();
  deps.log.info(`job runner ${runnerId} started: ${jobs.map((j) => `${j.name} every ${j.schedule.everySeconds}s`).join(', ')}`);

  return {
    async stop() {
      if (!stopped) {
        stopped = true;
        clearInterval(timer);
        controller.abort();
      }
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** A runner id naming this host and process, unique per start: `host:pid:random`. */
export function newRunnerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}
