import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** A received mail: the envelope and the message parsed back by mailparser. */
export type ReceivedMail = { from: string; to: string[]; raw: string; parsed: ParsedMail };

export type SmtpSink = {
  /** `smtp://127.0.0.1:PORT` for SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** Resolves when `count` mails have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
};

export type SmtpSinkOptions = {
  /** Refuse this many messages (after DATA) before accepting any, e.g. to test retries. */
  rejectFirst?: number;
  /** The reply code of those refusals: 451 (try later, default) or a permanent 5xx such as 550. */
  rejectCode?: number;
};

/**
 * A real SMTP server (the `smtp-server` package) on a free local port that keeps every message it
 * accepts, parsed with `mailparser`: the tests read mail exactly as a mail client would.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  let rejected = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS of 127.0.0.1 per connection: it costs time (and the tests have no network).
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (rejected < (options.rejectFirst ?? 0)) {
          rejected += 1;
          const error = Object.assign(new Error(`Refused by the test sink (${options.rejectCode ?? 451})`), { responseCode: options.rejectCode ?? 451 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            for (const w of waiters.splice(0)) w();
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  // A client killed mid-transaction (the digest crash test) must not take the test process down.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${mails.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return mails.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
