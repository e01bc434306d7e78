import type { Deps } from '../src/deps';
import type { Viewer } from '../src/domain/account';
import { createAccount, type AccountOptions, type TestAccount } from './accounts';

/**
 * A test account (see createAccount) together with the Viewer the web layer would hand a use
 * case for it, for tests that call features directly.
 */
export async function viewerFor(deps: Deps, options: AccountOptions = {}): Promise<Viewer & { account: TestAccount }> {
  const account = await createAccount(deps, options);
  return {
    id: account.id,
    username: account.username,
    fullname: account.username,
    email: account.email,
    role: options.role ?? 'user',
    isVerified: options.verified !== false,
    isBanned: options.banned === true,
    createdAt: account.createdAt,
    account,
  };
}
