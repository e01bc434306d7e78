import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/databases';
import { insertSubscription } from '../../test/digests';
import { insertListing, insertPaper } from '../../test/factories';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink';
import { runPaperboy } from '../../test/run-paperboy';


/** The real binary against `db`; never throws, returns the code and output. */
async function paperboy(db: TestDb, args: string[], env: Record<string, string> = {}) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-digest-cli-'));
  const r = await runPaperboy(args, { cwd, env: { DATABASE_URL: db.url, SITE_URL: 'http://paperboy.test', IMPORT_SAMPLE: 'false', LOG_LEVEL: 'error', ...env } });
  return { ...r, cwd };
}

describe('paperboy digest', () => {
  let db: TestDb;
  let sink: SmtpSink;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
    sink = await startSmtpSink();
    await insertListing(db, await insertPaper(db, { title: 'Attention Is Still All You Need', upvotes: 42 }), '2026-08-21');
    await insertListing(db, await insertPaper(db, { title: 'A Paper of Tuesday', upvotes: 3 }), '2026-08-18');
  });
  afterAll(async () => {
    await sink?.close();
    await db?.drop();
  });

  it('preview --cadence daily --date prints the subject and the text part', async () => {
    const r = await paperboy(db, ['digest', 'preview', '--cadence', 'daily', '--date', '2026-08-21']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Subject: .*Friday 21 August 2026/);
    expect(r.stdout).toContain('Attention Is Still All You Need');
    expect(r.stdout).not.toContain('A Paper of Tuesday');
  });

  it('preview --cadence weekly writes the HTML and text to files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-preview-'));
    const html = path.join(dir, 'week.html');
    const text = path.join(dir, 'week.txt');
    const r = await paperboy(db, ['digest', 'preview', '--cadence', 'weekly', '--date', '2026-08-20', '--html', html, '--text', text]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('weekly:2026-W34');
    expect(fs.readFileSync(html, 'utf8')).toMatch(/<html[\s\S]*A Paper of Tuesday[\s\S]*<\/html>/i);
    expect(fs.readFileSync(text, 'utf8')).toContain('Attention Is Still All You Need');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [['digest', 'preview', '--cadence', 'hourly'], /argument 'hourly' is invalid/],
    [['digest', 'preview'], /required option '--cadence <cadence>' not specified/],
    [['digest', 'preview', '--cadence', 'daily', '--date', '2026-02-30'], /^error: --date: 2026-02-30 is not a calendar date$/],
    [['digest', 'preview', '--cadence', 'daily', '--date', 'yesterday'], /^error: --date: "yesterday" is not a date; expected YYYY-MM-DD$/],
    [['jobs', 'run', '--only', 'compose-digests,nap'], /^error: --only: unknown job nap/],
  ])('refuses %j with a non-zero code and a one-line reason', async (args, reason) => {
    const r = await paperboy(db, args);
    expect(r.code).not.toBe(0);
    const first = r.stderr.split('\n')[0]!;
    expect(first).toMatch(reason);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('send --dry-run counts what is due and composes nothing; send composes and delivers it', async () => {
    // The clock of the binary is the real one: a subscriber in the zone where it is now past 07:00
    // and at most 12 h late is due (some zone always is, between −12 and +14).
    const zone = ['Etc/GMT+12', 'Etc/GMT+6', 'UTC', 'Etc/GMT-6', 'Etc/GMT-12'].find((z) => {
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: z, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
      return hour >= 8 && hour <= 18;
    })!;
    const yesterday = new Date(Date.parse(`${new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date())}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await insertListing(db, await insertPaper(db, { title: 'Fresh from yesterday', upvotes: 5 }), yesterday);
    const a = await insertSubscription(db, { timeZone: zone });
    const b = await insertSubscription(db, { timeZone: zone });

    const dry = await paperboy(db, ['digest', 'send', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`daily:${yesterday}\t${zone}\t2 due`);
    expect(dry.stdout).toContain('2 digest(s) due in 1 period(s); outbox: 0 pending');
    expect(await db.kysely.selectFrom('digest_outbox').selectAll().execute()).toHaveLength(0);

    const sent = await paperboy(db, ['digest', 'send'], { SMTP_URL: sink.url });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('composed 2 digest(s)');
    expect(sent.stdout).toContain('sent 2,');
    await sink.waitFor(2);
    expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([a.email, b.email].sort());

    const again = await paperboy(db, ['digest', 'send', '--dry-run']);
    expect(again.stdout).toContain(`daily:${yesterday}\t${zone}\t0 due`);
  });
});
