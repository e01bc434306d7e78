import type { Deps } from '../../deps';
import { parseEmail, parseUsername } from '../../domain/account';
import { InputError } from '../../domain/input-error';
import { findAccountByUsername, insertAccount, isUsernameTaken } from '../../storage/repos/accounts-repo';
import { RATE_RULES, takeRateLimit } from '../rate-limit';
import { sendAccountMail, sendVerificationMail } from './account-mail';
import { hashPassword } from './password-hash';
import { checkNewPassword } from './password-policy';

export type SignUpInput = { username: unknown; email: unknown; password: unknown; ip: string };

/**
 * Creates an unverified account and mails a verification link. No account enumeration: when the
 * address already has an account, the caller gets the same (empty) answer after the same work (the
 * password is hashed either way), and the owner of the address gets a mail saying someone tried.
 * User names are public, so a taken one is said plainly.
 */
export async function signUp(deps: Deps, input: SignUpInput): Promise<void> {
  await takeRateLimit(deps, RATE_RULES.signUpPerIp, { key: input.ip });
  const username = parseUsername(input.username);
  const email = parseEmail(input.email);
  const password = checkNewPassword(input.password, { username, email });
  const passwordHash = await hashPassword(password);
  if (await isUsernameTaken(deps.db, username)) throw new InputError(`the user name "${username}" is taken; choose another`);
  const now = deps.now().toISOString();
  const id = await insertAccount(deps.db, { username, email, passwordHash, createdAt: now });
  if (id === null) {
    // Lost a race for the name, or the address has an account already.
    if (await isUsernameTaken(deps.db, username)) {
      const holder = await findAccountByUsername(deps.db, username);
      if (!holder || holder.email !== email) throw new InputError(`the user name "${username}" is taken; choose another`);
    }
    sendAccountMail(deps, {
      to: email,
      subject: 'Someone tried to sign up to Paperboy with your address',
      text: [
        'Someone (maybe you) tried to create a Paperboy account with this email address, which already has one.',
        '',
        `If it was you, log in at ${deps.config.siteUrl}/login, or reset your password at ${deps.config.siteUrl}/reset-password.`,
        'If it was not you, you can ignore this mail: nothing was changed.',
      ].join('\n'),
    });
    return;
  }
  sendVerificationMail(deps, { id, username, email });
}
