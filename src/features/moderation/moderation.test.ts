import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../test/accounts';
import { DIALECTS, type TestDb } from '../../../test/databases';
import { createTestDeps } from '../../../test/deps';
import type { Deps } from '../../deps';
import { toViewer, type Viewer } from '../../domain/account';
import { ForbiddenError } from '../../domain/forbidden-error';
import { findAccountById } from '../../storage/repos/accounts-repo';
import { banUser } from './ban-user';
import { listModerationLog } from './list-moderation-log';
import { setRole } from './set-role';

const SRC = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('the moderation log', () => {
  it('is append-only: no code updates or deletes its rows', () => {
    const offenders = sourceFiles(SRC).filter((f) => /(updateTable|deleteFrom)\(\s*['"]moderation_log/.test(fs.readFileSync(f, 'utf8')) || /(update|delete\s+from)\s+moderation_log/i.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe.each(DIALECTS)('moderation use cases on %s', (dialect) => {
  let deps: Deps & { db: TestDb };
  const viewer = async (id: number): Promise<Viewer> => toViewer((await findAccountById(deps.db, id))!);
  beforeEach(async () => {
    deps = await createTestDeps(dialect);
  });
  afterEach(() => deps.db.drop());

  it('two moderators banning the same user at once: one ban, one log entry', async () => {
    const [a, b] = [await createAccount(deps, { role: 'moderator' }), await createAccount(deps, { role: 'moderator' })];
    const target = await createAccount(deps);
    const results = await Promise.allSettled([
      banUser(deps, await viewer(a.id), { username: target.username, reason: 'spam' }),
      banUser(deps, await viewer(b.id), { username: target.username, reason: 'spam too' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await listModerationLog(deps, 1)).total).toBe(1);
  });

  it('a banned admin or moderator has no power, and setRole is for admins only', async () => {
    const admin = await createAccount(deps, { role: 'admin' });
    const member = await createAccount(deps);
    const bannedAdmin = { ...(await viewer(admin.id)), isBanned: true };
    await expect(banUser(deps, bannedAdmin, { username: member.username, reason: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setRole(deps, bannedAdmin, { username: member.username, role: 'admin', reason: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setRole(deps, null, { username: member.username, role: 'admin', reason: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await setRole(deps, await viewer(admin.id), { username: member.username, role: 'admin', reason: 'co-admin' })).toEqual({ username: member.username, role: 'admin' });
    expect((await listModerationLog(deps, 1)).items.map((e) => [e.action, e.moderator, e.targetUsername, e.reason])).toEqual([['set_role', admin.username, member.username, 'co-admin']]);
  });
});
