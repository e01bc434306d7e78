import type { Command } from 'commander';
import type { Config } from '../config';
import { openDeps } from './open-deps';

/** `paperboy migrate`: apply pending migrations and exit. */
export function registerMigrateCommand(program: Command, getConfig: () => Config): void {
  program
    .command('migrate')
    .description('apply pending database migrations (forward only) and exit')
    .action(async () => {
      const deps = await openDeps(getConfig());
      deps.log.info('database is up to date');
      await deps.db.close();
    });
}
