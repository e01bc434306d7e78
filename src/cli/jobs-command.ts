import type { Command } from 'commander';
import type { Deps } from '../deps';
import { newRunnerId, startJobRunner } from '../jobs/run-jobs';
import { JOBS } from '../jobs/schedule';

const RUN_HELP = `
Runs the scheduled jobs (${JOBS.map((j) => `${j.name} every ${j.schedule.everySeconds}s`).join(', ')})
without the web server, until SIGINT or SIGTERM; then it finishes the runs in progress and exits.

On PostgreSQL run as many as you like (and serve with RUN_JOBS=true or false): each job's slot
runs once across all of them. On SQLite run jobs in one process only: either here, with
RUN_JOBS=false for serve, or inside serve.`;

/** `paperboy jobs run`: the job runner as its own (worker) process. */
export function registerJobsCommand(program: Command, getDeps: () => Promise<Deps>): void {
  const jobs = program.command('jobs').description('run the scheduled jobs (digests, delivery, cleanup) without the web server');
  jobs
    .command('run')
    .description('run the job runner until stopped')
    .option('--only <names>', `comma-separated job names (${JOBS.map((j) => j.name).join(', ')})`)
    .addHelpText('after', RUN_HELP)
    .action(async (opts: { only?: string }) => {
      const names = opts.only?.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = names?.filter((n) => !JOBS.some((j) => j.name === n)) ?? [];
      if (unknown.length > 0) throw new Error(`--only: unknown job ${unknown.join(', ')} (known: ${JOBS.map((j) => j.name).join(', ')})`);
      const deps = await getDeps();
      const runner = startJobRunner(deps, { jobs: names ? JOBS.filter((j) => names.includes(j.name)) : JOBS, runnerId: newRunnerId() });
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      deps.log.info('job runner stopping: waiting for the runs in progress');
      await runner.stop();
      await deps.db.close();
    });
}
