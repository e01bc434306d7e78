import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../domain/input-error';

/**
 * What a new password must be (NIST SP 800-63B, OWASP ASVS 2.1): 8 to 256 characters, any
 * characters at all (spaces, emoji), no composition rules, never truncated, and not one of the
 * 10,000 most common passwords (common-passwords.txt, see scripts/build-common-passwords.ts) nor
 * the account's own user name or email address.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

let common: Set<string> | undefined;

/** Whether the password (compared without case) is on the shipped list of common passwords. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    fs
      .readFileSync(path.join(import.meta.dirname, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return common.has(password.toLowerCase());
}

/** Throws InputError saying what is wrong with a proposed password; returns it unchanged when fine. */
export function checkNewPassword(password: unknown, account: { username?: string; email?: string }): string {
  if (typeof password !== 'string') throw new InputError('password is required');
  // Length in characters as people count them (code points), not UTF-16 units.
  const length = [...password].length;
  if (length < PASSWORD_MIN) throw new InputError(`password must be at least ${PASSWORD_MIN} characters`);
  if (length > PASSWORD_MAX) throw new InputError(`password must be at most ${PASSWORD_MAX} characters`);
  if (isCommonPassword(password)) throw new InputError('this password is one of the most common ones; choose another');
  const lower = password.toLowerCase();
  if ((account.username && lower === account.username.toLowerCase()) || (account.email && lower === account.email.toLowerCase())) {
    throw new InputError('password must not be your user name or email address');
  }
  return password;
}
