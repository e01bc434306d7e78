import type { Command } from 'commander';
import type { Config } from '../config';
import type { Deps } from '../deps';
import { importSampleIfEmpty } from '../features/import-sample';
import { openDeps, redact } from './open-deps';
import { trainSampleModelInBackground } from './train-in-background';

/** `paperboy serve`: migrate, import the bundled sample into an empty database, serve HTTP. */
export function registerServeCommand(program: Command, getConfig: () => Config): void {
  program
    .command('serve')
    .description('apply migrations, import the bundled sample if the database is empty, and serve the site')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--no-sample', 'do not import the bundled sample into an empty database')
    .action(async (opts: { port?: string; sample: boolean }) => {
      const config = getConfig();
      const port = opts.port === undefined ? config.port : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got "${opts.port}"`);
      const deps = await openDeps(config);
      const isSampleImported = opts.sample && config.importSample && (await importSampleIfEmpty(deps));
      // Loaded here so that other commands (and --help) do not pay for the web stack.
      const [{ serve }, { createApp }] = await Promise.all([import('@hono/node-server'), import('../app')]);
      const app = createApp(deps);
      // Requests still running when a client hangs up keep using the database: shutdown waits
      // for them before closing it.
      let inFlight = 0;
      const fetch = async (request: Request, env: unknown) => {
        inFlight += 1;
        try {
          return await app.fetch(request, env);
        } finally {
          inFlight -= 1;
        }
      };
      const server = serve({ fetch, port, hostname: config.host }, (info) => {
        deps.log.info(`Paperboy on ${redact(config.databaseUrl)} listening at http://${config.host}:${info.port} (site ${config.siteUrl})`);
      });
      server.on('error', (error: NodeJS.ErrnoException) => {
        const reason = error.code === 'EADDRINUSE' ? `port ${port} on ${config.host} is already in use (set PORT or --port)` : error.message;
        process.stderr.write(`error: ${reason}\n`);
        process.exit(1);
      });
      // RUN_JOBS=false leaves the jobs to a separate `paperboy jobs run` (see jobs/run-jobs.ts).
      const jobs = config.runJobs ? await startJobs(deps) : null;
      // Vector search loads (or builds) its index in the background; search is keyword-only until then.
      void deps.vectors?.ready();
      if (isSampleImported) trainSampleModelInBackground(deps, config);
      const stop = async () => {
        deps.log.info('shutting down');
        setTimeout(() => process.exit(0), 10_000).unref();
        server.close();
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        await jobs?.stop();
        while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
        await deps.db.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}

/** The job runner with every scheduled job, loaded only when it runs. */
async function startJobs(deps: Deps) {
  const [{ newRunnerId, startJobRunner }, { JOBS }] = await Promise.all([import('../jobs/run-jobs'), import('../jobs/schedule')]);
  return startJobRunner(deps, { jobs: JOBS, runnerId: newRunnerId() });
}
