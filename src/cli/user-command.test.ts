import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../features/accounts/password-hash';
import { openDatabase } from '../storage/database';
import { runPaperboy } from '../../test/run-paperboy';


/** Runs the real binary with `stdin` piped in (not a terminal); returns code and output. */
function paperboy(args: string[], stdin: string, env: Record<string, string>) {
  return runPaperboy(args, { stdin, env: { LOG_LEVEL: 'error', ...env } });
}

describe('paperboy user (the real binary, on SQLite)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-user-'));
    env = { DATABASE_URL: `sqlite:${dir}/p.db` };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a verified admin with the password from stdin, hashed with argon2id', async () => {
    const r = await paperboy(['user', 'create', '--username', 'ada', '--email', 'Ada@Example.org', '--admin'], 'a long and unusual pass phrase\n', env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created admin ada \(id \d+, verified\)\n$/);
    const db = openDatabase(env.DATABASE_URL!);
    const row = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'ada').executeTakeFirstOrThrow();
    await db.close();
    expect(row).toMatchObject({ email: 'ada@example.org', role: 'admin', banned_at: null });
    expect(row.email_verified_at).not.toBeNull();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.password_hash!, 'a long and unusual pass phrase')).toBe(true);
  });

  it('refuses a common password, a taken name and a taken address with one line and a non-zero code', async () => {
    const weak = await paperboy(['user', 'create', '--username', 'bob', '--email', 'bob@example.org'], 'password\n', env);
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toBe('error: this password is one of the most common ones; choose another\n');
    const name = await paperboy(['user', 'create', '--username', 'ADA', '--email', 'other@example.org'], 'another fine pass phrase\n', env);
    expect(name.code).not.toBe(0);
    expect(name.stderr).toBe('error: the user name "ADA" is taken\n');
    const email = await paperboy(['user', 'create', '--username', 'carol', '--email', 'ada@example.org'], 'another fine pass phrase\n', env);
    expect(email.code).not.toBe(0);
    expect(email.stderr).toBe('error: the address ada@example.org has an account already\n');
    const none = await paperboy(['user', 'create', '--username', 'dan', '--email', 'dan@example.org'], '', env);
    expect(none.code).not.toBe(0);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toContain('no password on stdin');
  });

  it('sets roles and lists accounts, by role too', async () => {
    await paperboy(['user', 'create', '--username', 'mia', '--email', 'mia@example.org'], 'yet another pass phrase\n', env);
    const set = await paperboy(['user', 'set-role', 'mia', 'moderator'], '', env);
    expect(set).toMatchObject({ code: 0, stdout: 'mia: user → moderator\n' });
    const bad = await paperboy(['user', 'set-role', 'mia', 'boss'], '', env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe('error: the role must be one of user, moderator, admin\n');
    const unknown = await paperboy(['user', 'set-role', 'nobody', 'admin'], '', env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toBe('error: there is no account "nobody"\n');
    const all = await paperboy(['user', 'list'], '', env);
    expect(all.stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 4))).toEqual([
      ['ada', 'admin', 'ada@example.org', 'verified'],
      ['mia', 'moderator', 'mia@example.org', 'verified'],
    ]);
    const mods = await paperboy(['user', 'list', '--role', 'moderator'], '', env);
    expect(mods.stdout).toMatch(/^mia\tmoderator\t/);
    expect(mods.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('logs the roles it gives in the public moderation log, under "the operator", with the reason', async () => {
    await paperboy(['user', 'set-role', 'mia', 'admin', '--reason', 'runs the reading group'], '', env);
    const same = await paperboy(['user', 'set-role', 'mia', 'admin'], '', env);
    expect(same).toMatchObject({ code: 0, stdout: 'mia is an admin already\n' });
    const blank = await paperboy(['user', 'set-role', 'mia', 'user', '--reason', '  '], '', env);
    expect(blank.code).not.toBe(0);
    expect(blank.stderr).toBe('error: a reason is required: it is shown in the public moderation log\n');
    const db = openDatabase(env.DATABASE_URL!);
    const log = await db.kysely.selectFrom('moderation_log').select(['moderator_id', 'action', 'target_label', 'reason']).orderBy('id').execute();
    const mia = await db.kysely.selectFrom('users').select('role').where('username', '=', 'mia').executeTakeFirstOrThrow();
    await db.close();
    expect(mia.role).toBe('admin');
    expect(log).toEqual([
      { moderator_id: null, action: 'set_role', target_label: 'ada: new account → admin', reason: 'set by the operator from the command line' },
      { moderator_id: null, action: 'set_role', target_label: 'mia: user → moderator', reason: 'set by the operator from the command line' },
      { moderator_id: null, action: 'set_role', target_label: 'mia: moderator → admin', reason: 'runs the reading group' },
    ]);
  });

  it('refuses --admin together with --moderator', async () => {
    const r = await paperboy(['user', 'create', '--username', 'x', '--email', 'x@example.org', '--admin', '--moderator'], '', env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("option '--admin' cannot be used with option '--moderator'");
  });
});
