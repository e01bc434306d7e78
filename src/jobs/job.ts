import type { Deps } from '../deps';

/** When a job runs: once per slot of this many seconds, slots aligned to the epoch (a minute starts at :00). */
export type JobSchedule = { everySeconds: number };

/** What a run knows about itself. */
export type JobContext = {
  /** This process's name in job_runs.runner and digest_outbox.claimed_by. */
  runnerId: string;
  /** The slot's start, ISO 8601 (UTC): the run's key in job_runs. */
  slot: string;
  /** The runner's clock when the slot was taken. */
  now: Date;
  /** Aborted when the runner stops: a long run should end at its next safe point. */
  signal: AbortSignal;
};

/**
 * A scheduled job: one file per job in src/jobs/, all listed in jobs/schedule.ts. `run` may return
 * a one-line summary for the log (nothing when there was nothing to do). Each slot runs once
 * across all processes (see run-jobs.ts); a run that throws is logged and recorded, and the next
 * slot runs as usual, so every job must be safe to run again after a failure.
 */
export type Job = {
  name: string;
  schedule: JobSchedule;
  run(deps: Deps, ctx: JobContext): Promise<string | void>;
};

/** The start (ms since the epoch) of the slot of `schedule` that contains instant `t`. */
export function slotStart(schedule: JobSchedule, t: number): number {
  const every = schedule.everySeconds * 1000;
  return Math.floor(t / every) * every;
}
