import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { Deps } from '../deps';
import { digestPeriodCovering, type DigestCadence } from '../domain/digest-schedule';
import { dateInTimeZone, parseDay } from '../domain/period';
import { renderDigestPreview } from '../features/digests/compose-digest';
import { composeDueDigests, countDueDigests } from '../features/digests/compose-due-digests';
import { deliverOutbox } from '../features/digests/deliver-outbox';
import { newRunnerId } from '../jobs/run-jobs';
import { countOutboxByStatus } from '../storage/repos/outbox-repo';
import { createCountProgress } from './count-progress';
import { withDeps } from './with-deps';

const PREVIEW_HELP = `
The daily digest covers one site day (the one before the day it is sent); the weekly one the
ISO week (Monday to Sunday) containing --date. Without --date: yesterday, or last week, in the
site's TIMEZONE. Without --html and --text the plain-text part goes to stdout.

Examples:
  paperboy digest preview --cadence daily --date 2026-08-21
  paperboy digest preview --cadence weekly --html week.html --text week.txt`;

const SEND_HELP = `
Composes every digest due now (each subscriber's DIGEST_HOUR in their time zone, weekly ones on
DIGEST_WEEKDAY, at most DIGEST_MAX_LATE_HOURS late) and sends the outbox. The job runner does the
same every minute; this is for running it by hand or from cron with RUN_JOBS=false. Safe to run
while the runner runs: each digest is composed once and each message sent by one sender.`;

/** `paperboy digest preview|send`: look at a digest, or compose and send what is due now. */
export function registerDigestCommand(program: Command, getDeps: () => Promise<Deps>): void {
  const digest = program.command('digest').description('preview a digest, or compose and send the digests that are due');

  digest
    .command('preview')
    .description('render the digest of a period (HTML and text) with the current papers and upvotes')
    .addOption(new Option('--cadence <cadence>', 'daily or weekly').choices(['daily', 'weekly']).makeOptionMandatory())
    .option('--date <YYYY-MM-DD>', 'the day covered (daily) or a day of the week covered (weekly)')
    .option('--html <file>', 'write the HTML part to this file')
    .option('--text <file>', 'write the plain-text part to this file')
    .addHelpText('after', PREVIEW_HELP)
    .action(async (opts: { cadence: DigestCadence; date?: string; html?: string; text?: string }) => {
      if (opts.date !== undefined) {
        const day = parseDay(opts.date);
        if (!day.ok) throw new Error(`--date: ${day.reason}`);
      }
      await withDeps(getDeps, async (deps) => {
        const date = opts.date ?? defaultDate(deps, opts.cadence);
        const period = digestPeriodCovering(opts.cadence, date);
        const preview = await renderDigestPreview(deps, { cadence: opts.cadence, period });
        if (opts.html) fs.writeFileSync(opts.html, preview.html);
        if (opts.text) fs.writeFileSync(opts.text, preview.text);
        if (!opts.html && !opts.text) process.stdout.write(`Subject: ${preview.subject}\n\n${preview.text}${preview.text.endsWith('\n') ? '' : '\n'}`);
        else process.stderr.write(`${period.key}: ${[opts.html, opts.text].filter(Boolean).join(' and ')} written (subject: ${preview.subject})\n`);
      });
    });

  digest
    .command('send')
    .description('compose the digests due now and deliver the outbox')
    .option('--dry-run', 'compose and send nothing; print how many subscriptions are due per period and how many messages wait')
    .addHelpText('after', SEND_HELP)
    .action(async (opts: { dryRun?: boolean }) => {
      await withDeps(getDeps, async (deps) => {
        const now = deps.now();
        const due = await countDueDigests(deps, { now });
        if (opts.dryRun) {
          for (const d of due) process.stdout.write(`${d.period.key}\t${d.timeZone}\t${d.due} due\t(since ${d.period.dueAt})\n`);
          const waiting = await countOutboxByStatus(deps.db);
          process.stdout.write(`${due.reduce((n, d) => n + d.due, 0)} digest(s) due in ${due.length} period(s); outbox: ${waiting.pending} pending, ${waiting.sending} sending\n`);
          return;
        }
        const composing = createCountProgress(process.stderr, { label: 'composing', total: due.reduce((n, d) => n + d.due, 0) });
        const composed = await composeDueDigests(deps, { now, onProgress: (r) => composing.update(r.composed + r.exists) });
        composing.stop();
        process.stdout.write(`composed ${composed.composed} digest(s) in ${composed.dueGroups} due group(s); ${composed.emptyGroups} group(s) had no papers, ${composed.failed} failed\n`);

        const pending = (await countOutboxByStatus(deps.db)).pending;
        const sending = createCountProgress(process.stderr, { label: 'sending', total: pending });
        const report = await deliverOutbox(deps, { runnerId: newRunnerId(), onProgress: (r) => sending.update(r.sent + r.failed + r.retried + r.cancelled) });
        sending.stop();
        process.stdout.write(`sent ${report.sent}, to retry ${report.retried}, failed ${report.failed}, cancelled ${report.cancelled}\n`);
      });
    });
}

/** Yesterday in the site's zone (daily), or a day of last week (weekly): what a digest sent today covers. */
function defaultDate(deps: Deps, cadence: DigestCadence): string {
  const today = Date.parse(`${dateInTimeZone(deps.now(), deps.config.timeZone)}T00:00:00Z`);
  return new Date(today - (cadence === 'daily' ? 1 : 7) * 86_400_000).toISOString().slice(0, 10);
}
