import type { Deps } from '../../deps';
import { parseEmail } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { consumeAccountToken, findValidAccountToken } from '../../storage/repos/account-tokens-repo';
import { findAccountByEmail, findAccountById, markEmailVerified, updatePasswordHash } from '../../storage/repos/accounts-repo';
import { deleteUserSessions } from '../../storage/repos/sessions-repo';
import { RATE_RULES, takeRateLimit } from '../rate-limit';
import { issueAccountToken, sendAccountMail } from './account-mail';
import { hashPassword } from './password-hash';
import { checkNewPassword } from './password-policy';
import { hashToken, isTokenShaped } from './secret-token';

const INVALID = 'This reset link is invalid, was already used or has expired (links last one hour). Ask for a new one.';

/**
 * Mails a single-use reset link (1 hour) when the address has an account; answers the same
 * either way and returns at once (the mail goes out in the background), so the form cannot be
 * used to find out who has an account. The link is built from SITE_URL, never from the request's
 * Host header, so a forged Host cannot send the token to an attacker's site.
 */
export async function requestPasswordReset(deps: Deps, input: { email: unknown; ip: string }): Promise<void> {
  await takeRateLimit(deps, RATE_RULES.passwordResetPerIp, { key: input.ip });
  const email = parseEmail(input.email);
  sendAccountMail(deps, async () => {
    const account = await findAccountByEmail(deps.db, email);
    if (!account || account.bannedAt) return null;
    const token = await issueAccountToken(deps, account.id, 'reset_password');
    return {
      to: account.email,
      subject: 'Reset your Paperboy password',
      text: [
        `Hello ${account.username},`,
        '',
        'Someone (hopefully you) asked to reset the password of your Paperboy account. To choose a new one, open this link within one hour:',
        '',
        `${deps.config.siteUrl}/reset-password/${token}`,
        '',
        'The link works once. If you did not ask for it, ignore this mail: your password stays as it is.',
      ].join('\n'),
    };
  });
}

/** Whether a reset link is still good (to show the form). */
export async function checkResetToken(deps: Deps, token: unknown): Promise<void> {
  if (!isTokenShaped(token) || (await findValidAccountToken(deps.db, hashToken(token), 'reset_password', deps.now().toISOString())) === null) {
    throw new InputError(INVALID);
  }
}

/**
 * Sets a new password with a reset link, once. Every session of the account ends (whoever had
 * the old password is logged out), and the address counts as verified: the link proved it.
 */
export async function resetPassword(deps: Deps, input: { token: unknown; password: unknown }): Promise<number> {
  if (!isTokenShaped(input.token)) throw new InputError(INVALID);
  const tokenHash = hashToken(input.token);
  const now = deps.now().toISOString();
  const userId = await findValidAccountToken(deps.db, tokenHash, 'reset_password', now);
  const account = userId === null ? null : await findAccountById(deps.db, userId);
  if (!account) throw new InputError(INVALID);
  const password = checkNewPassword(input.password, account);
  const passwordHash = await hashPassword(password);
  // Consumed only now, so a password the policy refuses does not burn the link.
  if ((await consumeAccountToken(deps.db, tokenHash, 'reset_password', now)) === null) throw new InputError(INVALID);
  await updatePasswordHash(deps.db, account.id, passwordHash);
  await markEmailVerified(deps.db, account.id, now);
  await deleteUserSessions(deps.db, account.id);
  return account.id;
}
