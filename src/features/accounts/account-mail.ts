import type { Deps } from '../../deps';
import type { Account } from '../../domain/account';
import type { MailMessage } from '../../email/mailer';
import { insertAccountToken, revokeAccountTokens, type AccountTokenPurpose } from '../../storage/repos/account-tokens-repo';
import { RATE_RULES, takeRateLimit } from '../rate-limit';
import { hashToken, newToken } from './secret-token';

const HOUR = 3600 * 1000;
/** How long each kind of link stays valid. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 48 * HOUR,
  reset_password: 1 * HOUR,
  device: 365 * 24 * HOUR,
};

/** Creates a token of `purpose` for the account and returns the secret (only its hash is stored). */
export async function issueAccountToken(deps: Deps, userId: number, purpose: AccountTokenPurpose): Promise<string> {
  const token = newToken();
  const now = deps.now();
  if (purpose !== 'device') await revokeAccountTokens(deps.db, userId, purpose, now.toISOString());
  await insertAccountToken(deps.db, {
    tokenHash: hashToken(token),
    userId,
    purpose,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString(),
  });
  return token;
}

/**
 * Sends an account mail without making the caller wait: sign-up and reset answer at once whether
 * or not a mail goes out, so neither their timing nor their answer says whether an account
 * exists. At most a few account mails per address per hour, so nobody can mail-bomb an address
 * through our forms. Failures are logged.
 */
export function sendAccountMail(deps: Deps, message: MailMessage | (() => Promise<MailMessage | null>)): void {
  void (async () => {
    let to = typeof message === 'function' ? '(not yet known)' : message.to;
    try {
      // Composing may itself touch the database (issuing a token); that too stays off the answer's clock.
      const mail = typeof message === 'function' ? await message() : message;
      if (!mail) return;
      to = mail.to;
      await takeRateLimit(deps, RATE_RULES.accountMailPerAccount, { key: mail.to });
      await deps.mailer.send(mail);
    } catch (error) {
      deps.log.warn(`account mail to ${to} not sent: ${(error as Error).message}`);
    }
  })();
}

/** The verification mail (sent in the background): a link to a page whose button confirms the address. */
export function sendVerificationMail(deps: Deps, account: Pick<Account, 'id' | 'username' | 'email'>): void {
  sendAccountMail(deps, async () => ({
    to: account.email,
    subject: 'Confirm your email address for Paperboy',
    text: [
      `Hello ${account.username},`,
      '',
      'Please confirm that this is your email address by opening this link (valid for 48 hours):',
      '',
      `${deps.config.siteUrl}/verify-email/${await issueAccountToken(deps, account.id, 'verify_email')}`,
      '',
      'Once confirmed you can upvote, comment and submit papers.',
      'If you did not sign up for Paperboy, ignore this mail: nothing happens without the link.',
    ].join('\n'),
  }));
}
