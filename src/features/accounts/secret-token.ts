import crypto from 'node:crypto';

/**
 * Secrets handed to a browser or a mailbox: 256 random bits, base64url. Only `hashToken` of a
 * token is stored, so a leaked database does not leak working sessions or reset links. SHA-256
 * without salt is enough here: the input is random, not a guessable password.
 */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Whether a string could be a token of ours (cheap check before any database look-up). */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
