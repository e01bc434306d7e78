import type { Db } from '../database';

/** One recorded run of a scheduled job (see jobs/run-jobs.ts). */
export type JobRun = {
  name: string;
  /** The slot's start, ISO 8601 (UTC). */
  slot: string;
  runner: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
};

/**
 * Claims the run of job `name` for `slot`: true for the one caller whose row went in, false for
 * every other (another process, or this one again). The primary key (name, slot) decides, in one
 * statement, so any number of processes on PostgreSQL agree without a lock held during the run.
 */
export async function claimJobRun(db: Db, run: { name: string; slot: string; runner: string; startedAt: string }): Promise<boolean> {
  const row = await db.kysely
    .insertInto('job_runs')
    .values({ name: run.name, slot: run.slot, runner: run.runner, started_at: run.startedAt })
    .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the end of a claimed run; `error` is null when it succeeded. */
export async function finishJobRun(db: Db, run: { name: string; slot: string; finishedAt: string; error: string | null }): Promise<void> {
  await db.kysely
    .updateTable('job_runs')
    .set({ finished_at: run.finishedAt, error: run.error })
    .where('name', '=', run.name)
    .where('slot', '=', run.slot)
    .execute();
}

/** Deletes runs started before `startedBefore`. Returns how many. */
export async function deleteJobRunsBefore(db: Db, startedBefore: string): Promise<number> {
  const result = await db.kysely.deleteFrom('job_runs').where('started_at', '<', startedBefore).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Recorded runs, oldest slot first, optionally of one job (tests and operators). */
export async function listJobRuns(db: Db, filter: { name?: string } = {}): Promise<JobRun[]> {
  let query = db.kysely.selectFrom('job_runs').selectAll();
  if (filter.name !== undefined) query = query.where('name', '=', filter.name);
  const rows = await query.orderBy('slot').orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, slot: r.slot, runner: r.runner, startedAt: r.started_at, finishedAt: r.finished_at ?? null, error: r.error ?? null }));
}
