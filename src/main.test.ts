import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPaperboy } from '../test/run-paperboy';


/** Runs the real `paperboy` binary in a scratch directory; never throws, returns code and output. */
async function paperboy(args: string[], env: Record<string, string> = {}) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-cli-'));
  try {
    return await runPaperboy(args, { cwd, env: { DATABASE_URL: `sqlite:${cwd}/p.db`, ...env } });
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

describe('the paperboy command', () => {
  it('lists its commands in --help', async () => {
    const r = await paperboy(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['serve', 'migrate', 'import']) expect(r.stdout).toContain(command);
  });

  it.each(['serve', 'migrate', 'import'])('has --help for %s', async (command) => {
    const r = await paperboy([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`paperboy ${command}`);
  });

  it('refuses an unknown command with a non-zero code and a reason', async () => {
    const r = await paperboy(['frobnicate']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('refuses a bad configuration with one message naming the variable', async () => {
    const r = await paperboy(['migrate'], { DATABASE_URL: 'mysql://nope', TIMEZONE: 'Mars/Olympus' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr).toContain('TIMEZONE');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('migrates an empty SQLite database', async () => {
    const r = await paperboy(['migrate']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('database is up to date');
  });

  it('says why when the database cannot be reached', async () => {
    const r = await paperboy(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: cannot prepare the database/);
  });
});
