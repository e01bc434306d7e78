import type { Command } from 'commander';
import type { Deps } from '../deps';
import { InputError } from '../domain/input-error';
import { CADENCES, parseCadence, parseSubscriptionStatus, SUBSCRIPTION_STATUSES, SUPPRESSION_REASONS, type Subscription } from '../domain/subscription';
import { listSubscribers } from '../features/subscriptions/list-subscribers';
import { suppressAddress } from '../features/subscriptions/suppress-address';
import { unsubscribeByMail } from '../features/subscriptions/unsubscribe-by-mail';
import { MAX_HEADER_BYTES } from '../domain/unsubscribe-mail';
import { withDeps } from './with-deps';

const EXPORT_COLUMNS = ['id', 'email', 'status', 'cadence', 'time_zone', 'user_id', 'created_at', 'confirmed_at', 'unsubscribed_at'] as const;

/**
 * `paperboy subscribers list|export|suppress|unsubscribe-mail`: the operator's view of the digest subscribers.
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

  subscribers
    .command('unsubscribe-mail')
    .description('unsubscribe by mail: reads one message on stdin (as a mail server pipes it) and ends the subscription its unsubscribe+<token>@ address names')
    .option('--recipient <address...>', 'envelope recipient(s) given by the mail server, e.g. "$ORIGINAL_RECIPIENT" (the headers are read as well)')
    .addHelpText('after', [
      '',
      "Wire the List-Unsubscribe mailto to it, e.g. with Postfix: a recipient_delimiter of '+' and the alias",
      '  unsubscribe: "|paperboy subscribers unsubscribe-mail --recipient \\"$ORIGINAL_RECIPIENT\\""',
      'Exit code 0 when a subscription ended (or had ended already); otherwise non-zero with a one-line reason, so the server bounces the message.',
    ].join('\n'))
    .action(async (opts: { recipient?: string[] }) => {
      if (process.stdin.isTTY) throw new InputError('pipe the message in on stdin (paperboy subscribers unsubscribe-mail < message.eml)');
      const message = await readHead(process.stdin, MAX_HEADER_BYTES);
      await withDeps(getDeps, async (deps) => {
        for (const r of await unsubscribeByMail(deps, message, opts.recipient ?? [])) {
          const cancelled = r.cancelled > 0 ? `; ${r.cancelled} queued digest${r.cancelled === 1 ? '' : 's'} cancelled` : '';
          await write(`${r.changed ? 'unsubscribed' : 'already unsubscribed:'} ${r.subscription.email}${cancelled}\n`);
        }
      });
    });
}

/** The first `limit` bytes of a stream as UTF-8 text; the rest is read and dropped (a mail server wants its pipe drained). */
async function readHead(input: NodeJS.ReadableStream, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    if (size < limit) chunks.push(buffer.subarray(0, limit - size));
    size += buffer.length;
  }
  return Buffer.concat(chunks).toString('utf8');
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
