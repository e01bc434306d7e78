import type { Command } from 'commander';
import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import { CADENCES, parseCadence, parseSubscriptionStatus, SUBSCRIPTION_STATUSES, SUPPRESSION_REASONS, type Subscription } from '../domain/subscription';
import { listSubscribers } from '../features/subscriptions/list-subscribers';
import { suppressAddress } from '../features/subscriptions/suppress-address';
import { withDeps } from './with-deps';

const EXPORT_COLUMNS = ['id', 'email', 'status', 'cadence', 'time_zone', 'user_id', 'created_at', 'confirmed_at', 'unsubscribed_at'] as const;

/**
 * `paperboy subscribers list|export|suppress`: the operator's view of the digest subscribers.
 * Each calls a use case; a refused input (unknown status, bad address) throws an InputError,
 * which main.ts prints as one `error: <reason>` line with a non-zero exit code.
 */
export function registerSubscribersCommand(program: Command, getDeps: () => Promise<Deps>): void {
  const subscribers = program.command('subscribers').description('list, export and suppress digest subscribers');

  subscribers
    .command('list')
    .description('one line per subscription, oldest first: email, status, cadence, time zone, created, confirmed')
    .option('--status <status>', `only this status (${SUBSCRIPTION_STATUSES.join(', ')})`)
    .option('--cadence <cadence>', `only this cadence (${CADENCES.join(', ')})`)
    .action(async (opts: { status?: string; cadence?: string }) => {
      const filter = parseFilter(opts);
      await withDeps(getDeps, async (deps) => {
        for await (const s of listSubscribers(deps, filter)) {
          await write(`${s.email}\t${s.status}\t${s.cadence}\t${s.timeZone}\t${s.createdAt}\t${s.confirmedAt ?? '-'}\n`);
        }
      });
    });

  subscribers
    .command('export')
    .description('every subscription to stdout as CSV (with a header row) or JSON lines')
    .option('--format <format>', 'csv | jsonl', 'csv')
    .option('--status <status>', `only this status (${SUBSCRIPTION_STATUSES.join(', ')})`)
    .option('--cadence <cadence>', `only this cadence (${CADENCES.join(', ')})`)
    .addHelpText('after', '\nCSV cells that a spreadsheet would run as a formula (starting with = + - @) are prefixed with \'; JSON lines are exact.')
    .action(async (opts: { format: string; status?: string; cadence?: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'jsonl') throw new InputError(`--format must be csv or jsonl, not "${opts.format}"`);
      const filter = parseFilter(opts);
      await withDeps(getDeps, async (deps) => {
        if (opts.format === 'csv') await write(`${EXPORT_COLUMNS.join(',')}\n`);
        for await (const s of listSubscribers(deps, filter)) {
          const record = exportRecord(s);
          await write(opts.format === 'csv' ? `${EXPORT_COLUMNS.map((c) => csvCell(record[c])).join(',')}\n` : `${JSON.stringify(record)}\n`);
        }
      });
    });

  subscribers
    .command('suppress')
    .description('never mail an address again: ends its subscription and cancels its queued digests')
    .argument('<email>', 'the address')
    .option('--reason <reason>', SUPPRESSION_REASONS.join(' | '), 'manual')
    .option('--detail <text>', 'a note kept with the suppression')
    .action(async (email: string, opts: { reason: string; detail?: string }) => {
      await withDeps(getDeps, async (deps) => {
        const r = await suppressAddress(deps, { email, reason: opts.reason, detail: opts.detail });
        const parts = [r.isNew ? `suppressed ${r.email} (${opts.reason.trim().toLowerCase()})` : `${r.email} was suppressed already`];
        if (r.unsubscribed) parts.push('subscription ended');
        if (r.cancelled > 0) parts.push(`${r.cancelled} queued digest${r.cancelled === 1 ? '' : 's'} cancelled`);
        await write(`${parts.join('; ')}\n`);
      });
    });
}

function parseFilter(opts: { status?: string; cadence?: string }) {
  return {
    status: opts.status === undefined ? undefined : parseSubscriptionStatus(opts.status),
    cadence: opts.cadence === undefined ? undefined : parseCadence(opts.cadence),
  };
}

function exportRecord(s: Subscription): Record<(typeof EXPORT_COLUMNS)[number], string | number | null> {
  return {
    id: s.id,
    email: s.email,
    status: s.status,
    cadence: s.cadence,
    time_zone: s.timeZone,
    user_id: s.userId,
    created_at: s.createdAt,
    confirmed_at: s.confirmedAt,
    unsubscribed_at: s.unsubscribedAt,
  };
}

/** RFC 4180 quoting, and no cell a spreadsheet would evaluate (CSV injection). */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes to stdout, waiting when the pipe is full (an export of any size into `| head` or a slow disk). */
function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}
