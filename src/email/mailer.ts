import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from '../log';

/** One outgoing mail. `to` is a single address; header values never contain CR or LF. */
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
};

/** Sends mail; every mail Paperboy sends goes through one of these. */
export type Mailer = {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
};

export type MailerOptions = {
  /** `smtp://…` or `smtps://…`; null writes each mail to the log instead. */
  smtpUrl: string | null;
  from: string;
  log: Logger;
  /** Keep SMTP connections open between mails (digests); accounts mail is fine either way. */
  pool?: boolean;
};

/**
 * The mailer for the configured transport: SMTP through nodemailer when `SMTP_URL` is set,
 * otherwise the log, so a newcomer's site works (and shows its verification links) without a
 * mail server. Both refuse header values with line breaks, whatever the caller passes.
 */
export function createMailer(options: MailerOptions): Mailer {
  const domain = fromDomain(options.from);
  if (!options.smtpUrl) {
    return {
      async send(message) {
        checkHeaders(message);
        const messageId = `<${crypto.randomUUID()}@${domain}>`;
        options.log.info(`mail (no SMTP_URL; not sent) to ${message.to}: ${message.subject}\n${message.text}`);
        return { messageId };
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(options.pool ? `${options.smtpUrl}${options.smtpUrl.includes('?') ? '&' : '?'}pool=true` : options.smtpUrl);
  return {
    async send(message) {
      checkHeaders(message);
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId: `<${crypto.randomUUID()}@${domain}>`,
        date: new Date(),
      });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/** Thrown for a message that would smuggle a header: a line break in a header value. */
export class MailHeaderError extends Error {}

function checkHeaders(message: MailMessage): void {
  const values = [message.to, message.subject, ...Object.entries(message.headers ?? {}).flat()];
  if (values.some((v) => /[\r\n]/.test(v))) throw new MailHeaderError('a mail header value contains a line break');
  if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+$/.test(message.to)) throw new MailHeaderError(`not a single mail address: ${JSON.stringify(message.to)}`);
}

function fromDomain(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'paperboy.invalid';
}
