import { InputError } from './input-error';

/** What an account may do beyond reading. Moderators hide comments, remove listings, ban users. */
export type Role = 'user' | 'moderator' | 'admin';
export const ROLES: readonly Role[] = ['user', 'moderator', 'admin'];

/** A person with an account (imported submitters without credentials are not accounts). */
export type Account = {
  id: number;
  username: string;
  fullname: string;
  email: string;
  passwordHash: string;
  emailVerifiedAt: string | null;
  role: Role;
  bannedAt: string | null;
  createdAt: string;
};

/** The account behind a request, as the web and API layers see it. */
export type Viewer = {
  id: number;
  username: string;
  fullname: string;
  email: string;
  role: Role;
  isVerified: boolean;
  isBanned: boolean;
  createdAt: string;
};

/** The viewer of an account. */
export function toViewer(account: Account): Viewer {
  return {
    id: account.id,
    username: account.username,
    fullname: account.fullname,
    email: account.email,
    role: account.role,
    isVerified: account.emailVerifiedAt !== null,
    isBanned: account.bannedAt !== null,
    createdAt: account.createdAt,
  };
}

/** Moderators and admins. */
export function isModerator(viewer: Viewer | null): boolean {
  return viewer !== null && !viewer.isBanned && (viewer.role === 'moderator' || viewer.role === 'admin');
}

const USERNAME = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,37}[A-Za-z0-9])?$/;

/** A user name: 1–39 letters, digits, `-` or `_`, starting and ending with a letter or digit (as on GitHub and HF). */
export function parseUsername(input: unknown): string {
  const value = typeof input === 'string' ? input.trim() : '';
  if (!value) throw new InputError('user name is required');
  if (!USERNAME.test(value)) throw new InputError('user name must be 1–39 letters, digits, "-" or "_", starting and ending with a letter or digit');
  return value;
}

/**
 * An email address, lower-cased (addresses are compared without case). Deliberately simple: one
 * `@`, no spaces or angle brackets, a dot in the domain, at most 254 characters. Whether it
 * really exists is what the verification mail proves.
 */
export function parseEmail(input: unknown): string {
  const value = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (!value) throw new InputError('email address is required');
  if (value.length > 254 || /[\u0000-\u001f\u007f]/.test(value) || !/^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/.test(value)) {
    throw new InputError('that does not look like an email address');
  }
  return value;
}
