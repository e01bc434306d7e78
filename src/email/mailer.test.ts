import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, MailHeaderError } from './mailer';
import type { Logger } from '../log';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink';

describe('mailer', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('sends through a real SMTP server with both parts and extra headers', async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: 'Paperboy <papers@paperboy.test>', log: silent() });
    const before = sink.mails.length;
    const { messageId } = await mailer.send({
      to: 'ada@example.org',
      subject: 'Verify your address',
      text: 'Open https://paperboy.test/verify',
      html: '<p>Open <a href="https://paperboy.test/verify">this</a></p>',
      headers: { 'X-Paperboy': 'yes' },
    });
    mailer.close();
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail!.to).toEqual(['ada@example.org']);
    expect(mail!.parsed.subject).toBe('Verify your address');
    expect(mail!.parsed.text).toContain('https://paperboy.test/verify');
    expect(mail!.parsed.html).toContain('<a href="https://paperboy.test/verify">');
    expect(mail!.parsed.messageId).toBe(messageId);
    expect(messageId).toMatch(/@paperboy\.test>$/);
    expect(mail!.parsed.headers.get('x-paperboy')).toBe('yes');
    expect(mail!.parsed.date).toBeInstanceOf(Date);
  });

  it('writes the mail to the log when no SMTP_URL is set', async () => {
    const lines: string[] = [];
    const mailer = createMailer({ smtpUrl: null, from: 'Paperboy <paperboy@localhost>', log: { ...silent(), info: (m) => lines.push(m) } });
    await mailer.send({ to: 'ada@example.org', subject: 'Reset', text: 'link: http://localhost:3000/reset/abc' });
    expect(lines.join('\n')).toContain('http://localhost:3000/reset/abc');
  });

  it.each([
    ['a line break in the subject', { to: 'ada@example.org', subject: 'Hi\r\nBcc: victim@example.org', text: 'x' }],
    ['a line break in the address', { to: 'ada@example.org\nBcc: victim@example.org', subject: 'Hi', text: 'x' }],
    ['two addresses', { to: 'ada@example.org, eve@example.org', subject: 'Hi', text: 'x' }],
    ['a line break in a header', { to: 'ada@example.org', subject: 'Hi', text: 'x', headers: { 'List-Id': 'a\nBcc: x@y' } }],
  ])('refuses %s, whatever the transport', async (_name, message) => {
    for (const smtpUrl of [null, sink.url]) {
      const mailer = createMailer({ smtpUrl, from: 'Paperboy <p@paperboy.test>', log: silent() });
      await expect(mailer.send(message)).rejects.toBeInstanceOf(MailHeaderError);
      mailer.close();
    }
  });
});

function silent(): Logger {
  return { debug() {}, info() {}, warn() {}, error() {} };
}
