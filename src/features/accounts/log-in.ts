import type { Deps } from '../../deps';
import { toViewer, type Account, type Viewer } from '../../domain/account';
import { findValidAccountToken } from '../../storage/repos/account-tokens-repo';
import { findAccountByEmail, findAccountByUsername, updatePasswordHash } from '../../storage/repos/accounts-repo';
import { checkRateLimit, countRateLimit, RATE_RULES, resetRateLimit } from '../rate-limit';
import { issueAccountToken } from './account-mail';
import { AccountBannedError, LoginFailedError } from './auth-errors';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password-hash';
import { startSession } from './sessions';
import { hashToken, isTokenShaped } from './secret-token';

export type LogInInput = {
  /** User name or email address. */
  login: unknown;
  password: unknown;
  ip: string;
  userAgent: string | null;
  /** The browser's device cookie, if it has one (see below). */
  deviceToken: unknown;
};

export type LogInResult = { viewer: Viewer; sessionToken: string; deviceToken: string | null };

/**
 * Checks a user name (or email) and password and starts a session.
 *
 * Guessing is slowed by failure counters in the database: per IP, and per account name. The
 * per-account counter ignores browsers holding a device cookie for that account (OWASP's "device
 * cookies"): after a successful log-in a browser gets one, so an attacker who exhausts an
 * account's 100 failures an hour locks out only browsers that never logged in to it. Unknown
 * names are counted the same way as known ones and cost the same argon2 verification, so neither
 * the answer nor its timing tells whether an account exists.
 */
export async function logIn(deps: Deps, input: LogInInput): Promise<LogInResult> {
  const login = typeof input.login === 'string' ? input.login.trim() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  await checkRateLimit(deps, RATE_RULES.loginFailuresPerIp, { key: input.ip });

  const account = await findAccount(deps, login);
  const trusted = account !== null && (await holdsDeviceToken(deps, account.id, input.deviceToken));
  // Unknown names are counted under a hash of the name: any text fits, NUL bytes included.
  const accountKey = { key: account ? `user:${account.id}` : `name:${hashToken(login.toLowerCase())}` };
  if (!trusted) await checkRateLimit(deps, RATE_RULES.loginFailuresPerAccount, accountKey);

  let ok = false;
  if (account !== null && password.length > 0 && password.length <= 1024) ok = await verifyPassword(account.passwordHash, password);
  else await verifyAgainstDummy(password.slice(0, 1024));
  if (!ok || account === null) {
    await countRateLimit(deps, RATE_RULES.loginFailuresPerIp, { key: input.ip });
    if (!trusted) await countRateLimit(deps, RATE_RULES.loginFailuresPerAccount, accountKey);
    throw new LoginFailedError();
  }
  if (account.bannedAt) throw new AccountBannedError();
  if (needsRehash(account.passwordHash)) await updatePasswordHash(deps.db, account.id, await hashPassword(password));
  if (!trusted) await resetRateLimit(deps, RATE_RULES.loginFailuresPerAccount, accountKey);

  const sessionToken = await startSession(deps, account.id, { ip: input.ip, userAgent: input.userAgent });
  const deviceToken = trusted ? null : await issueAccountToken(deps, account.id, 'device');
  return { viewer: toViewer(account), sessionToken, deviceToken };
}

async function findAccount(deps: Deps, login: string): Promise<Account | null> {
  // No name or address contains control characters (PostgreSQL refuses NUL in text outright).
  if (!login || login.length > 254 || /[\u0000-\u001f\u007f]/.test(login)) return null;
  if (login.includes('@')) return findAccountByEmail(deps.db, login.toLowerCase());
  return findAccountByUsername(deps.db, login);
}

async function holdsDeviceToken(deps: Deps, userId: number, token: unknown): Promise<boolean> {
  if (!isTokenShaped(token)) return false;
  return (await findValidAccountToken(deps.db, hashToken(token), 'device', deps.now().toISOString())) === userId;
}
