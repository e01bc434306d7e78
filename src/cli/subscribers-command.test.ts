import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../storage/database';
import { migrateToLatest } from '../storage/migrate';
import { insertOutboxRow, insertSubscription, subscriptionState } from '../../test/subscriptions';
import { runPaperboy } from '../../test/run-paperboy';


/** Runs the real binary; returns code and output. */
function paperboy(args: string[], env: Record<string, string>) {
  return runPaperboy(args, { env: { LOG_LEVEL: 'error', ...env } });
}

describe('paperboy subscribers (the real binary, on SQLite)', () => {
  let dir: string;
  let env: Record<string, string>;
  let db: Db;
  let queued: { id: number; email: string };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-subscribers-'));
    env = { DATABASE_URL: `sqlite:${dir}/p.db` };
    db = openDatabase(env.DATABASE_URL!);
    await migrateToLatest(db);
    queued = await insertSubscription(db, { email: 'daily@example.org', cadence: 'daily' });
    await insertOutboxRow(db, queued);
    await insertSubscription(db, { email: 'weekly@example.org', cadence: 'weekly', timeZone: 'Europe/Paris' });
    await insertSubscription(db, { email: 'pending@example.org', status: 'pending' });
    await insertSubscription(db, { email: '=cmd@example.org', cadence: 'weekly' });
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists subscriptions, filtered by status and cadence', async () => {
    const all = await paperboy(['subscribers', 'list'], env);
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 4))).toEqual([
      ['daily@example.org', 'active', 'daily', 'UTC'],
      ['weekly@example.org', 'active', 'weekly', 'Europe/Paris'],
      ['pending@example.org', 'pending', 'daily', 'UTC'],
      ['=cmd@example.org', 'active', 'weekly', 'UTC'],
    ]);
    const weeklyActive = await paperboy(['subscribers', 'list', '--status', 'active', '--cadence', 'weekly'], env);
    expect(weeklyActive.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual(['weekly@example.org', '=cmd@example.org']);
  });

  it('exports CSV (quoted, no formulas) and JSON lines to stdout', async () => {
    const csv = await paperboy(['subscribers', 'export'], env);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,email,status,cadence,time_zone,user_id,created_at,confirmed_at,unsubscribed_at');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toContain(",'=cmd@example.org,");
    const jsonl = await paperboy(['subscribers', 'export', '--format', 'jsonl', '--status', 'pending'], env);
    expect(jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ email: 'pending@example.org', status: 'pending', confirmed_at: null })]);
  });

  it('suppresses an address: its subscription ends and its queued digest is cancelled; again says so', async () => {
    const r = await paperboy(['subscribers', 'suppress', 'Daily@Example.org', '--reason', 'complaint', '--detail', 'reported by hand'], env);
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, stdout: 'suppressed daily@example.org (complaint); subscription ended; 1 queued digest cancelled\n' });
    expect(await db.kysely.selectFrom('suppressions').selectAll().executeTakeFirst()).toMatchObject({ email: 'daily@example.org', reason: 'complaint', detail: 'reported by hand' });
    expect(await db.kysely.selectFrom('digest_outbox').select('status').where('subscription_id', '=', queued.id).execute()).toEqual([{ status: 'cancelled' }]);
    const again = await paperboy(['subscribers', 'suppress', 'daily@example.org'], env);
    expect(again).toMatchObject({ code: 0, stdout: 'daily@example.org was suppressed already\n' });
  });

  it.each([
    [['subscribers', 'list', '--status', 'gone'], 'error: status must be one of pending, active, unsubscribed\n'],
    [['subscribers', 'list', '--cadence', 'hourly'], 'error: cadence must be "daily" or "weekly"\n'],
    [['subscribers', 'export', '--format', 'xml'], 'error: --format must be csv or jsonl, not "xml"\n'],
    [['subscribers', 'suppress', 'not-an-address'], 'error: that does not look like an email address\n'],
    [['subscribers', 'suppress', 'a@example.org', '--reason', 'boredom'], 'error: reason must be one of bounce, complaint, manual\n'],
  ])('refuses %j with one line and a non-zero code', async (args, message) => {
    const r = await paperboy(args, env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe(message);
  });

  it('unsubscribes by mail: a message piped in, addressed to the List-Unsubscribe mailto, ends that subscription', async () => {
    const reader = await insertSubscription(db, { email: 'mailto-reader@example.org' });
    const { token } = await insertOutboxRow(db, reader);
    const message = `Return-Path: <mailto-reader@example.org>\r\nDelivered-To: unsubscribe+${token}@papers.example.org\r\nFrom: mailto-reader@example.org\r\nTo: <unsubscribe+${token}@papers.example.org>\r\nSubject: unsubscribe\r\n\r\nThis message was generated automatically.\r\n`;
    const r = await runPaperboy(['subscribers', 'unsubscribe-mail'], { env: { LOG_LEVEL: 'error', ...env }, stdin: message });
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, stdout: 'unsubscribed mailto-reader@example.org; 1 queued digest cancelled\n' });
    expect(await subscriptionState(db, reader.id)).toEqual({ status: 'unsubscribed', outbox: ['cancelled'] });
    // The same message again (a client retrying), this time found through the MTA's envelope recipient only.
    const again = await runPaperboy(['subscribers', 'unsubscribe-mail', '--recipient', `unsubscribe+${token}@papers.example.org`], { env: { LOG_LEVEL: 'error', ...env }, stdin: 'Subject: bye\n\n' });
    expect(again).toMatchObject({ code: 0, stdout: 'already unsubscribed: mailto-reader@example.org\n' });
  });

  it.each([
    ['an empty message', '', 'error: the message is not addressed to an unsubscribe+<token>@ address\n'],
    ['a message to another address', 'To: editor@papers.example.org\n\nunsubscribe me', 'error: the message is not addressed to an unsubscribe+<token>@ address\n'],
    ['an unknown token', `To: unsubscribe+${'Z'.repeat(43)}@papers.example.org\n\n`, 'error: unknown unsubscribe address (the link token matches no subscription)\n'],
    ['binary garbage', '\u0000\u0001\uffff'.repeat(1000), 'error: the message is not addressed to an unsubscribe+<token>@ address\n'],
  ])('unsubscribe-mail refuses %s with one line and a non-zero code (so the mail server bounces it), changing nothing', async (_name, stdin, message) => {
    const before = await db.kysely.selectFrom('subscriptions').select(['id', 'status']).orderBy('id').execute();
    const r = await runPaperboy(['subscribers', 'unsubscribe-mail'], { env: { LOG_LEVEL: 'error', ...env }, stdin });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe(message);
    expect(await db.kysely.selectFrom('subscriptions').select(['id', 'status']).orderBy('id').execute()).toEqual(before);
  });

  it('refuses a missing address with a non-zero code', async () => {
    const r = await paperboy(['subscribers', 'suppress'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("missing required argument 'email'");
  });
});
