import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases';
import { createTestDeps } from '../../../test/deps';
import { insertUser } from '../../../test/factories';
import type { Deps } from '../../deps';
import type { TestDb } from '../../../test/databases';
import { signUp } from '../../features/accounts/sign-up';
import { insertAccount } from './accounts-repo';

describe.each(DIALECTS)('account names are unique without case, in the database (%s)', (dialect) => {
  let deps: Deps & { db: TestDb };
  beforeAll(async () => {
    deps = await createTestDeps(dialect);
  });
  afterAll(async () => {
    await deps.db.drop();
  });

  const account = (username: string, email: string) => ({ username, email, passwordHash: 'x', createdAt: '2026-08-22T12:00:00.000Z' });

  it('refuses a second account whose name differs only in case (the index decides, not a prior check)', async () => {
    expect(await insertAccount(deps.db, account('Ada', 'ada@example.org'))).toEqual(expect.any(Number));
    expect(await insertAccount(deps.db, account('ada', 'other@example.org'))).toBeNull();
    expect(await insertAccount(deps.db, account('ADA', 'third@example.org'))).toBeNull();
    expect(await insertAccount(deps.db, account('Ada2', 'fourth@example.org'))).toEqual(expect.any(Number));
  });

  it('leaves imported submitters (no email) as Hugging Face names them', async () => {
    await insertUser(deps.db, { username: 'Grace' });
    await insertUser(deps.db, { username: 'grace' });
    const rows = await deps.db.kysely.selectFrom('users').select('username').where('username', 'in', ['Grace', 'grace']).execute();
    expect(rows).toHaveLength(2);
  });

  it('six simultaneous sign-ups as case variants of "Linus" make one account; the others are told the name is taken', async () => {
    const names = ['Linus', 'linus', 'LINUS', 'LiNuS', 'lInUs', 'LINUs'];
    const results = await Promise.allSettled(
      names.map((username, i) => signUp(deps, { username, email: `linus${i}@example.org`, password: 'a perfectly fine test password', ip: `192.0.2.${i + 1}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason.message).toMatch(/^the user name "linus" is taken; choose another$/i);
    }
    const rows = await deps.db.kysely.selectFrom('users').select('username').where('email', 'like', 'linus%').execute();
    expect(rows).toHaveLength(1);
  });
});
