import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../storage/database';
import { migrateToLatest } from '../storage/migrate';
import { insertOutboxRow, insertSubscription } from '../../test/subscriptions';
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

  it('refuses a missing address with a non-zero code', async () => {
    const r = await paperboy(['subscribers', 'suppress'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("missing required argument 'email'");
  });
});
