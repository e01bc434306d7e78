import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from './config';
import { registerDigestCommand } from './cli/digest-command';
import { registerEmbedCommand } from './cli/embed-command';
import { registerImportCommand } from './cli/import-command';
import { registerJobsCommand } from './cli/jobs-command';
import { registerMigrateCommand } from './cli/migrate-command';
import { registerServeCommand } from './cli/serve-command';
import { registerUserCommand } from './cli/user-command';
import { registerSubscribersCommand } from './cli/subscribers-command';
import { openDeps } from './cli/open-deps';

/**
 * Entry point: `paperboy <command>`. Configuration is parsed once, lazily, so `--help` works
 * even with a broken environment. Every failure ends as one line on stderr and a non-zero code.
 */
let config: Config | undefined;
const getConfig = (): Config => (config ??= loadConfig());

const program = new Command()
  .name('paperboy')
  .description('Paperboy: the papers your research community reads, upvotes and discusses.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerServeCommand(program, getConfig);
registerMigrateCommand(program, getConfig);
registerImportCommand(program, () => openDeps(getConfig()));
registerUserCommand(program, () => openDeps(getConfig()));
registerDigestCommand(program, () => openDeps(getConfig()));
registerJobsCommand(program, () => openDeps(getConfig()));
registerSubscribersCommand(program, () => openDeps(getConfig()));
registerEmbedCommand(program, () => openDeps(getConfig()));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  const message = error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
