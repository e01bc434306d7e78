import type { Deps } from '../../deps';
import { classifySendFailure, retryDelayMs } from '../../domain/delivery-retry';
import { createMailer, MailHeaderError, type Mailer } from '../../email/mailer';
import {
  cancelOutboxMessage,
  checkOutboxDeliverable,
  claimOutboxBatch,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  recoverStaleOutbox,
  type OutboxMessage,
} from '../../storage/repos/outbox-repo';

/** How one delivery run went. */
export type DeliveryReport = {
  sent: number;
  /** Given up: a permanent SMTP refusal (5xx) or the last of config.digestMaxAttempts. */
  failed: number;
  /** Transient failures (4xx, no connection, timeout), back to pending with a backoff. */
  retried: number;
  /** No longer wanted when their turn came: unsubscribed, suppressed, address or cadence changed. */
  cancelled: number;
  /** Messages found in `sending` past the lease (a sender died) and put back to pending. */
  recovered: number;
};

export type DeliverOutboxInput = {
  /** Names this sender in claimed_by; unique per process (and per run). */
  runnerId: string;
  /** Messages claimed at a time. */
  batchSize?: number;
  /**
   * A message in `sending` whose claim was last renewed longer ago than this belongs to a dead
   * sender and is recovered at the start of the run. A live sender renews its claim before a
   * send once half the lease has passed, so the lease only has to outlast one SMTP transaction
   * plus half a lease. 0 recovers every `sending` row (only when no other sender can be running,
   * e.g. a restart of the only one).
   */
  leaseSeconds?: number;
  /** Stop after claiming this many (default: until nothing is due). */
  maxMessages?: number;
  /** SMTP transactions in flight at once (over the pooled connections). */
  concurrency?: number;
  /** The mailer; default: a pooled SMTP mailer from config for this run, or deps.mailer (the log) without SMTP_URL. */
  mailer?: Mailer;
  /** Called after each message (the CLI shows a line every few seconds). */
  onProgress?: (report: DeliveryReport) => void;
};

/**
 * Sends what is due in the outbox. Each message is claimed in a batch (`pending → sending`, SKIP
 * LOCKED on PostgreSQL so concurrent senders split the work), re-checked right before its SMTP
 * transaction (still this sender's claim; subscription still active, address not suppressed —
 * otherwise cancelled, not sent), sent, and marked `sent` with its Message-ID right after the
 * server accepted it — not per batch — so a crash repeats at most the messages whose SMTP
 * transaction had completed but not yet been recorded. Rows a dead sender left in `sending` go
 * back to pending after the lease. Transient failures retry with exponential backoff and jitter;
 * a permanent refusal, or the last allowed attempt, marks the message failed.
 */
export async function deliverOutbox(deps: Deps, input: DeliverOutboxInput): Promise<DeliveryReport> {
  const { runnerId } = input;
  const batchSize = input.batchSize ?? 50;
  const leaseMs = (input.leaseSeconds ?? 120) * 1000;
  const concurrency = Math.max(1, input.concurrency ?? 4);
  const report: DeliveryReport = { sent: 0, failed: 0, retried: 0, cancelled: 0, recovered: 0 };

  report.recovered = await recoverStaleOutbox(deps.db, { claimedBefore: new Date(deps.now().getTime() - leaseMs).toISOString() });
  if (report.recovered > 0) deps.log.warn(`digest delivery: ${report.recovered} message(s) left in sending by a stopped sender, queued again`);

  const ownMailer = !input.mailer && deps.config.smtpUrl ? createMailer({ smtpUrl: deps.config.smtpUrl, from: deps.config.mailFrom, log: deps.log, pool: true }) : null;
  const mailer = input.mailer ?? ownMailer ?? deps.mailer;
  let lastLog = Date.now();
  const progress = () => {
    input.onProgress?.(report);
    if (Date.now() - lastLog >= 5000) {
      lastLog = Date.now();
      deps.log.info(`digest delivery: ${report.sent} sent, ${report.retried} retried, ${report.failed} failed, ${report.cancelled} cancelled`);
    }
  };

  try {
    let claimed = 0;
    for (;;) {
      const limit = input.maxMessages === undefined ? batchSize : Math.min(batchSize, input.maxMessages - claimed);
      if (limit <= 0) break;
      const batch = await claimOutboxBatch(deps.db, { runnerId, now: deps.now().toISOString(), limit });
      if (batch.length === 0) break;
      claimed += batch.length;
      let next = 0;
      const worker = async () => {
        while (next < batch.length) {
          await deliverOne(deps, mailer, { runnerId, leaseMs }, batch[next++]!, report);
          progress();
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
    }
  } finally {
    ownMailer?.close();
  }
  return report;
}

async function deliverOne(deps: Deps, mailer: Mailer, run: { runnerId: string; leaseMs: number }, m: OutboxMessage, report: DeliveryReport): Promise<void> {
  const { runnerId } = run;
  const now = deps.now().getTime();
  // Renew the claim once half the lease has gone, so a slow batch is not taken for a dead one.
  const renewIfClaimedBefore = new Date(now - run.leaseMs / 2).toISOString();
  const check = await checkOutboxDeliverable(deps.db, { id: m.id, runnerId, now: new Date(now).toISOString(), renewIfClaimedBefore });
  if (check.state === 'lost') return; // recovered and claimed by another sender meanwhile: theirs now
  if (check.state === 'unwanted') {
    if (await cancelOutboxMessage(deps.db, { id: m.id, reason: check.reason })) report.cancelled += 1;
    return;
  }

  let messageId: string;
  try {
    ({ messageId } = await mailer.send({ to: m.email, subject: m.subject, text: m.text, html: m.html, headers: m.headers }));
  } catch (error) {
    const attempt = m.attempts + 1;
    const detail = describe(error);
    const kind = error instanceof MailHeaderError ? 'permanent' : classifySendFailure(error);
    if (kind === 'permanent' || attempt >= deps.config.digestMaxAttempts) {
      await markOutboxFailed(deps.db, { id: m.id, runnerId, error: detail });
      report.failed += 1;
      deps.log.warn(`digest ${m.id} to ${m.email} failed after ${attempt} attempt(s): ${detail}`);
    } else {
      const nextAttemptAt = new Date(deps.now().getTime() + retryDelayMs(attempt)).toISOString();
      await markOutboxRetry(deps.db, { id: m.id, runnerId, nextAttemptAt, error: detail });
      report.retried += 1;
    }
    return;
  }
  if (!(await markOutboxSent(deps.db, { id: m.id, runnerId, messageId, sentAt: deps.now().toISOString() }))) {
    deps.log.warn(`digest ${m.id} was sent but its claim had passed to another sender (lease too short?)`);
  }
  report.sent += 1;
}

function describe(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; message?: string };
  return [e.responseCode, e.code, e.message ?? String(error)].filter((x) => x !== undefined && x !== '').join(' ').replace(/\s+/g, ' ');
}
