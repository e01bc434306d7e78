import crypto from 'node:crypto';
import type { App } from '../src/app';
import type { Deps } from '../src/deps';
import type { Role } from '../src/domain/account';
import { hashPassword } from '../src/features/accounts/password-hash';
import { startSession } from '../src/features/accounts/sessions';
import { insertAccount, updateBan } from '../src/storage/repos/accounts-repo';
import { cookieName } from '../src/web/auth/cookies';

/** The password of every account made by createAccount. */
export const TEST_PASSWORD = 'a perfectly fine test password';
let hashed: Promise<string> | undefined;
let counter = 0;

/** A logged-in test account: its credentials and what a browser would send with each request. */
export type TestAccount = {
  id: number;
  username: string;
  email: string;
  password: string;
  /** The Cookie header of its session. */
  cookie: string;
  /** The CSRF token forms carry in this session. */
  csrf: string;
  createdAt: string;
};

export type AccountOptions = {
  username?: string;
  role?: Role;
  /** Email verified (default true). */
  verified?: boolean;
  banned?: boolean;
  /** Default: 30 days before deps.now() (an established account). */
  createdAt?: string;
};

/** Inserts an account with TEST_PASSWORD and logs it in (a session row + cookie), without HTTP. */
export async function createAccount(deps: Deps, options: AccountOptions = {}): Promise<TestAccount> {
  counter += 1;
  const username = options.username ?? `member${process.pid}x${counter}`;
  const email = `${username.toLowerCase()}@example.org`;
  const createdAt = options.createdAt ?? new Date(deps.now().getTime() - 30 * 24 * 3600 * 1000).toISOString();
  hashed ??= hashPassword(TEST_PASSWORD);
  const id = await insertAccount(deps.db, {
    username,
    email,
    passwordHash: await hashed,
    role: options.role ?? 'user',
    emailVerifiedAt: options.verified === false ? null : createdAt,
    createdAt,
  });
  if (id === null) throw new Error(`account ${username} exists already`);
  const token = await startSession(deps, id, { ip: '127.0.0.1', userAgent: 'vitest' });
  if (options.banned) await updateBan(deps.db, id, { at: deps.now().toISOString(), reason: 'test ban' });
  return {
    id,
    username,
    email,
    password: TEST_PASSWORD,
    cookie: `${cookieName(deps.config, 'session')}=${token}`,
    csrf: crypto.createHash('sha256').update(`csrf:${token}`).digest('base64url'),
    createdAt,
  };
}

/**
 * A same-site form POST as a browser sends it: Origin of SITE_URL, Sec-Fetch-Site same-origin,
 * the account's session cookie and its CSRF token (anonymous when `account` is null).
 */
export function postForm(app: App, deps: Deps, path: string, account: TestAccount | null, fields: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(sendForm(app, deps, path, account, fields, headers));
}

function sendForm(app: App, deps: Deps, path: string, account: TestAccount | null, fields: Record<string, string>, headers: Record<string, string>) {
  const body = new URLSearchParams({ ...(account ? { _csrf: account.csrf } : {}), ...fields });
  return app.request(`${deps.config.siteUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: new URL(deps.config.siteUrl).origin,
      'sec-fetch-site': 'same-origin',
      ...(account ? { cookie: account.cookie } : {}),
      ...headers,
    },
    body,
  });
}

/** A GET as the account's browser (or anonymous). */
export function getAs(app: App, deps: Deps, path: string, account: TestAccount | null): Promise<Response> {
  return Promise.resolve(app.request(`${deps.config.siteUrl}${path}`, { headers: account ? { cookie: account.cookie } : {} }));
}
