import { Option, type Command } from 'commander';
import type { Deps } from '../deps';
import { ROLES, type Role } from '../domain/account';
import { assignRole, createVerifiedAccount, listAccounts, OPERATOR_REASON } from '../features/accounts/create-verified-account';
import { parseRole } from '../features/moderation/set-role';
import { readNewPassword, type PasswordStreams } from './read-password';
import { withDeps } from './with-deps';

const CREATE_HELP = `
The password is read from stdin when it is not a terminal (the first line), otherwise asked
twice without echo. The account is verified from the start. There is no default admin: make
the first one with --admin.

Example:
  printf '%s\\n' "$ADMIN_PASSWORD" | paperboy user create --username ada --email ada@example.org --admin`;

/**
 * `paperboy user create|set-role|list`: the operator's account commands. Each calls a use case;
 * a refused input (taken name, weak password, unknown role) throws, which main.ts prints as one
 * `error: <reason>` line with exit code 1.
 */
export function registerUserCommand(program: Command, getDeps: () => Promise<Deps>, streams?: PasswordStreams): void {
  const user = program.command('user').description('create accounts, set their roles, list them');

  user
    .command('create')
    .description('create a verified account (password from stdin or asked on the terminal)')
    .requiredOption('--username <name>', 'user name (1–39 letters, digits, - or _)')
    .requiredOption('--email <address>', 'email address')
    .addOption(new Option('--admin', 'make the account an admin').conflicts('moderator'))
    .addOption(new Option('--moderator', 'make the account a moderator'))
    .option('--reason <text>', 'for --admin or --moderator: the reason shown in the public moderation log')
    .addHelpText('after', CREATE_HELP)
    .action(async (opts: { username: string; email: string; admin?: boolean; moderator?: boolean; reason?: string }) => {
      const role: Role = opts.admin ? 'admin' : opts.moderator ? 'moderator' : 'user';
      const password = await readNewPassword(streams);
      await withDeps(getDeps, async (deps) => {
        const created = await createVerifiedAccount(deps, { username: opts.username, email: opts.email, password, role, reason: opts.reason });
        process.stdout.write(`created ${created.role} ${created.username} (id ${created.id}, verified)\n`);
      });
    });

  user
    .command('set-role')
    .description(`give an account a role (${ROLES.join(', ')})`)
    .argument('<username>', 'the account')
    .argument('<role>', ROLES.join(' | '))
    .option('--reason <text>', 'shown in the public moderation log', OPERATOR_REASON)
    .action(async (username: string, roleInput: string, opts: { reason: string }) => {
      const role = parseRole(roleInput);
      await withDeps(getDeps, async (deps) => {
        const r = await assignRole(deps, { username, role, reason: opts.reason });
        process.stdout.write(r.previous === r.role ? `${r.username} is ${r.role === 'admin' ? 'an' : 'a'} ${r.role} already\n` : `${r.username}: ${r.previous} → ${r.role}\n`);
      });
    });

  user
    .command('list')
    .description('list accounts, oldest first: name, role, email, state, created')
    .option('--role <role>', `only this role (${ROLES.join(', ')})`)
    .action(async (opts: { role?: string }) => {
      const role = opts.role === undefined ? undefined : parseRole(opts.role);
      await withDeps(getDeps, async (deps) => {
        for (const a of await listAccounts(deps, { role })) {
          const state = a.isBanned ? 'banned' : a.isVerified ? 'verified' : 'unverified';
          process.stdout.write(`${a.username}\t${a.role}\t${a.email}\t${state}\t${a.createdAt}\n`);
        }
      });
    });
}
