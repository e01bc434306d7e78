import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps';
import { InputError } from '../../domain/input-error';
import { DIALECTS, type TestDb } from '../../../test/databases';
import { createTestDeps } from '../../../test/deps';
import { findAccountByUsername } from '../../storage/repos/accounts-repo';
import { assignRole, createVerifiedAccount, listAccounts } from './create-verified-account';

describe.each(DIALECTS)('operator account commands on %s', (dialect) => {
  let deps: Deps & { db: TestDb };
  beforeEach(async () => {
    deps = await createTestDeps(dialect);
  });
  afterEach(() => deps.db.drop());

  it('creates a verified account with the given role', async () => {
    const created = await createVerifiedAccount(deps, { username: 'ada', email: 'ADA@example.org', password: 'a long and unusual pass phrase', role: 'admin' });
    expect(created).toMatchObject({ username: 'ada', role: 'admin' });
    const account = await findAccountByUsername(deps.db, 'ada');
    expect(account).toMatchObject({ email: 'ada@example.org', role: 'admin', emailVerifiedAt: deps.now().toISOString(), bannedAt: null });
    expect(account!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('applies the password policy and refuses taken names and addresses', async () => {
    await createVerifiedAccount(deps, { username: 'ada', email: 'ada@example.org', password: 'a long and unusual pass phrase', role: 'user' });
    const attempt = (over: Record<string, string>) =>
      createVerifiedAccount(deps, { username: 'bob', email: 'bob@example.org', password: 'another unusual phrase', role: 'user', ...over });
    await expect(attempt({ password: 'short' })).rejects.toThrow('password must be at least 8 characters');
    await expect(attempt({ password: 'password1' })).rejects.toThrow(InputError);
    await expect(attempt({ password: 'bob@example.org' })).rejects.toThrow('must not be your user name or email');
    await expect(attempt({ username: 'ADA' })).rejects.toThrow('the user name "ADA" is taken');
    await expect(attempt({ email: 'Ada@Example.org' })).rejects.toThrow('the address ada@example.org has an account already');
    await expect(attempt({ username: '-bad-' })).rejects.toThrow(InputError);
    expect((await listAccounts(deps)).map((a) => a.username)).toEqual(['ada']);
  });

  it('sets roles and lists accounts by role', async () => {
    await createVerifiedAccount(deps, { username: 'ada', email: 'ada@example.org', password: 'a long and unusual pass phrase', role: 'admin' });
    await createVerifiedAccount(deps, { username: 'mia', email: 'mia@example.org', password: 'a long and unusual pass phrase', role: 'user' });
    expect(await assignRole(deps, { username: 'MIA', role: 'moderator' })).toEqual({ username: 'mia', previous: 'user', role: 'moderator' });
    expect((await listAccounts(deps, { role: 'moderator' })).map((a) => a.username)).toEqual(['mia']);
    expect((await listAccounts(deps, { role: 'user' })).length).toBe(0);
    await expect(assignRole(deps, { username: 'nobody', role: 'admin' })).rejects.toThrow('there is no account "nobody"');
  });
});
