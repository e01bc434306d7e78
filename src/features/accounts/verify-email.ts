import type { Deps } from '../../deps';
import { InputError } from '../../domain/input-error';
import { consumeAccountToken, findValidAccountToken } from '../../storage/repos/account-tokens-repo';
import { markEmailVerified } from '../../storage/repos/accounts-repo';
import { hashToken, isTokenShaped } from './secret-token';

const INVALID = 'This link is invalid, was already used or has expired. Log in and ask for a new one from your settings.';

/** Whether a verification link is still good (the GET shows a button; only the POST verifies). */
export async function checkVerificationToken(deps: Deps, token: unknown): Promise<void> {
  if (!isTokenShaped(token) || (await findValidAccountToken(deps.db, hashToken(token), 'verify_email', deps.now().toISOString())) === null) {
    throw new InputError(INVALID);
  }
}

/** Uses a verification link: the account's address is verified. Returns the account id. */
export async function verifyEmail(deps: Deps, token: unknown): Promise<number> {
  if (!isTokenShaped(token)) throw new InputError(INVALID);
  const now = deps.now().toISOString();
  const userId = await consumeAccountToken(deps.db, hashToken(token), 'verify_email', now);
  if (userId === null) throw new InputError(INVALID);
  await markEmailVerified(deps.db, userId, now);
  return userId;
}
